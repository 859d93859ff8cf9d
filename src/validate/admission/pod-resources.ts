/**
 * The resources a container and a pod end up with once the API server has admitted them: the API's
 * defaulting (a limit without a request makes the request equal to the limit), then the LimitRanger
 * admission plugin (the namespace's default limits and requests fill what is still missing). What
 * LimitRange and ResourceQuota check is this, not what the manifest says.
 */
import { quantityValue } from '../../config/quantity.js';
import type { Manifest } from '../../synth/manifest.js';

/** Resource name → amount in base units (cores, bytes). */
export type Amounts = Readonly<Record<string, number>>;

export interface Resources {
  readonly requests: Amounts;
  readonly limits: Amounts;
}

/** One `Container` item of a LimitRange, quantities as written. */
export interface ContainerLimits {
  readonly default?: Readonly<Record<string, string>>;
  readonly defaultRequest?: Readonly<Record<string, string>>;
  readonly min?: Readonly<Record<string, string>>;
  readonly max?: Readonly<Record<string, string>>;
  readonly maxLimitRequestRatio?: Readonly<Record<string, string>>;
}

export interface ContainerSpec {
  readonly name?: string;
  readonly resources?: { readonly requests?: Readonly<Record<string, unknown>>; readonly limits?: Readonly<Record<string, unknown>> };
}

export const amounts = (quantities: Readonly<Record<string, unknown>> | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(quantities ?? {}).map(([name, quantity]) => [name, quantityValue(quantity as string | number)]));

/** The namespace's `Container` limits, from its rendered LimitRanges. */
export function containerLimitsOf(limitRanges: readonly Manifest[]): ContainerLimits[] {
  return limitRanges.flatMap((range) =>
    ((range.spec as { limits?: (ContainerLimits & { type?: string })[] } | undefined)?.limits ?? []).filter((item) => item.type === 'Container'),
  );
}

export function admittedResources(container: ContainerSpec, limits: readonly ContainerLimits[]): Resources {
  const requests = amounts(container.resources?.requests);
  const stated = amounts(container.resources?.limits);
  // API defaulting: a resource with a limit and no request is requested at its limit.
  for (const [name, limit] of Object.entries(stated)) requests[name] ??= limit;
  const admitted = { ...stated };
  for (const item of limits) {
    for (const [name, value] of Object.entries(amounts(item.defaultRequest))) requests[name] ??= value;
    for (const [name, value] of Object.entries(amounts(item.default))) admitted[name] ??= value;
  }
  return { requests, limits: admitted };
}

/**
 * What the scheduler and the quota count for a pod: the sum over its containers, or the largest
 * init container when that is more (init containers run one at a time, before the others).
 */
export function podResources(containers: readonly Resources[], initContainers: readonly Resources[]): Resources {
  const total = (pick: (resources: Resources) => Amounts): Amounts => {
    const sum: Record<string, number> = {};
    for (const container of containers) for (const [name, value] of Object.entries(pick(container))) sum[name] = (sum[name] ?? 0) + value;
    for (const init of initContainers) for (const [name, value] of Object.entries(pick(init))) sum[name] = Math.max(sum[name] ?? 0, value);
    return sum;
  };
  return { requests: total((resources) => resources.requests), limits: total((resources) => resources.limits) };
}

/** A quantity for messages: cores as written by people (500m, 2), bytes in Mi or Gi. */
export function formatAmount(resource: string, value: number): string {
  if (value === 0) return '0';
  if (resource === 'cpu' || resource.endsWith('.cpu')) return value < 1 ? `${Math.round(value * 1000)}m` : String(Math.round(value * 1000) / 1000);
  if (/memory|storage/.test(resource)) {
    const gi = value / 2 ** 30;
    return gi >= 1 ? `${Math.round(gi * 100) / 100}Gi` : `${Math.round(value / 2 ** 20)}Mi`;
  }
  return String(value);
}
