/**
 * What ScheduledJob and LongRunningService share: the environment of a program's container, made
 * for its image's contract and ended with the environment file's `env`, and the containers that run
 * the same image to completion first (a migration), which get those of the file's values their own
 * command reads.
 */
import type { Environment } from '../config/schema.js';
import type { ImageContract } from '../contracts/model.js';
import { Env, type ReadBy } from './env.js';
import { resolveResources, type ContainerProps, type CpuMemory, type Resources } from './pod.js';

/** A container that runs the program's image with other arguments before the program starts. */
export interface StartStep {
  readonly name: string;
  readonly args: readonly string[];
  readonly environment: Env;
}

export interface ProgramContainerProps<C extends ImageContract> {
  readonly env: Environment;
  readonly image: string;
  readonly contract: C;
  readonly mode?: readonly string[];
  readonly environment?: (env: Env<ReadBy<C>>) => Env;
  readonly beforeStart?: readonly StartStep[];
  readonly resources: Resources;
  readonly settings?: { readonly env?: Readonly<Record<string, string>>; readonly resources?: { requests?: CpuMemory; limits?: CpuMemory } };
}

export function programContainers<C extends ImageContract>(props: ProgramContainerProps<C>): { environment: Env; initContainers: ContainerProps[] } {
  const start = Env.for(props.env, props.contract, ...(props.mode ?? []));
  const resources = resolveResources(props.resources, props.settings?.resources);
  return {
    environment: (props.environment ?? ((env) => env))(start).overrides(props.settings?.env),
    initContainers: (props.beforeStart ?? []).map((step) => ({
      name: step.name,
      image: props.image,
      args: step.args,
      env: step.environment.overridesRead(props.settings?.env),
      resources,
    })),
  };
}
