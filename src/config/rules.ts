/**
 * Rules that span several keys of an environment file and so cannot be said in its JSON Schema.
 */
import type { Problem } from '../errors.js';
import type { EnvironmentSpec } from './schema.js';
import { TIERS, type Tier } from './tiers.js';
import type { YamlSource } from './yaml-source.js';

export function crossFieldProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  return [...tierPlacementProblems(source, spec), ...syncPolicyProblems(source, spec)];
}

/** Every tier lives in exactly one namespace. */
function tierPlacementProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const problems: Problem[] = [];
  const placed = new Map<Tier, string>();
  for (const [namespace, { tiers }] of Object.entries(spec.namespaces)) {
    tiers.forEach((tier, index) => {
      const earlier = placed.get(tier);
      if (earlier === undefined) {
        placed.set(tier, namespace);
        return;
      }
      problems.push(
        source.problemFor(['namespaces', namespace, 'tiers', index], `tier "${tier}" is already placed in namespace "${earlier}"; a tier lives in exactly one namespace`),
      );
    });
  }
  const missing = TIERS.filter((tier) => !placed.has(tier));
  if (missing.length > 0) {
    problems.push(
      source.problemFor(['namespaces'], `no namespace holds tier(s) ${missing.join(', ')}; add each to the tiers of one namespace`, 'key'),
    );
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
