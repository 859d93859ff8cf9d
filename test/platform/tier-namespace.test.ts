/**
 * TierNamespace (src/platform/tier-namespace.ts): a namespace of the platform with its quota and
 * limits. What everything in it relies on: restricted pods enforced at the cluster's version, a
 * quota and container defaults, and Argo CD never pruning or deleting it.
 */
import { TierNamespace, type TierNamespaceProps } from '../../src/platform/tier-namespace.js';
import { DEMO_ENVIRONMENT, NAMESPACE, only, renderBlock } from './library.js';

const QUOTA = { cpu: { requests: '2', limits: 4 }, memory: { requests: '2Gi', limits: '4Gi' } };
const LIMITS = DEMO_ENVIRONMENT.limitRange;

const render = (props: Partial<TierNamespaceProps> = {}) =>
  renderBlock((chart) => {
    new TierNamespace(chart, 'Namespace', {
      env: DEMO_ENVIRONMENT,
      name: NAMESPACE,
      tiers: ['apps'],
      description: 'apps: the demo apps',
      quota: QUOTA,
      limitRange: LIMITS,
      ...props,
    });
  });

test('defaults: restricted enforced, warned and audited at the cluster version; its one tier labelled; never pruned or deleted by Argo CD', () => {
  const namespace = only(render(), 'Namespace', NAMESPACE);
  expect(namespace.metadata.labels).toMatchObject({
    'thoth-station.ninja/tier': 'apps',
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': 'v1.31',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  });
  expect(namespace.metadata.annotations).toEqual({
    'thoth-station.ninja/description': 'apps: the demo apps',
    'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  });
});

test('baseline relaxes only what is enforced; several tiers get no tier label', () => {
  const labels = only(render({ podSecurity: 'baseline', tiers: ['apps', 'jobs'] }), 'Namespace').metadata.labels;
  expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  expect(labels['thoth-station.ninja/tier']).toBeUndefined();
});

test('the quota and the container limits, as strings, after the namespace', () => {
  const manifests = render({ quota: { ...QUOTA, pods: 20, workflows: 5 } });
  expect(only(manifests, 'ResourceQuota').spec.hard).toEqual({
    'requests.cpu': '2',
    'limits.cpu': '4',
    'requests.memory': '2Gi',
    'limits.memory': '4Gi',
    pods: '20',
    'count/workflows.argoproj.io': '5',
  });
  expect(only(manifests, 'LimitRange').spec.limits).toEqual([
    { type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '200m', memory: '256Mi' }, max: { cpu: '1', memory: '1Gi' } },
  ]);
  const waveOf = (kind: string) => Number(only(manifests, kind).metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
  expect(waveOf('ResourceQuota')).toBeGreaterThan(waveOf('Namespace'));
});
