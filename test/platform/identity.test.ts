/**
 * ProgramIdentity (src/platform/identity.ts): a program's own ServiceAccount and exactly the grants
 * its construct asks for, each a Role and RoleBinding in the namespace it applies to.
 */
import { ProgramIdentity } from '../../src/platform/identity.js';
import { NAMESPACE, only, renderBlock } from './library.js';

const identity = (build: (identity: ProgramIdentity) => void, props: { mountTokenInEveryPod?: boolean } = {}) =>
  renderBlock((chart) => build(new ProgramIdentity(chart, 'Identity', { name: 'worker', namespace: NAMESPACE, component: 'worker', ...props })));

test('alone: one ServiceAccount that mounts no token by default, and no permission at all', () => {
  const manifests = identity(() => {});
  expect(manifests.map((manifest) => manifest.kind)).toEqual(['ServiceAccount']);
  expect(only(manifests, 'ServiceAccount', 'worker')).toMatchObject({
    metadata: { namespace: NAMESPACE, labels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/component': 'service-account' } },
    automountServiceAccountToken: false,
  });
  expect(
    only(
      identity(() => {}, { mountTokenInEveryPod: true }),
      'ServiceAccount',
    ).automountServiceAccountToken,
  ).toBe(true);
});

test('a grant is a Role named after the program and its purpose in the namespace it applies to, bound to the account where it lives', () => {
  const manifests = identity((worker) => worker.allowSubmitWorkflows('demo-jobs'));
  expect(only(manifests, 'Role', 'worker-submit-workflows')).toMatchObject({
    metadata: { namespace: 'demo-jobs' },
    rules: [
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get', 'list'] },
    ],
  });
  expect(only(manifests, 'RoleBinding', 'worker-submit-workflows')).toMatchObject({
    metadata: { namespace: 'demo-jobs' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'worker-submit-workflows' },
    subjects: [{ kind: 'ServiceAccount', name: 'worker', namespace: NAMESPACE }],
  });
});

test('a grant asked twice for one namespace is made once; nothing is cluster-wide', () => {
  const manifests = identity((worker) => worker.allowKeepSecrets('a').allowKeepSecrets('a').allowKeepSecrets('b'));
  expect(manifests.filter((manifest) => manifest.kind === 'Role').map((role) => role.metadata.namespace)).toEqual(['a', 'b']);
  expect(manifests.some((manifest) => manifest.kind.startsWith('Cluster'))).toBe(false);
});

test.each([
  [
    'allowReadConfigMaps',
    (w: ProgramIdentity) => w.allowReadConfigMaps(NAMESPACE, ['z', 'a']),
    [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'z'], verbs: ['get'] }],
  ],
  [
    'allowReadWorkflowPods',
    (w: ProgramIdentity) => w.allowReadWorkflowPods(NAMESPACE),
    [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get', 'list', 'watch'] },
    ],
  ],
  [
    'allowRunWorkflowSteps',
    (w: ProgramIdentity) => w.allowRunWorkflowSteps(NAMESPACE),
    [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }],
  ],
  ['allowKeepSecrets', (w: ProgramIdentity) => w.allowKeepSecrets(NAMESPACE), [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'patch'] }]],
  ['allowDeleteSecrets', (w: ProgramIdentity) => w.allowDeleteSecrets(NAMESPACE), [{ apiGroups: [''], resources: ['secrets'], verbs: ['delete'] }]],
])('%s grants exactly its rules', (_name, grant, rules) => {
  expect(only(identity(grant), 'Role').rules).toEqual(rules);
});

test('allowControlWorkflows: what a namespaced workflow-controller needs, and no Secret beyond reading one', () => {
  const rules = only(
    identity((worker) => worker.allowControlWorkflows(NAMESPACE)),
    'Role',
  ).rules as { resources: string[]; verbs: string[] }[];
  expect(rules.find((rule) => rule.resources.includes('secrets'))?.verbs).toEqual(['get']);
  expect(rules.find((rule) => rule.resources.includes('leases'))?.verbs).toEqual(['create', 'get', 'update']);
  expect(rules.flatMap((rule) => rule.resources)).toContain('workflowtaskresults');
});
