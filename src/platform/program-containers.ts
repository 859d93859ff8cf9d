/**
 * What ScheduledJob and LongRunningService share: the program's container, its environment made for
 * its image's contract and ended with the environment file's `env`, and the containers that run the
 * same image to completion first (a migration), which get those of the file's values their own
 * command reads.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Env } from './env.js';
import type { ContainerProps, Resources } from './pod.js';

/** A container that runs the program's image with other arguments before the program starts. */
export interface StartStep {
  readonly name: string;
  /** A command instead of the image's entry point (a migration tool the image carries). */
  readonly command?: readonly string[];
  readonly args: readonly string[];
  readonly environment: Env;
  /**
   * Volumes of the pod it reads, such as the file a variable of its environment names.
   * @default the writable paths only
   */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

export interface ProgramContainerProps {
  /** The container's name: the component's. */
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly writablePaths?: readonly string[];
  /** Its environment, made for its image's contract (`Env.for`): the environment file's `env` values are added last. */
  readonly environment: Env;
  readonly beforeStart?: readonly StartStep[];
  readonly resources: Resources;
  /** The environment file's `env` values: the program gets them last, a start step those its command reads. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** The program's container (its kind adds ports and probes) and the containers that run before it. */
export function programContainers(props: ProgramContainerProps): { container: ContainerProps; initContainers: ContainerProps[] } {
  return {
    container: {
      name: props.name,
      image: props.image,
      command: props.command,
      args: props.args,
      env: props.environment.overrides(props.variables),
      resources: props.resources,
      writablePaths: props.writablePaths,
    },
    initContainers: (props.beforeStart ?? []).map((step) => ({
      name: step.name,
      image: props.image,
      ...(step.command === undefined ? {} : { command: step.command }),
      args: step.args,
      env: step.environment.overridesRead(props.variables),
      resources: props.resources,
      // The same image: it writes where the program does.
      writablePaths: props.writablePaths,
      ...(step.volumeMounts === undefined ? {} : { volumeMounts: step.volumeMounts }),
    })),
  };
}
