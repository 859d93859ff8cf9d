/**
 * Cross-object references within an environment: every ConfigMap or Secret key a pod reads, every
 * ServiceAccount a pod runs as or a RoleBinding names, every Role a binding grants and every
 * PriorityClass a pod names must exist in the same environment. Secrets exist as ExternalSecrets
 * (their target name and keys); the two PriorityClasses Kubernetes makes itself need none.
 */
import { objectsOf, type Manifest, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { switchedOffNote } from './workflow-references.js';
import { podsOf } from './workload-policy.js';

export interface ReferenceProblem {
  readonly object: RenderedObject;
  readonly message: string;
}

interface KeyRef {
  readonly name: string;
  readonly key: string;
}

interface PodSpec {
  serviceAccountName?: string;
  priorityClassName?: string;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: {
    name: string;
    configMap?: { name: string; items?: { key: string }[] };
    secret?: { secretName: string; optional?: boolean; items?: { key: string }[] };
  }[];
}

interface Container {
  name: string;
  env?: { name: string; valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}

/** Made by the API server itself (kube-apiserver's scheduling bootstrap). */
const BUILT_IN_PRIORITY_CLASSES = ['system-cluster-critical', 'system-node-critical'];

class Inventory {
  private readonly configMaps = new Map<string, Set<string>>();
  private readonly secrets = new Map<string, Set<string>>();
  private readonly serviceAccounts = new Map<string, boolean>();
  private readonly roles = new Set<string>();
  private readonly priorityClasses = new Set<string>(BUILT_IN_PRIORITY_CLASSES);

  constructor(
    objects: readonly RenderedObject[],
    private readonly env: RenderedEnvironment,
  ) {
    for (const { manifest } of objects) {
      const at = `${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
      if (manifest.kind === 'ConfigMap') {
        this.configMaps.set(at, new Set(Object.keys({ ...(manifest.data as object), ...(manifest.binaryData as object) })));
      } else if (manifest.kind === 'ExternalSecret') {
        const spec = manifest.spec as {
          target?: { name?: string; template?: { data?: Record<string, string>; mergePolicy?: string } };
          data?: { secretKey: string }[];
        };
        const target = `${manifest.metadata.namespace ?? ''}/${spec.target?.name ?? manifest.metadata.name}`;
        const fetched = (spec.data ?? []).map((entry) => entry.secretKey);
        const templated = Object.keys(spec.target?.template?.data ?? {});
        // external-secrets: a template's data replaces the fetched keys, unless its merge policy is Merge.
        const keys = templated.length === 0 ? fetched : spec.target?.template?.mergePolicy === 'Merge' ? [...fetched, ...templated] : templated;
        this.secrets.set(target, new Set(keys));
      } else if (manifest.kind === 'ServiceAccount') {
        this.serviceAccounts.set(at, (manifest as { automountServiceAccountToken?: boolean }).automountServiceAccountToken !== false);
      } else if (manifest.kind === 'Role') {
        this.roles.add(at);
      } else if (manifest.kind === 'PriorityClass') {
        this.priorityClasses.add(manifest.metadata.name);
      }
    }
  }

  keyProblem(kind: 'ConfigMap' | 'Secret', namespace: string, ref: KeyRef): string | undefined {
    const keys = (kind === 'ConfigMap' ? this.configMaps : this.secrets).get(`${namespace}/${ref.name}`);
    if (keys === undefined) {
      return `reads ${kind} "${ref.name}" key "${ref.key}", but no ${kind} "${ref.name}" is rendered in namespace ${namespace}${switchedOffNote(this.env, ref.name, 'this program reads its keys')}`;
    }
    if (!keys.has(ref.key)) return `reads ${kind} "${ref.name}" key "${ref.key}", which it does not have; its keys: ${[...keys].sort().join(', ')}`;
    return undefined;
  }

  nameProblem(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): string | undefined {
    const known = (kind === 'ConfigMap' ? this.configMaps : this.secrets).has(`${namespace}/${name}`);
    return known
      ? undefined
      : `uses ${kind} "${name}", but none is rendered in namespace ${namespace}${switchedOffNote(this.env, name, 'this program reads it')}`;
  }

  hasServiceAccount(namespace: string, name: string): boolean {
    return this.serviceAccounts.has(`${namespace}/${name}`);
  }

  /** Whether pods running as the account get its token unless they say otherwise. */
  mountsToken(namespace: string, name: string): boolean {
    return this.serviceAccounts.get(`${namespace}/${name}`) ?? true;
  }

  hasRole(namespace: string, name: string): boolean {
    return this.roles.has(`${namespace}/${name}`);
  }

  hasPriorityClass(name: string): boolean {
    return this.priorityClasses.has(name);
  }
}

export function referenceProblems(env: RenderedEnvironment): ReferenceProblem[] {
  const objects = objectsOf(env);
  const inventory = new Inventory(objects, env);
  const problems: ReferenceProblem[] = [];
  for (const object of objects) {
    const messages = [...podProblems(object.manifest, inventory), ...bindingProblems(object.manifest, inventory)];
    for (const message of messages) problems.push({ object, message });
  }
  return problems;
}

function podProblems(manifest: Manifest, inventory: Inventory): string[] {
  return podsOf(manifest).flatMap(({ label, pod, workflowStep }) =>
    podReferenceProblems(manifest, pod as PodSpec, inventory, workflowStep).map((problem) => `${label}${problem}`),
  );
}

function podReferenceProblems(manifest: Manifest, pod: PodSpec, inventory: Inventory, workflowStep: boolean): string[] {
  const namespace = manifest.metadata.namespace ?? '';
  const problems: (string | undefined)[] = [];
  const account = pod.serviceAccountName;
  if (account !== undefined && account !== 'default' && !inventory.hasServiceAccount(namespace, account)) {
    problems.push(`runs as ServiceAccount "${account}", which is not rendered in namespace ${namespace}`);
  }
  const priority = pod.priorityClassName;
  if (priority !== undefined && !inventory.hasPriorityClass(priority)) {
    problems.push(`names PriorityClass "${priority}", which is not rendered; admission refuses a pod whose PriorityClass does not exist`);
  }
  // Argo never turns a token mount on: a step account that disables it leaves the executor without one.
  if (workflowStep && account !== undefined && !inventory.mountsToken(namespace, account)) {
    problems.push(`runs as ServiceAccount "${account}", which does not mount its token; the Argo executor needs it (mountTokenInEveryPod)`);
  }
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const variable of container.env ?? []) {
      const { configMapKeyRef, secretKeyRef } = variable.valueFrom ?? {};
      if (configMapKeyRef !== undefined) problems.push(prefixed(container, variable.name, inventory.keyProblem('ConfigMap', namespace, configMapKeyRef)));
      if (secretKeyRef !== undefined) problems.push(prefixed(container, variable.name, inventory.keyProblem('Secret', namespace, secretKeyRef)));
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef !== undefined) problems.push(inventory.nameProblem('ConfigMap', namespace, source.configMapRef.name));
      if (source.secretRef !== undefined) problems.push(inventory.nameProblem('Secret', namespace, source.secretRef.name));
    }
  }
  for (const volume of pod.volumes ?? []) {
    if (volume.configMap !== undefined) {
      const { name, items } = volume.configMap;
      problems.push(
        ...(items ?? []).map((item) => inventory.keyProblem('ConfigMap', namespace, { name, key: item.key })),
        inventory.nameProblem('ConfigMap', namespace, name),
      );
    }
    // An optional Secret made per run (a callback named after the analysis) is not the environment's to render.
    if (volume.secret !== undefined && !(volume.secret.optional === true && volume.secret.secretName.includes('{{'))) {
      const { secretName, items } = volume.secret;
      problems.push(
        ...(items ?? []).map((item) => inventory.keyProblem('Secret', namespace, { name: secretName, key: item.key })),
        inventory.nameProblem('Secret', namespace, secretName),
      );
    }
  }
  return [...new Set(problems.filter((problem): problem is string => problem !== undefined))];
}

function prefixed(container: Container, variable: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `container ${container.name}, env ${variable}: ${problem}`;
}

function bindingProblems(manifest: Manifest, inventory: Inventory): string[] {
  if (manifest.kind !== 'RoleBinding') return [];
  const namespace = manifest.metadata.namespace ?? '';
  const binding = manifest as Manifest & { roleRef: { kind: string; name: string }; subjects?: { kind: string; name: string; namespace?: string }[] };
  const problems: string[] = [];
  if (binding.roleRef.kind === 'Role' && !inventory.hasRole(namespace, binding.roleRef.name)) {
    problems.push(`grants Role "${binding.roleRef.name}", which is not rendered in namespace ${namespace}`);
  }
  for (const subject of binding.subjects ?? []) {
    const subjectNamespace = subject.namespace ?? namespace;
    if (subject.kind === 'ServiceAccount' && !inventory.hasServiceAccount(subjectNamespace, subject.name)) {
      problems.push(`binds ServiceAccount ${subjectNamespace}/${subject.name}, which is not rendered`);
    }
  }
  return problems;
}
