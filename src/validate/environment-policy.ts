/**
 * Policy that needs the whole environment: every namespace it renders has a NetworkPolicy (the
 * default deny comes from one); no Role grants `*`; every Service with a selector selects the pods
 * of some workload this repository renders in its namespace (a selector that matches nothing routes
 * nowhere, silently). Pods an operator makes are not known here: a Service for them would need a
 * waiver.
 */
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { podTemplateOf } from './workload-policy.js';

export interface EnvironmentProblem {
  readonly object: RenderedObject;
  readonly rule: string;
  readonly message: string;
}

export function environmentPolicyProblems(env: RenderedEnvironment): EnvironmentProblem[] {
  const objects = objectsOf(env);
  return [...networkPolicyProblems(objects), ...wildcardRbacProblems(objects), ...serviceSelectorProblems(objects)];
}

function networkPolicyProblems(objects: readonly RenderedObject[]): EnvironmentProblem[] {
  const guarded = new Set(objects.filter(({ manifest }) => manifest.kind === 'NetworkPolicy').map(({ manifest }) => manifest.metadata.namespace));
  return objects
    .filter(({ manifest }) => manifest.kind === 'Namespace' && !guarded.has(manifest.metadata.name))
    .map((object) => ({
      object,
      rule: 'policy/network-policy',
      message: `namespace ${object.manifest.metadata.name} has no NetworkPolicy: nothing denies traffic by default; add the tier's policies (charts/network-policies.ts)`,
    }));
}

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  nonResourceURLs?: string[];
}

function wildcardRbacProblems(objects: readonly RenderedObject[]): EnvironmentProblem[] {
  return objects
    .filter(({ manifest }) => manifest.kind === 'Role' || manifest.kind === 'ClusterRole')
    .flatMap((object) =>
      ((object.manifest.rules ?? []) as Rule[]).flatMap((rule, index) => {
        const wild = (['apiGroups', 'resources', 'verbs', 'nonResourceURLs'] as const).filter((field) => (rule[field] ?? []).includes('*'));
        return wild.length === 0
          ? []
          : [
              {
                object,
                rule: 'policy/rbac-wildcard',
                message: `rules[${index}] grants "*" in ${wild.join(', ')}; name the groups, resources and verbs the program needs`,
              },
            ];
      }),
    );
}

function serviceSelectorProblems(objects: readonly RenderedObject[]): EnvironmentProblem[] {
  const pods = objects.flatMap(({ manifest }) => {
    const template = podTemplateOf(manifest);
    return template?.spec === undefined ? [] : [{ namespace: manifest.metadata.namespace, labels: template.metadata?.labels ?? {} }];
  });
  return (
    objects
      // An ExternalName Service or one without a selector (its endpoints are managed elsewhere) selects no pods.
      .filter(({ manifest }) => {
        const spec = manifest.spec as { type?: string; selector?: Record<string, string> } | undefined;
        return manifest.kind === 'Service' && spec?.type !== 'ExternalName' && Object.keys(spec?.selector ?? {}).length > 0;
      })
      .flatMap((object) => {
        const selector = (object.manifest.spec as { selector: Record<string, string> }).selector;
        const matches = pods.some(
          (pod) => pod.namespace === object.manifest.metadata.namespace && Object.entries(selector).every(([key, value]) => pod.labels[key] === value),
        );
        return matches
          ? []
          : [
              {
                object,
                rule: 'reference/service-selector',
                message: `selects ${Object.entries(selector)
                  .map(([key, value]) => `${key}=${value}`)
                  .join(', ')}, which no workload's pods in ${object.manifest.metadata.namespace} carry`,
              },
            ];
      })
  );
}
