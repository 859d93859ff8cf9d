/**
 * The LimitRanger admission plugin, run on every container before a cluster does: with the
 * namespace's defaults applied, each request is within its limit, and requests and limits are within
 * the LimitRange's min and max and its maxLimitRequestRatio. A pod that fails is refused when its
 * controller creates it, long after Argo CD reported the sync a success.
 */
import { objectsOf, type Manifest, type RenderedEnvironment, type RenderedObject } from '../../synth/manifest.js';
import { podsOf } from '../workload-policy.js';
import { admittedResources, amounts, containerLimitsOf, formatAmount, type ContainerLimits, type ContainerSpec } from './pod-resources.js';

export interface AdmissionProblem {
  readonly object: RenderedObject;
  readonly rule: string;
  readonly message: string;
}

/** The rendered objects of one kind, by namespace. */
export function byNamespace(objects: readonly RenderedObject[], kind: string): Map<string, Manifest[]> {
  const found = new Map<string, Manifest[]>();
  for (const { manifest } of objects) {
    if (manifest.kind !== kind) continue;
    const namespace = manifest.metadata.namespace ?? '';
    found.set(namespace, [...(found.get(namespace) ?? []), manifest]);
  }
  return found;
}

export function limitRangeProblems(env: RenderedEnvironment): AdmissionProblem[] {
  const objects = objectsOf(env);
  const limitRanges = byNamespace(objects, 'LimitRange');
  return objects.flatMap((object) => {
    const limits = containerLimitsOf(limitRanges.get(object.manifest.metadata.namespace ?? '') ?? []);
    return podsOf(object.manifest).flatMap(({ label, pod }) =>
      [...(pod.initContainers ?? []), ...(pod.containers ?? [])].flatMap((container) =>
        containerProblems(container, limits).map((message) => ({
          object,
          rule: 'admission/limit-range',
          message: `${label}container ${container.name}: ${message}`,
        })),
      ),
    );
  });
}

function containerProblems(container: ContainerSpec, limits: readonly ContainerLimits[]): string[] {
  const { requests, limits: admitted } = admittedResources(container, limits);
  const problems: string[] = [];
  const show = (resource: string, value: number) => formatAmount(resource, value);
  for (const [resource, request] of Object.entries(requests)) {
    const limit = admitted[resource];
    if (limit !== undefined && request > limit) {
      const defaulted = container.resources?.limits?.[resource] === undefined ? ' (the LimitRange default, as it sets no limit)' : '';
      problems.push(
        `its ${resource} request ${show(resource, request)} exceeds its limit ${show(resource, limit)}${defaulted}: the API server refuses the pod`,
      );
    }
  }
  for (const item of limits) {
    for (const [resource, max] of Object.entries(amounts(item.max))) {
      const limit = admitted[resource];
      if (limit === undefined)
        problems.push(`sets no ${resource} limit, and the namespace's LimitRange has a max (${show(resource, max)}) but no default: the pod is refused`);
      else if (limit > max)
        problems.push(
          `its ${resource} limit ${show(resource, limit)} is above the namespace's LimitRange max ${show(resource, max)}: the pod is refused; lower it or raise limitRange.max`,
        );
      const request = requests[resource];
      if (request !== undefined && request > max)
        problems.push(`its ${resource} request ${show(resource, request)} is above the namespace's LimitRange max ${show(resource, max)}: the pod is refused`);
    }
    for (const [resource, min] of Object.entries(amounts(item.min))) {
      const request = requests[resource];
      if (request === undefined || request < min)
        problems.push(
          `its ${resource} request ${request === undefined ? '(none)' : show(resource, request)} is below the namespace's LimitRange min ${show(resource, min)}: the pod is refused`,
        );
    }
    for (const [resource, ratio] of Object.entries(amounts(item.maxLimitRequestRatio))) {
      const [limit, request] = [admitted[resource], requests[resource]];
      if (limit !== undefined && request !== undefined && request > 0 && limit / request > ratio) {
        problems.push(
          `its ${resource} limit ${show(resource, limit)} is ${Math.round((limit / request) * 100) / 100} times its request ${show(resource, request)}; the namespace's LimitRange allows at most ${ratio}: the pod is refused`,
        );
      }
    }
  }
  return problems;
}
