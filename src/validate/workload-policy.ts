/**
 * Policy for everything that runs: the restricted Pod Security Standard, requests and limits,
 * pinned images, probes on long-running workloads, no API token without an identity, and selectors
 * that hold only name and instance.
 */
import { LABELS } from '../platform/metadata.js';
import type { Manifest } from '../synth/manifest.js';
import type { PolicyProblem } from './policy.js';

interface Container {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
}

interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { name: string; hostPath?: unknown }[];
}

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const SELECTOR_LABELS = new Set<string>([LABELS.name, LABELS.instance]);

const WORKFLOW_KINDS = new Set(['WorkflowTemplate', 'CronWorkflow', 'Workflow', 'ClusterWorkflowTemplate']);

export interface PodTemplate {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: PodSpec;
}

/** Where each workload kind keeps its pod template (a Pod is its own). */
export function podTemplateOf(manifest: Manifest): PodTemplate | undefined {
  if (manifest.kind === 'Pod') return { metadata: manifest.metadata, spec: manifest.spec as PodSpec };
  const spec = manifest.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  if (LONG_RUNNING.has(manifest.kind) || manifest.kind === 'Job') return spec?.template;
  if (manifest.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return undefined;
}

export function podSpecOf(manifest: Manifest): PodSpec | undefined {
  return podTemplateOf(manifest)?.spec;
}

/**
 * Each pod an object runs, with a name for messages: a workload's one pod template, or one pod per
 * container or script template of a workflow (its own volumes and security context, else the
 * workflow's).
 */
export interface WorkflowParameter {
  readonly name: string;
  readonly default?: string;
  readonly value?: string;
  readonly enum?: readonly string[];
}

export interface ObjectPod {
  /** `template <name>: ` for a workflow step, empty for a workload's pod. */
  readonly label: string;
  readonly pod: PodSpec;
  readonly workflowStep: boolean;
  /** A workflow step's input parameters (what `{{inputs.parameters.<name>}}` may stand for). */
  readonly inputs?: readonly WorkflowParameter[];
  /** The workflow's own parameters (what `{{workflow.parameters.<name>}}` may stand for). */
  readonly workflowArguments?: readonly WorkflowParameter[];
}

export function podsOf(manifest: Manifest): ObjectPod[] {
  const pod = podSpecOf(manifest);
  if (pod !== undefined) return [{ label: '', pod, workflowStep: false }];
  if (!WORKFLOW_KINDS.has(manifest.kind)) return [];
  // A workflow's templates are read as the API server stores them: untyped, each field checked where used.
  // biome-ignore lint/suspicious/noExplicitAny: the manifest is untyped JSON
  const spec = (manifest.kind === 'CronWorkflow' ? (manifest.spec as any)?.workflowSpec : manifest.spec) ?? {};
  // biome-ignore lint/suspicious/noExplicitAny: the manifest is untyped JSON
  return ((spec.templates ?? []) as any[])
    .filter((template) => template.container !== undefined || template.script !== undefined)
    .map((template) => ({
      label: `template ${template.name}: `,
      workflowStep: true,
      pod: {
        serviceAccountName: template.serviceAccountName ?? spec.serviceAccountName,
        securityContext: template.securityContext ?? spec.securityContext,
        containers: [template.container ?? template.script],
        ...(template.initContainers === undefined ? {} : { initContainers: template.initContainers }),
        volumes: [...(template.volumes ?? []), ...(spec.volumes ?? [])],
      },
      inputs: template.inputs?.parameters ?? [],
      workflowArguments: spec.arguments?.parameters ?? [],
    }));
}

/** The Pod Security Standard a namespace enforces, which decides how strict the pod rules are. */
export type PodSecurityLevel = 'restricted' | 'baseline';

export function workloadProblems(manifest: Manifest, level: PodSecurityLevel = 'restricted'): PolicyProblem[] {
  return podsOf(manifest).flatMap(({ label, pod, workflowStep }) =>
    podProblems(manifest, pod, workflowStep, level).map((problem) => ({ ...problem, message: `${label}${problem.message}` })),
  );
}

function podProblems(manifest: Manifest, pod: PodSpec, workflowStep: boolean, level: PodSecurityLevel): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ rule, message });
  const restricted = level === 'restricted';

  if (restricted && pod.securityContext?.runAsNonRoot !== true) add('policy/pod-security', 'pod securityContext.runAsNonRoot is not true');
  if (!['RuntimeDefault', 'Localhost'].includes(pod.securityContext?.seccompProfile?.type ?? '')) {
    add('policy/pod-security', 'pod securityContext.seccompProfile.type must be RuntimeDefault or Localhost');
  }
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) add('policy/pod-security', 'uses the host network, PID or IPC namespace');
  for (const volume of pod.volumes ?? []) {
    if (volume.hostPath !== undefined) add('policy/pod-security', `volume ${volume.name} is a hostPath`);
  }
  // A workflow step's executor needs its account's token to report results.
  if (!workflowStep && pod.serviceAccountName === undefined && pod.automountServiceAccountToken !== false) {
    add('policy/service-account-token', 'mounts an API token without its own ServiceAccount; set automountServiceAccountToken: false or give it an identity');
  }

  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const where = `container ${container.name}`;
    const security = container.securityContext ?? {};
    if (security.allowPrivilegeEscalation !== false) add('policy/pod-security', `${where}: allowPrivilegeEscalation must be false`);
    if (security.privileged === true) add('policy/pod-security', `${where}: is privileged`);
    if (restricted && !(security.capabilities?.drop ?? []).includes('ALL')) add('policy/pod-security', `${where}: capabilities must drop ALL`);
    if ((security.capabilities?.add ?? []).some((capability) => capability !== 'NET_BIND_SERVICE')) {
      add('policy/pod-security', `${where}: adds capabilities beyond NET_BIND_SERVICE`);
    }
    if (restricted && security.readOnlyRootFilesystem !== true) {
      add('policy/pod-security', `${where}: readOnlyRootFilesystem must be true (mount an emptyDir where it writes)`);
    }
    for (const resource of ['cpu', 'memory']) {
      if (container.resources?.requests?.[resource] === undefined) add('policy/resources', `${where}: no ${resource} request`);
      if (container.resources?.limits?.[resource] === undefined) add('policy/resources', `${where}: no ${resource} limit`);
    }
    const imageProblem = unpinned(container.image);
    if (imageProblem !== undefined) add('policy/image', `${where}: ${imageProblem}`);
    const runsToCompletion = (pod.initContainers ?? []).includes(container);
    if (LONG_RUNNING.has(manifest.kind) && !runsToCompletion && (container.readinessProbe === undefined || container.livenessProbe === undefined)) {
      add('policy/probes', `${where}: a long-running container needs a readinessProbe and a livenessProbe`);
    }
  }

  const selector = (manifest.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  if (LONG_RUNNING.has(manifest.kind) && selector !== undefined) {
    const extra = Object.keys(selector).filter((label) => !SELECTOR_LABELS.has(label));
    if (extra.length > 0) add('policy/selector', `selector holds ${extra.join(', ')}; select on ${[...SELECTOR_LABELS].join(' and ')} only`);
  }
  return problems;
}

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinned(image: string | undefined): string | undefined {
  if (image === undefined || image === '') return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':')) return `image ${image} has no tag; pin a version`;
  if (lastSegment.endsWith(':latest')) return `image ${image} uses "latest"; pin a version`;
  return undefined;
}
