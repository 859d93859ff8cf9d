/**
 * The one place that decides how a pod runs: every workload of the platform gets its pod template
 * here, so the restricted Pod Security Standard, requests and limits, a writable /tmp on a read-only
 * root file system and no API token unless the program talks to the API hold everywhere.
 */
import { k8s } from 'cdk8s-plus-28';
import type { QuantityValue } from '../config/schema.js';
import type { EnvSource } from './env.js';

export interface CpuMemory {
  readonly cpu: QuantityValue;
  readonly memory: QuantityValue;
}

export interface Resources {
  readonly requests: CpuMemory;
  readonly limits: CpuMemory;
}

/** Resources from the component's defaults, overridden by what the environment sets. */
export function resolveResources(defaults: Resources, overrides?: { requests?: CpuMemory; limits?: CpuMemory }): Resources {
  return { requests: overrides?.requests ?? defaults.requests, limits: overrides?.limits ?? defaults.limits };
}

export interface ContainerProps {
  readonly name: string;
  /** A pinned image reference: registry/name:tag or name@sha256:digest. */
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: EnvSource;
  readonly resources: Resources;
  readonly ports?: readonly k8s.ContainerPort[];
  readonly readinessProbe?: k8s.Probe;
  readonly livenessProbe?: k8s.Probe;
  /** Extra writable directories on the read-only root file system (each gets an emptyDir). */
  readonly writablePaths?: readonly string[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

export interface PodProps {
  readonly containers: readonly ContainerProps[];
  /** Containers run to completion, one after another, before the others start. */
  readonly initContainers?: readonly ContainerProps[];
  /**
   * The ServiceAccount the pod runs as; its API token is mounted only when given.
   * @default no ServiceAccount of its own and no token
   */
  readonly serviceAccountName?: string;
  /**
   * The PriorityClass the scheduler ranks the pod by (admission refuses a name no PriorityClass has).
   * @default none: the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The non-root user the image runs as.
   * @default 1001, the user of Thoth's images
   */
  readonly runAsUser?: number;
  readonly volumes?: readonly k8s.Volume[];
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The longest the program's stop takes after SIGTERM, when it declares one: the grace period is
   * made from it (see stopGracePeriodSeconds).
   * @default Kubernetes' 30 s grace period
   */
  readonly stopBoundMs?: number;
}

/**
 * Seconds past the program's own stop bound before the kubelet's SIGKILL: the program exits at its
 * bound with a log line saying why (src/runtime/shutdown.ts), so SIGKILL is only a last resort.
 */
const STOP_MARGIN_SECONDS = 5;

/**
 * The grace period for a program that stops within `stopBoundMs`. No preStop hook goes with it: the
 * programs that declare a bound are consumers, which no Service sends traffic to, so there is no
 * endpoint removal to wait for, and a preStop sleep would only keep their partitions from the
 * other members for longer (the kubelet counts it inside the same grace period).
 */
export function stopGracePeriodSeconds(stopBoundMs: number): number {
  return Math.ceil(stopBoundMs / 1000) + STOP_MARGIN_SECONDS;
}

const quantity = (value: QuantityValue): k8s.Quantity => k8s.Quantity.fromString(String(value));

function resourceRequirements(resources: Resources): k8s.ResourceRequirements {
  return {
    requests: { cpu: quantity(resources.requests.cpu), memory: quantity(resources.requests.memory) },
    limits: { cpu: quantity(resources.limits.cpu), memory: quantity(resources.limits.memory) },
  };
}

/** The emptyDir volume that makes `path` writable on a read-only root file system. */
export const writableVolumeName = (path: string): string => `writable${path.replace(/[^a-z0-9]+/g, '-')}`.replace(/-$/, '');

/** The container security context every container of the platform runs with. */
export const RESTRICTED_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/** The pod security context of Thoth's images (user 1001). */
export function restrictedPodSecurity(runAsUser = 1001) {
  return { runAsNonRoot: true, runAsUser, runAsGroup: runAsUser, fsGroup: runAsUser, seccompProfile: { type: 'RuntimeDefault' as const } };
}

function container(props: ContainerProps): k8s.Container {
  const writable = ['/tmp', ...(props.writablePaths ?? [])];
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: 'IfNotPresent',
    ...(props.command === undefined ? {} : { command: [...props.command] }),
    ...(props.args === undefined ? {} : { args: [...props.args] }),
    ...(props.env === undefined || props.env.vars.length === 0 ? {} : { env: [...props.env.vars] }),
    ...(props.ports === undefined ? {} : { ports: [...props.ports] }),
    ...(props.readinessProbe === undefined ? {} : { readinessProbe: props.readinessProbe }),
    ...(props.livenessProbe === undefined ? {} : { livenessProbe: props.livenessProbe }),
    resources: resourceRequirements(props.resources),
    securityContext: RESTRICTED_CONTAINER_SECURITY,
    volumeMounts: [
      ...writable.map((path) => ({ name: writableVolumeName(path), mountPath: path })),
      ...(props.env?.mounts ?? []),
      ...(props.volumeMounts ?? []),
    ],
  };
}

export function podTemplate(props: PodProps): k8s.PodTemplateSpec {
  const all = [...(props.initContainers ?? []), ...props.containers];
  const writableVolumes = all.flatMap((c) => ['/tmp', ...(c.writablePaths ?? [])]).map((path) => writableVolumeName(path));
  const envVolumes = all.flatMap((c) => c.env?.volumes ?? []);
  const volumes = dedupeByName([...[...new Set(writableVolumes)].map((name) => ({ name, emptyDir: {} })), ...envVolumes, ...(props.volumes ?? [])]);
  const runAsUser = props.runAsUser ?? 1001;
  return {
    metadata: { labels: { ...props.labels } },
    spec: {
      ...(props.serviceAccountName === undefined ? {} : { serviceAccountName: props.serviceAccountName }),
      automountServiceAccountToken: props.serviceAccountName !== undefined,
      ...(props.priorityClassName === undefined ? {} : { priorityClassName: props.priorityClassName }),
      ...(props.restartPolicy === undefined ? {} : { restartPolicy: props.restartPolicy }),
      ...(props.stopBoundMs === undefined ? {} : { terminationGracePeriodSeconds: stopGracePeriodSeconds(props.stopBoundMs) }),
      securityContext: restrictedPodSecurity(runAsUser),
      ...(props.initContainers === undefined || props.initContainers.length === 0 ? {} : { initContainers: props.initContainers.map(container) }),
      containers: props.containers.map(container),
      volumes,
    },
  };
}

function dedupeByName(volumes: k8s.Volume[]): k8s.Volume[] {
  const byName = new Map<string, k8s.Volume>();
  for (const volume of volumes) if (!byName.has(volume.name)) byName.set(volume.name, volume);
  return [...byName.values()];
}
