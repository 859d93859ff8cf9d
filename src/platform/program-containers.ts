/**
 * What ScheduledJob and LongRunningService share: the program's container, its environment made for
 * its image's contract and ended with the environment file's `env`, and the containers that run the
 * same image to completion first (a migration), which get those of the file's values their own
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
  /** The container's name: the component's. */
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly writablePaths?: readonly string[];
  readonly contract: C;
  readonly mode?: readonly string[];
  readonly environment?: (env: Env<ReadBy<C>>) => Env;
  readonly beforeStart?: readonly StartStep[];
  readonly resources: Resources;
  readonly settings?: { readonly env?: Readonly<Record<string, string>>; readonly resources?: { requests?: CpuMemory; limits?: CpuMemory } };
}

/** The program's container (its kind adds ports and probes) and the containers that run before it. */
export function programContainers<C extends ImageContract>(props: ProgramContainerProps<C>): { container: ContainerProps; initContainers: ContainerProps[] } {
  const start = Env.for(props.env, props.contract, ...(props.mode ?? []));
  const resources = resolveResources(props.resources, props.settings?.resources);
  return {
    container: {
      name: props.name,
      image: props.image,
      command: props.command,
      args: props.args,
      env: (props.environment ?? ((env) => env))(start).overrides(props.settings?.env),
      resources,
      writablePaths: props.writablePaths,
    },
    initContainers: (props.beforeStart ?? []).map((step) => ({
      name: step.name,
      image: props.image,
      args: step.args,
      env: step.environment.overridesRead(props.settings?.env),
      resources,
    })),
  };
}
