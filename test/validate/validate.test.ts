import type { Manifest, RenderedEnvironment } from '../../src/synth/manifest.js';
import { validateEnvironments } from '../../src/validate/index.js';
import { policyProblems } from '../../src/validate/policy.js';
import { schemaProblems } from '../../src/validate/schemas.js';
import { ENVIRONMENTS, renderReal } from '../helpers.js';

const labels = {
  'app.kubernetes.io/name': 'x',
  'app.kubernetes.io/component': 'y',
  'app.kubernetes.io/part-of': 'thoth',
  'app.kubernetes.io/managed-by': 'thoth-gitops',
};

const configMap = (overrides: Partial<Manifest> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'thoth-test-core', labels },
  data: { key: 'value' },
  ...overrides,
});

describe('policy', () => {
  test('a well-formed object has no problem', () => {
    expect(policyProblems(configMap())).toEqual([]);
  });

  test('a namespaced object without a namespace', () => {
    expect(policyProblems(configMap({ metadata: { name: 'settings', labels } }))).toEqual([
      { rule: 'policy/namespace', message: 'has no metadata.namespace; set it so the object never lands in whatever namespace a tool defaults to' },
    ]);
  });

  test('a cluster-scoped object with a namespace', () => {
    expect(policyProblems({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', namespace: 'b', labels } })).toEqual([
      { rule: 'policy/namespace', message: 'is cluster-scoped but sets metadata.namespace "b"; remove it' },
    ]);
  });

  test('missing app.kubernetes.io labels', () => {
    const { 'app.kubernetes.io/component': _component, 'app.kubernetes.io/part-of': _partOf, ...some } = labels;
    expect(policyProblems(configMap({ metadata: { name: 'settings', namespace: 'n', labels: some } }))).toEqual([
      {
        rule: 'policy/labels',
        message: 'lacks label(s) app.kubernetes.io/component, app.kubernetes.io/part-of; use objectLabels() from src/platform/metadata.ts in its construct',
      },
    ]);
  });

  test.each(['data', 'stringData'])('a Secret carrying %s', (field) => {
    const secret = configMap({ kind: 'Secret', data: undefined, [field]: { password: 'hunter2' } });
    expect(policyProblems(secret)).toEqual([
      {
        rule: 'policy/secret-data',
        message: 'carries secret data, which must never be in git; render an ExternalSecret (src/platform/external-secret.ts) instead',
      },
    ]);
  });

  test('a Secret without data (filled in the cluster) is allowed', () => {
    expect(policyProblems(configMap({ kind: 'Secret', data: {} }))).toEqual([]);
  });

  test.each([
    ['39.0.9', []],
    ['v1.24.4-rc.1', []],
    ['39.*', ['39.*']],
    ['>=39.0.0', ['>=39.0.0']],
    ['^81.6.9', ['^81.6.9']],
  ])("a Helm chart's Application at targetRevision %s", (targetRevision, refused) => {
    const application = configMap({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      data: undefined,
      spec: { source: { repoURL: 'https://traefik.github.io/charts', chart: 'traefik', targetRevision } },
    });
    expect(policyProblems(application).map((problem) => problem.rule)).toEqual(refused.map(() => 'policy/pinned-chart'));
    for (const revision of refused) expect(policyProblems(application)[0]!.message).toContain(`targetRevision "${revision}", which is not one version`);
  });
});

describe('schemas', () => {
  test('a Kubernetes object with a wrong type', async () => {
    expect(await schemaProblems(configMap({ data: { replicas: 3 } }))).toEqual(['data.replicas must be string']);
  });

  test('a custom resource missing a required field', async () => {
    const application = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' }, spec: { project: 'p' } };
    expect(await schemaProblems(application)).toEqual(['spec must have required property destination']);
  });

  test("a KafkaTopic is held to its CRD's schema and to the platform's stricter one", async () => {
    const topic = (labels: Record<string, string>, partitions: unknown) => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: { name: 'thoth.advise', namespace: 'kafka', labels },
      spec: { partitions, replicas: 1 },
    });
    expect(await schemaProblems(topic({ 'strimzi.io/cluster': 'kafka' }, 1))).toEqual([]);
    // The CRD (@kubernetes-models/strimzi-kafka-operator) and the stricter schema both refuse the type: said once.
    expect(await schemaProblems(topic({ 'strimzi.io/cluster': 'kafka' }, 'one'))).toEqual(['spec.partitions must be integer']);
    // Only the stricter schema knows that the topic operator ignores a topic that names no cluster.
    expect(await schemaProblems(topic({}, 1))).toEqual(["metadata.labels must have required property 'strimzi.io/cluster'"]);
  });

  test('a kind no schema is known for', async () => {
    expect(await schemaProblems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'no schema is known for example.com/v1 Widget; add its models package to src/validate/schemas.ts',
    ]);
  });
});

describe('validateEnvironments', () => {
  test.each(ENVIRONMENTS)('finds nothing in the %s environment', async (name) => {
    expect(await validateEnvironments([await renderReal(name)])).toEqual([]);
  });

  test('names the environment, application, file, object and construct of each finding', async () => {
    const env: RenderedEnvironment = {
      name: 'unit',
      applications: [
        {
          name: 'broken',
          wave: 0,
          namespace: 'n',
          objects: [
            {
              manifest: configMap({ kind: 'Secret', data: undefined, stringData: { a: 'b' } }),
              application: 'broken',
              file: 'broken/secret_thoth-test-core_settings.yaml',
              constructPath: 'broken/Settings',
            },
          ],
        },
      ],
    };
    expect(await validateEnvironments([env])).toEqual([
      {
        environment: 'unit',
        application: 'broken',
        file: 'generated/unit/broken/secret_thoth-test-core_settings.yaml',
        kind: 'Secret',
        namespace: 'thoth-test-core',
        name: 'settings',
        constructPath: 'broken/Settings',
        rule: 'policy/secret-data',
        message: expect.stringContaining('carries secret data'),
      },
    ]);
  });
});
