/**
 * Each namespace's steady state against its ResourceQuota: what its workloads hold once everything
 * runs (Deployments and StatefulSets at their replicas, each CronJob's and Job's pods once at their
 * parallelism, PersistentVolumeClaims and StatefulSet volume claims at their storage, a RabbitmqCluster
 * as the StatefulSet its operator makes) and how many
 * objects it renders, with every container as admission leaves it (LimitRange defaults applied).
 * Over the quota, Argo CD still reports the sync a success while the pods are never created. What is
 * left is the headroom for workflow pods, which come and go.
 */
import { quantityValue } from '../../config/quantity.js';
import { apiGroupOf, objectsOf, type Manifest, type RenderedEnvironment, type RenderedObject } from '../../synth/manifest.js';
import { podsOf } from '../workload-policy.js';
import { byNamespace, type AdmissionProblem } from './limit-range.js';
import { admittedResources, amounts, containerLimitsOf, formatAmount, podResources, type ContainerLimits, type Resources } from './pod-resources.js';

/** One resource a quota limits: what the namespace holds at steady state, and what it may. */
export interface QuotaUsage {
  readonly environment: string;
  readonly namespace: string;
  readonly resource: string;
  readonly hard: number;
  readonly used: number;
}

/** Quota names for the same amount: `cpu` and `requests.cpu` both limit the sum of requests. */
const COMPUTE: Readonly<Record<string, { side: keyof Resources; resource: string }>> = {
  cpu: { side: 'requests', resource: 'cpu' },
  memory: { side: 'requests', resource: 'memory' },
  'requests.cpu': { side: 'requests', resource: 'cpu' },
  'requests.memory': { side: 'requests', resource: 'memory' },
  'requests.ephemeral-storage': { side: 'requests', resource: 'ephemeral-storage' },
  'limits.cpu': { side: 'limits', resource: 'cpu' },
  'limits.memory': { side: 'limits', resource: 'memory' },
  'limits.ephemeral-storage': { side: 'limits', resource: 'ephemeral-storage' },
};

/** Core kinds a quota counts by their plural alone (`configmaps`), besides `count/<plural>.<group>`. */
const CORE_COUNTS: Readonly<Record<string, string>> = {
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  services: 'Service',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  replicationcontrollers: 'ReplicationController',
  resourcequotas: 'ResourceQuota',
};

interface Demand {
  /** The object holding it, to name in a finding. */
  readonly object: RenderedObject;
  readonly pods: number;
  readonly resources: Resources;
  readonly storage: number;
}

export function quotaUsage(env: RenderedEnvironment): { usage: QuotaUsage[]; problems: AdmissionProblem[] } {
  const objects = objectsOf(env);
  const limitRanges = byNamespace(objects, 'LimitRange');
  const usage: QuotaUsage[] = [];
  const problems: AdmissionProblem[] = [];
  for (const quotaObject of objects.filter(({ manifest }) => manifest.kind === 'ResourceQuota')) {
    const namespace = quotaObject.manifest.metadata.namespace ?? '';
    const inNamespace = objects.filter(({ manifest }) => manifest.metadata.namespace === namespace);
    const limits = containerLimitsOf(limitRanges.get(namespace) ?? []);
    const demands = inNamespace.flatMap((object) => demandOf(object, limits));
    const hard = amounts((quotaObject.manifest.spec as { hard?: Record<string, string> } | undefined)?.hard);
    for (const [resource, allowed] of Object.entries(hard)) {
      const used = usedOf(resource, demands, inNamespace);
      if (used === undefined) continue;
      usage.push({ environment: env.name, namespace, resource, hard: allowed, used });
      if (used > allowed) {
        const largest = [...demands]
          .sort((a, b) => contribution(resource, b) - contribution(resource, a))
          .slice(0, 3)
          .filter((demand) => contribution(resource, demand) > 0);
        const by =
          largest.length === 0
            ? ''
            : `; the most: ${largest.map((demand) => `${demand.object.manifest.kind} ${demand.object.manifest.metadata.name} ${formatAmount(resource, contribution(resource, demand))}`).join(', ')}`;
        problems.push({
          object: quotaObject,
          rule: 'admission/quota',
          message: `${namespace} needs ${formatAmount(resource, used)} of ${resource} at steady state, over its quota of ${formatAmount(resource, allowed)}${by}: the pods or claims beyond it are refused; raise the quota or lower the workloads`,
        });
      }
    }
    problems.push(...unrequestedProblems(hard, inNamespace, limits));
  }
  return { usage, problems };
}

/** How many pods an object keeps running at steady state. */
function podCount(manifest: Manifest): number {
  const spec = (manifest.spec ?? {}) as { replicas?: number; parallelism?: number; suspend?: boolean; jobTemplate?: { spec?: { parallelism?: number } } };
  switch (manifest.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return spec.replicas ?? 1;
    case 'Job':
      return spec.parallelism ?? 1;
    case 'CronJob':
      return spec.suspend === true ? 0 : (spec.jobTemplate?.spec?.parallelism ?? 1);
    case 'Pod':
      return 1;
    default:
      return 0;
  }
}

/**
 * A RabbitmqCluster as the StatefulSet its Cluster Operator makes of it: `replicas` pods (default 1),
 * each of one `rabbitmq` container with the cluster's `resources` (default 1 CPU and 2Gi requested, 2
 * CPU and 2Gi at most) and a setup init container of 20m and 64Mi, and a claim of `persistence.storage`
 * (default 10Gi; none at "0", an emptyDir then) each; the StatefulSet override's `replicas` and
 * `volumeClaimTemplates` replace those (rabbitmq/cluster-operator v2.22: api/v1beta1/rabbitmqcluster_types.go
 * defaults, internal/resource/statefulset.go). Resources merged into the containers by the override
 * are not read.
 */
function rabbitmqClusterStatefulSet(manifest: Manifest): Manifest {
  const spec = (manifest.spec ?? {}) as {
    replicas?: number;
    resources?: unknown;
    persistence?: { storage?: string | number };
    override?: { statefulSet?: { spec?: { replicas?: number; volumeClaimTemplates?: unknown[] } } };
  };
  const override = spec.override?.statefulSet?.spec;
  const storage = String(spec.persistence?.storage ?? '10Gi');
  const claims = override?.volumeClaimTemplates ?? (quantityValue(storage) === 0 ? [] : [{ spec: { resources: { requests: { storage } } } }]);
  const setup = { cpu: '20m', memory: '64Mi' };
  return {
    ...manifest,
    kind: 'StatefulSet',
    spec: {
      replicas: override?.replicas ?? spec.replicas ?? 1,
      template: {
        spec: {
          initContainers: [{ name: 'setup-container', resources: { requests: setup, limits: setup } }],
          containers: [
            { name: 'rabbitmq', resources: spec.resources ?? { requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '2000m', memory: '2Gi' } } },
          ],
        },
      },
      volumeClaimTemplates: claims,
    },
  };
}

/** The object as the workload it becomes: a RabbitmqCluster its operator's StatefulSet, the rest themselves. */
const asWorkload = (manifest: Manifest): Manifest => (manifest.kind === 'RabbitmqCluster' ? rabbitmqClusterStatefulSet(manifest) : manifest);

function demandOf(object: RenderedObject, limits: readonly ContainerLimits[]): Demand[] {
  const manifest = asWorkload(object.manifest);
  if (manifest.kind === 'PersistentVolumeClaim') return [{ object, pods: 0, resources: { requests: {}, limits: {} }, storage: claimStorage(manifest.spec) }];
  const pods = podCount(manifest);
  const [pod] = podsOf(manifest);
  if (pod === undefined || manifest.kind === 'DaemonSet') return [];
  const admitted = (containers: readonly { name?: string }[] | undefined) => (containers ?? []).map((container) => admittedResources(container, limits));
  const one = podResources(admitted(pod.pod.containers), admitted(pod.pod.initContainers));
  const times = (side: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(side).map(([name, value]) => [name, value * pods]));
  const claims = manifest.kind === 'StatefulSet' ? ((manifest.spec as { volumeClaimTemplates?: { spec?: unknown }[] }).volumeClaimTemplates ?? []) : [];
  const storage = claims.reduce((sum, claim) => sum + claimStorage(claim.spec), 0) * pods;
  return [{ object, pods, resources: { requests: times(one.requests), limits: times(one.limits) }, storage }];
}

function claimStorage(spec: unknown): number {
  const requested = (spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests?.storage;
  return requested === undefined ? 0 : quantityValue(requested);
}

function contribution(resource: string, demand: Demand): number {
  const compute = COMPUTE[resource];
  if (compute !== undefined) return demand.resources[compute.side][compute.resource] ?? 0;
  if (resource === 'requests.storage') return demand.storage;
  if (resource === 'pods') return demand.pods;
  return 0;
}

/** The namespace's steady-state use of a quota resource, or undefined for one this check cannot know. */
function usedOf(resource: string, demands: readonly Demand[], objects: readonly RenderedObject[]): number | undefined {
  if (COMPUTE[resource] !== undefined || resource === 'requests.storage' || resource === 'pods') {
    return demands.reduce((sum, demand) => sum + contribution(resource, demand), 0);
  }
  const claims = objects.filter(({ manifest }) => manifest.kind === 'PersistentVolumeClaim').length;
  const templates = objects.reduce((sum, object) => {
    const manifest = asWorkload(object.manifest);
    return (
      sum +
      (manifest.kind === 'StatefulSet' ? podCount(manifest) * ((manifest.spec as { volumeClaimTemplates?: unknown[] }).volumeClaimTemplates ?? []).length : 0)
    );
  }, 0);
  if (resource === 'persistentvolumeclaims') return claims + templates;
  const kind = CORE_COUNTS[resource];
  if (kind !== undefined) return objects.filter(({ manifest }) => manifest.kind === kind).length;
  const counted = /^count\/([a-z0-9-]+)(?:\.(.+))?$/.exec(resource);
  if (counted === null) return undefined;
  const [, plural, group = ''] = counted;
  return objects.filter(({ manifest }) => pluralOf(manifest.kind) === plural && apiGroupOf(manifest.apiVersion) === group).length;
}

/** A quota on requests or limits of cpu or memory makes every pod state them: the admission refuses one that does not. */
function unrequestedProblems(
  hard: Readonly<Record<string, number>>,
  objects: readonly RenderedObject[],
  limits: readonly ContainerLimits[],
): AdmissionProblem[] {
  const tracked = Object.keys(hard).flatMap((resource) => {
    const compute = COMPUTE[resource];
    return compute === undefined ? [] : [{ quota: resource, ...compute }];
  });
  return objects.flatMap((object) =>
    podsOf(asWorkload(object.manifest)).flatMap(({ label, pod }) =>
      [...(pod.initContainers ?? []), ...(pod.containers ?? [])].flatMap((container) => {
        const admitted = admittedResources(container, limits);
        return tracked
          .filter(({ side, resource }) => admitted[side][resource] === undefined)
          .map(({ quota, side, resource }) => ({
            object,
            rule: 'admission/quota',
            message: `${label}container ${container.name}: states no ${resource} ${side === 'requests' ? 'request' : 'limit'}, and the namespace's quota limits ${quota}: the pod is refused; set it, or give the LimitRange a default`,
          }));
      }),
    ),
  );
}

function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
