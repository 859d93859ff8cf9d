import type { RenderedEnvironment, RenderedObject } from '../../src/synth/manifest.js';
import { referenceProblems } from '../../src/validate/references.js';
import { ENVIRONMENTS, manifestsOf, renderReal } from '../helpers.js';

const object = (manifest: Record<string, unknown>): RenderedObject => ({
  manifest: manifest as never,
  application: 'app',
  file: 'app/x.yaml',
  constructPath: 'app/X',
});

const environment = (...manifests: Record<string, unknown>[]): RenderedEnvironment => ({
  name: 'unit',
  applications: [{ name: 'app', wave: 0, namespace: 'ns', objects: manifests.map(object) }],
});

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'thoth', namespace: 'ns' }, data: { 'deployment-name': 'x' } };
const externalSecret = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'postgresql', namespace: 'ns' },
  spec: { target: { name: 'postgresql' }, data: [{ secretKey: 'database-user', remoteRef: { key: 'k', property: 'database-user' } }] },
};

function deployment(env: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'ns' },
    spec: { template: { spec: { ...extra, containers: [{ name: 'api', env }] } } },
  };
}

const problemsOf = (env: RenderedEnvironment) => referenceProblems(env).map((problem) => problem.message);

describe('references', () => {
  test('keys that exist pass', () => {
    const env = environment(
      configMap,
      externalSecret,
      deployment([
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'thoth', key: 'deployment-name' } } },
        { name: 'B', valueFrom: { secretKeyRef: { name: 'postgresql', key: 'database-user' } } },
      ]),
    );
    expect(problemsOf(env)).toEqual([]);
  });

  test("an ExternalSecret's template makes its keys: beside the fetched ones when it merges, instead of them when it replaces", () => {
    const templated = (mergePolicy?: string) => ({
      ...externalSecret,
      spec: { ...externalSecret.spec, target: { name: 'postgresql', template: { ...(mergePolicy === undefined ? {} : { mergePolicy }), data: { url: 'x' } } } },
    });
    const reading = deployment([
      { name: 'A', valueFrom: { secretKeyRef: { name: 'postgresql', key: 'database-user' } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'postgresql', key: 'url' } } },
    ]);
    expect(problemsOf(environment(templated('Merge'), reading))).toEqual([]);
    expect(problemsOf(environment(templated(), reading))).toEqual([expect.stringContaining('database-user')]);
  });

  test('a ConfigMap key that does not exist', () => {
    const env = environment(configMap, deployment([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'thoth', key: 'deployment-nme' } } }]));
    expect(problemsOf(env)).toEqual(['container api, env A: reads ConfigMap "thoth" key "deployment-nme", which it does not have; its keys: deployment-name']);
  });

  test('a Secret that is not rendered in the namespace', () => {
    const env = environment(deployment([{ name: 'B', valueFrom: { secretKeyRef: { name: 'kafka', key: 'x' } } }]));
    expect(problemsOf(env)).toEqual(['container api, env B: reads Secret "kafka" key "x", but no Secret "kafka" is rendered in namespace ns']);
  });

  test('a ServiceAccount that does not exist', () => {
    const env = environment(deployment([], { serviceAccountName: 'investigator' }));
    expect(problemsOf(env)).toEqual(['runs as ServiceAccount "investigator", which is not rendered in namespace ns']);
  });

  test('a PriorityClass is rendered in the environment or made by Kubernetes itself', () => {
    const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'backbone' }, value: 3 };
    const naming = (name: string) => deployment([], { priorityClassName: name });
    expect(problemsOf(environment(priorityClass, naming('backbone')))).toEqual([]);
    expect(problemsOf(environment(naming('system-cluster-critical')))).toEqual([]);
    expect(problemsOf(environment(priorityClass, naming('backbon')))).toEqual([
      'names PriorityClass "backbon", which is not rendered; admission refuses a pod whose PriorityClass does not exist',
    ]);
  });

  test('a RoleBinding to a missing Role and ServiceAccount', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'ns' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'submit' },
      subjects: [{ kind: 'ServiceAccount', name: 'investigator', namespace: 'infra' }],
    };
    expect(problemsOf(environment(binding))).toEqual([
      'grants Role "submit", which is not rendered in namespace ns',
      'binds ServiceAccount infra/investigator, which is not rendered',
    ]);
  });

  test.each(ENVIRONMENTS)('%s: every key, ServiceAccount and Role referenced exists', async (name) => {
    const env = await renderReal(name);
    const referencing = manifestsOf(env).filter((m) => JSON.stringify(m).includes('KeyRef'));
    expect(referencing.length).toBeGreaterThan(0);
    expect(problemsOf(env)).toEqual([]);
  });
});

test('a workflow step whose account does not mount its token (the Argo executor needs it)', () => {
  const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner', namespace: 'ns' }, automountServiceAccountToken: false };
  const workflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name: 'w', namespace: 'ns' },
    spec: { serviceAccountName: 'runner', templates: [{ name: 'step', container: { name: 'main', image: 'x:v1' } }] },
  };
  expect(problemsOf(environment(account, workflow))).toEqual([
    'template step: runs as ServiceAccount "runner", which does not mount its token; the Argo executor needs it (mountTokenInEveryPod)',
  ]);
});
