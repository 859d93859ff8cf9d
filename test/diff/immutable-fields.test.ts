import { compareTrees } from '../../src/diff/compare.js';
import { formatText } from '../../src/diff/format.js';
import { formatMarkdown } from '../../src/diff/markdown.js';
import { tree, type Body } from './trees.js';

const NAMESPACE = 'thoth-graph-prod';
const labels = { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': 'postgresql-prod' };
const statefulSet = (storage: string, spec: Body = {}): Body => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'postgresql', namespace: NAMESPACE },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    serviceName: 'postgresql-headless',
    template: { metadata: { labels }, spec: { containers: [{ name: 'postgresql', image: 'docker.io/library/postgres:16.4' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } }],
    ...spec,
  },
});
const claim = (storage: string, storageClassName = 'standard'): Body => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: NAMESPACE },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage } } },
});
const deployment = (selector: Body, image = 'x:1'): Body => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'user-api', namespace: NAMESPACE },
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'main', image }] } } },
});
const job = (image: string, annotations: Record<string, string> = {}): Body => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'graph-schema-upgrade', namespace: NAMESPACE, annotations },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } } },
});
const service = (spec: Body): Body => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'postgresql-headless', namespace: NAMESPACE },
  spec: { ports: [{ port: 5432 }], ...spec },
});
const configMap = (data: Body, immutable?: boolean): Body => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: NAMESPACE },
  data,
  ...(immutable === undefined ? {} : { immutable }),
});
const roleBinding = (role: string): Body => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'reader', namespace: NAMESPACE },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
  subjects: [],
});

const diffOf = (before: Body, after: Body) => compareTrees(tree(['prod', 'graph', before]), tree(['prod', 'graph', after]));
/** The immutable fields the update of `before` to `after` changes, as the diff flags them. */
const refusedFields = (before: Body, after: Body) =>
  diffOf(before, after).environments.flatMap((env) =>
    env.applications.flatMap((application) => application.changes.flatMap((change) => (change.refused ?? []).flatMap((refused) => refused.fields))),
  );

test('a StatefulSet’s volume claim storage changed: flagged in text, Markdown and JSON, with the orphaning delete and the claims to grow by hand', () => {
  const diff = diffOf(statefulSet('100Gi'), statefulSet('150Gi', { replicas: 2 }));
  const text = formatText(diff);
  expect(text).toContain(
    [
      '    ~ StatefulSet thoth-graph-prod/postgresql',
      "      ! the API server refuses this update of spec.volumeClaimTemplates: a StatefulSet's spec may change only in replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds",
      '        to apply it: kubectl -n thoth-graph-prod delete statefulset postgresql --cascade=orphan (its pods and volumes stay), then sync',
    ].join('\n'),
  );
  expect(text).toContain(
    `Grow them by hand (their StorageClass must allow volume expansion): kubectl -n thoth-graph-prod patch pvc data-postgresql-0 -p '{"spec":{"resources":{"requests":{"storage":"150Gi"}}}}'; kubectl -n thoth-graph-prod patch pvc data-postgresql-1 -p`,
  );
  expect(text).toContain('      spec.volumeClaimTemplates[0].spec.resources.requests.storage: "100Gi" → "150Gi"');
  expect(text.split('\n')[0]).toBe('! the API server refuses the update of 1 object: see the lines marked ! for what to do instead');
  expect(text.split('\n').at(-1)).toBe('1 object(s): 0 added, 0 removed, 1 changed, 0 moved or renamed; the API server refuses the update of 1 object');

  const [markdown] = formatMarkdown(diff);
  expect(markdown).toMatch(/^### thoth-gitops diff\n\n> \[!CAUTION\]\n> In this diff, the API server refuses the update of 1 object; /);
  expect(markdown).toContain('> - **prod / graph**: StatefulSet thoth-graph-prod/postgresql: `spec.volumeClaimTemplates`: ');
  expect(markdown).toContain('```diff\n~ StatefulSet thoth-graph-prod/postgresql\n! the API server refuses this update of spec.volumeClaimTemplates');

  expect(JSON.parse(JSON.stringify(diff)).environments[0].applications[0].changes[0].refused).toEqual([
    { fields: ['spec.volumeClaimTemplates'], why: expect.stringContaining('StatefulSet'), procedure: expect.stringContaining('--cascade=orphan') },
  ]);
});

test('a StatefulSet: every spec field but replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds', () => {
  const before = statefulSet('100Gi');
  expect(refusedFields(before, statefulSet('100Gi', { serviceName: 'postgresql' }))).toEqual(['spec.serviceName']);
  expect(refusedFields(before, statefulSet('100Gi', { podManagementPolicy: 'Parallel' }))).toEqual(['spec.podManagementPolicy']);
  expect(refusedFields(before, statefulSet('100Gi', { selector: { matchLabels: { 'app.kubernetes.io/name': 'postgresql' } } }))).toEqual(['spec.selector']);
  const allowed = {
    replicas: 2,
    minReadySeconds: 10,
    revisionHistoryLimit: 3,
    updateStrategy: { type: 'OnDelete' },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
    ordinals: { start: 1 },
  };
  expect(
    refusedFields(
      before,
      statefulSet('100Gi', {
        ...allowed,
        template: { metadata: { labels }, spec: { containers: [{ name: 'postgresql', image: 'docker.io/library/postgres:17.0' }] } },
      }),
    ),
  ).toEqual([]);
  // A template's storage shrinking: refused too, and no claim to grow.
  const shrink = diffOf(before, statefulSet('50Gi')).environments[0]!.applications[0]!.changes[0]!.refused!;
  expect(shrink.map((refused) => refused.fields)).toEqual([['spec.volumeClaimTemplates']]);
  expect(shrink[0]!.procedure).toMatch(/a template only shapes new claims\.$/);
  // Another name is another object: deleted and created, not updated.
  const renamed = statefulSet('150Gi');
  (renamed.metadata as Body).name = 'postgresql-2';
  expect(refusedFields(before, renamed)).toEqual([]);
});

test('a PersistentVolumeClaim may grow, not shrink, and nothing else of its spec changes', () => {
  expect(refusedFields(claim('10Gi'), claim('20Gi'))).toEqual([]);
  expect(refusedFields(claim('1Gi'), claim('1024Mi'))).toEqual([]);
  expect(refusedFields(claim('20Gi'), claim('10Gi'))).toEqual(['spec.resources']);
  expect(refusedFields(claim('10Gi'), claim('10Gi', 'fast'))).toEqual(['spec.storageClassName']);
  expect(formatText(diffOf(claim('20Gi'), claim('10Gi')))).toContain(
    "! the API server refuses this update of spec.resources: a PersistentVolumeClaim's spec cannot change, but for its storage request growing",
  );
});

test('Deployments, Jobs, Services, immutable ConfigMaps and bindings; nothing for what Argo CD recreates on every sync', () => {
  expect(refusedFields(deployment({ app: 'a' }), deployment({ app: 'a', tier: 'x' }))).toEqual(['spec.selector']);
  expect(refusedFields(deployment({ app: 'a' }), deployment({ app: 'a' }, 'x:2'))).toEqual([]);

  expect(refusedFields(job('x:1'), job('x:2'))).toEqual(['spec.template']);
  expect(formatText(diffOf(job('x:1'), job('x:2')))).toContain('argocd.argoproj.io/sync-options: Force=true,Replace=true');
  expect(refusedFields(job('x:1', { 'argocd.argoproj.io/hook': 'PreSync' }), job('x:2', { 'argocd.argoproj.io/hook': 'PreSync' }))).toEqual([]);
  expect(
    refusedFields(
      job('x:1', { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
      job('x:2', { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
    ),
  ).toEqual(['spec.template']);
  expect(refusedFields(job('x:1'), job('x:2', { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' }))).toEqual([]);

  expect(refusedFields(service({ clusterIP: 'None' }), service({}))).toEqual(['spec.clusterIP']);
  expect(refusedFields(service({ clusterIP: 'None' }), service({ type: 'ExternalName', externalName: 'db.example.com' }))).toEqual([]);

  expect(refusedFields(configMap({ mode: 'a' }, true), configMap({ mode: 'b' }, true))).toEqual(['data']);
  expect(refusedFields(configMap({ mode: 'a' }, true), configMap({ mode: 'a' }, false))).toEqual(['immutable']);
  expect(refusedFields(configMap({ mode: 'a' }), configMap({ mode: 'b' }))).toEqual([]);
  expect(refusedFields(configMap({ mode: 'a' }), configMap({ mode: 'b' }, true))).toEqual([]);

  expect(refusedFields(roleBinding('reader'), roleBinding('writer'))).toEqual(['roleRef']);
});
