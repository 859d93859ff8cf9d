import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import type { Env } from './env.js';
import { programContainers, type StartStep } from './program-containers.js';
import type { ProgramIdentity } from './identity.js';
import { selectorLabels } from './labels.js';
import { objectLabels } from './metadata.js';
import { podTemplate, type Resources } from './pod.js';

export interface ScheduledJobProps {
  /**
   * Containers that run the same image to completion first (a migration), each with its arguments
   * and environment.
   */
  readonly beforeStart?: readonly StartStep[];
  readonly env: PlatformEnvironment;
  /** The CronJob's name, which is also the component's (`app.kubernetes.io/name`). */
  readonly name: string;
  readonly namespace: string;
  /** A pinned image reference. */
  readonly image: string;
  /** When it runs: a cron expression, read in UTC. */
  readonly schedule: string;
  /** The environment file's `env` values, added last, so they replace any default of the same name. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /**
   * The container's environment, made for its image's contract (`Env.for`, or a platform's
   * subclass), so it holds only names the program reads; the environment file's `env` values are
   * added last.
   */
  readonly environment: Env;
  readonly resources: Resources;
  /**
   * The identity the job runs as, when it talks to the Kubernetes API.
   * @default none: no ServiceAccount token is mounted
   */
  readonly identity?: ProgramIdentity;
  /**
   * Whether the job is suspended (it runs only when started by hand).
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Seconds a run may take before it is stopped.
   * @default 3600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Retries of a failed run.
   * @default 2
   */
  readonly backoffLimit?: number;
  /** Extra writable directories (each an emptyDir). */
  readonly writablePaths?: readonly string[];
  /**
   * The image's non-root user.
   * @default 1001
   */
  readonly runAsUser?: number;
  /** Annotations of the CronJob (validate waivers, with their reasons). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A CronJob (batch/v1) that never overlaps itself, starts late rather than not at all (within 5
 * minutes), keeps a short history and reads its schedule in UTC whatever the controller's zone.
 */
export class ScheduledJob extends Construct {
  readonly cronJob: k8s.KubeCronJob;
  readonly name: string;
  readonly namespace: string;
  readonly schedule: string;
  readonly suspended: boolean;
  /** The pod each run starts: a Job made from it runs the same program the same way. */
  readonly podTemplate: k8s.PodTemplateSpec;
  readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace;
    this.schedule = props.schedule;
    this.suspended = props.suspend ?? false;
    const { container, initContainers } = programContainers(props);
    const labels = { ...selectorLabels(props.env, props.name), ...objectLabels(props.name, 'cronjob') };
    this.labels = labels;
    this.podTemplate = podTemplate({
      labels,
      restartPolicy: 'Never',
      serviceAccountName: props.identity?.serviceAccountName,
      runAsUser: props.runAsUser,
      initContainers,
      containers: [container],
    });
    this.cronJob = new k8s.KubeCronJob(this, 'CronJob', {
      metadata: { name: props.name, namespace: props.namespace, labels, ...(props.annotations === undefined ? {} : { annotations: { ...props.annotations } }) },
      spec: {
        schedule: this.schedule,
        timeZone: 'Etc/UTC',
        suspend: this.suspended,
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: props.backoffLimit ?? 2,
            activeDeadlineSeconds: props.activeDeadlineSeconds ?? 3600,
            ttlSecondsAfterFinished: 86400,
            template: this.podTemplate,
          },
        },
      },
    });
    if (props.identity !== undefined) this.cronJob.addDependency(props.identity);
  }
}
