/**
 * Rules that span several keys of an environment file and so cannot be said in its JSON Schema.
 */
import type { Problem } from '../errors.js';
import { quantityValue } from './quantity.js';
import type { PlatformEnvironmentSpec as EnvironmentSpec, QuantityValue } from './schema.js';
import type { YamlSource } from './yaml-source.js';

/** What the rules need of the platform: its tiers, and what its own keys reserve and require. */
export interface PlatformRules {
  readonly tiers: readonly string[];
  /** Namespaces its own keys give to others (a broker's), with who owns each. */
  reservedNamespaces?(spec: EnvironmentSpec): readonly (readonly [string, string])[];
  /** Rules across its own keys. */
  environmentProblems?(source: YamlSource, spec: EnvironmentSpec): Problem[];
}

/** Rules across the keys of every platform's environment, then the platform's own. */
export function crossFieldProblems(source: YamlSource, spec: EnvironmentSpec, platform: PlatformRules): Problem[] {
  return [
    ...tierPlacementProblems(source, spec, platform.tiers),
    ...reservedNamespaceProblems(source, spec, platform.reservedNamespaces?.(spec) ?? []),
    ...syncPolicyProblems(source, spec),
    ...networkProblems(source, spec),
    ...resourceProblems(source, spec),
    ...(platform.environmentProblems?.(source, spec) ?? []),
  ];
}

/** Namespaces the platform must not take over: default-deny and restricted pods would break them. */
function reservedNamespaceProblems(source: YamlSource, spec: EnvironmentSpec, platformReserved: readonly (readonly [string, string])[]): Problem[] {
  const reserved = new Map<string, string>([
    ['default', 'Kubernetes'],
    ['kube-system', 'Kubernetes'],
    ['kube-public', 'Kubernetes'],
    ['kube-node-lease', 'Kubernetes'],
    [spec.argocd.namespace, 'Argo CD (argocd.namespace)'],
    [spec.network.ingressNamespace, 'the ingress controller (network.ingressNamespace)'],
    [spec.network.monitoringNamespace, 'Prometheus (network.monitoringNamespace)'],
    ...platformReserved,
  ]);
  return Object.keys(spec.namespaces)
    .filter((namespace) => reserved.has(namespace))
    .map((namespace) =>
      source.problemFor(['namespaces', namespace], `"${namespace}" belongs to ${reserved.get(namespace)}; tier namespaces need names of their own`, 'key'),
    );
}

function networkProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const problems: Problem[] = [];
  spec.network.apiServerCidrs.forEach((cidr, index) => {
    const [address, prefix] = cidr.split('/');
    if (address!.split('.').some((octet) => Number(octet) > 255) || Number(prefix) > 32) {
      problems.push(source.problemFor(['network', 'apiServerCidrs', index], `got "${cidr}"; an IPv4 CIDR has octets 0-255 and a prefix length 0-32`));
    }
  });
  return problems;
}

interface CpuMemory {
  cpu: QuantityValue;
  memory: QuantityValue;
}

/** A request above its limit, or a default above the maximum, is rejected by the API server. */
function resourceProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const problems: Problem[] = [];
  const notAbove = (lower: CpuMemory | undefined, upper: CpuMemory | undefined, path: (string | number)[], lowerName: string, upperName: string) => {
    if (lower === undefined || upper === undefined) return;
    for (const resource of ['cpu', 'memory'] as const) {
      if (quantityValue(lower[resource]) > quantityValue(upper[resource])) {
        problems.push(source.problemFor([...path, resource], `${lowerName} ${lower[resource]} is above ${upperName} ${upper[resource]}; it must not be`));
      }
    }
  };
  const limitRanges = [
    { path: ['limitRange'], range: spec.limitRange },
    ...Object.entries(spec.namespaces).flatMap(([name, namespace]) =>
      namespace.limitRange === undefined ? [] : [{ path: ['namespaces', name, 'limitRange'], range: namespace.limitRange }],
    ),
  ];
  for (const { path, range } of limitRanges) {
    notAbove(range.defaultRequest, range.default, [...path, 'defaultRequest'], 'the default request', 'the default limit');
    notAbove(range.default, range.max, [...path, 'default'], 'the default limit', 'the maximum');
  }
  for (const [name, settings] of Object.entries(spec.components)) {
    const resources = (settings as { resources?: { requests?: CpuMemory; limits?: CpuMemory } } | undefined)?.resources;
    notAbove(resources?.requests, resources?.limits, ['components', name, 'resources', 'requests'], 'the request', 'the limit');
  }
  return problems;
}

/** Every tier lives in exactly one namespace. */
function tierPlacementProblems(source: YamlSource, spec: EnvironmentSpec, tiers: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const placed = new Map<string, string>();
  for (const [namespace, { tiers }] of Object.entries(spec.namespaces)) {
    tiers.forEach((tier, index) => {
      const earlier = placed.get(tier);
      if (earlier === undefined) {
        placed.set(tier, namespace);
        return;
      }
      problems.push(
        source.problemFor(
          ['namespaces', namespace, 'tiers', index],
          `tier "${tier}" is already placed in namespace "${earlier}"; a tier lives in exactly one namespace`,
        ),
      );
    });
  }
  const missing = tiers.filter((tier) => !placed.has(tier));
  if (missing.length > 0) {
    problems.push(source.problemFor(['namespaces'], `no namespace holds tier(s) ${missing.join(', ')}; add each to the tiers of one namespace`, 'key'));
  }
  return problems;
}

function syncPolicyProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const policy = spec.argocd.syncPolicy;
  if (policy.automated) return [];
  return (['prune', 'selfHeal'] as const)
    .filter((option) => policy[option] === true)
    .map((option) =>
      source.problemFor(['argocd', 'syncPolicy', option], `got true, but ${option} only applies to automated sync; set automated: true or remove ${option}`),
    );
}
