/**
 * The long-running components: their documented defaults, the names other objects depend on, and
 * exactly the permissions each identity gets.
 */
import { parseEnvironment } from '../src/config/load.js';
import type { Manifest } from '../src/synth/manifest.js';
import { bareEnvironmentText } from '../test/fixtures/environment.js';
import { bareEnvironment, renderConstruct, TEST_IMAGE_TAGS } from '../test/helpers.js';
import { AmunApi } from './amun-api/index.js';
import { Investigator } from './investigator/index.js';
import { InvestigatorMessageMetrics } from './investigator-message-metrics/index.js';
import { KnowledgeGraph } from './knowledge-graph/index.js';
import { ManagementApi } from './management-api/index.js';
import { MetricsExporter } from './metrics-exporter/index.js';
import { Pushgateway } from './pushgateway/index.js';
import { UserApi } from './user-api/index.js';
import type { ThothChart } from '../charts/chart.js';
import type { Environment } from './shared/environment.js';
import { THOTH } from '../platforms/thoth/platform.js';
import { THOTH_IMAGE_TAGS } from './image-tags.js';
import { CATALOGUE, resolvedProps } from './catalogue.js';

const NAMESPACE = 'thoth-unit-core';

const find = (manifests: Manifest[], kind: string, name: string): any => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
};

/** "namespace/role: rules" of every Role, for asserting exact permissions. */
const permissions = (manifests: Manifest[]) =>
  manifests.filter((m) => m.kind === 'Role').map((m: any) => ({ role: `${m.metadata.namespace}/${m.metadata.name}`, rules: m.rules }));

/** What each override test gives a component as props, each unlike any default. */
const OVERRIDES = {
  imageTag: 'v9.9.9-props',
  resources: { requests: { cpu: '7m', memory: '7Mi' }, limits: { cpu: '9m', memory: '9Mi' } },
  variables: { PROPS_PROBE: 'from-the-props' },
  replicas: 3,
} as const;

/** The container of a Deployment or StatefulSet, by the workload's name. */
const containerOf = (manifests: Manifest[], kind: string, name: string): any => find(manifests, kind, name).spec.template.spec.containers[0];

/** The overrides' image tag, resources, replicas and variable reached the workload. */
const expectOverridden = (manifests: Manifest[], kind: string, name: string) => {
  const workload = find(manifests, kind, name);
  const container = workload.spec.template.spec.containers[0];
  expect(workload.spec.replicas).toBe(OVERRIDES.replicas);
  expect(container.image).toMatch(/:v9\.9\.9-props$/);
  expect(container.resources).toEqual(OVERRIDES.resources);
  expect(container.env).toContainEqual({ name: 'PROPS_PROBE', value: 'from-the-props' });
};

const withSettings = (yaml: string) => parseEnvironment(THOTH, 'unit', 'unit.yaml', bareEnvironmentText().replace('components: {}\n', `components:\n${yaml}`));

describe('user-api', () => {
  const render = (env = bareEnvironment()) => renderConstruct(env, (chart) => new UserApi(chart, 'user-api', resolvedProps(chart.env, 'user-api')));

  test('defaults: one replica of user-api:v0.35.10 on port 8080 behind Service user-api:80, probes, no Ingress', () => {
    const manifests = render();
    const deployment = find(manifests, 'Deployment', 'user-api');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('quay.io/thoth-station/user-api:v0.35.10');
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '768Mi' } });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readiness', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/liveness', port: 'http' });
    // Its /metrics is on the http port; the Service exposes it as `metrics` too, for the ServiceMonitor.
    expect(find(manifests, 'Service', 'user-api').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'metrics', port: 8080, targetPort: 'http', protocol: 'TCP' },
    ]);
    expect(find(manifests, 'Service', 'user-api').metadata.labels['thoth-station.ninja/scrape']).toBe('true');
    expect(manifests.some((m) => m.kind === 'Ingress')).toBe(false);
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'user-api', 'app.kubernetes.io/instance': 'user-api-unit' });
  });

  test('an Ingress for the environment host, and replicas from the environment', () => {
    const manifests = render(withSettings('  user-api: { host: api.example.org, replicas: 3 }\n'));
    expect(find(manifests, 'Deployment', 'user-api').spec.replicas).toBe(3);
    expect(find(manifests, 'Ingress', 'user-api').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        { host: 'api.example.org', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'user-api', port: { number: 80 } } } }] } },
      ],
    });
  });

  test('may keep callback Secrets in backend, read the solvers, and read workflow pods and logs in backend and middletier, and nothing else', () => {
    const manifests = render();
    expect(find(manifests, 'Deployment', 'user-api').spec.template.spec).toMatchObject({ serviceAccountName: 'user-api', automountServiceAccountToken: true });
    expect(permissions(manifests)).toEqual([
      { role: `${NAMESPACE}/user-api-keep-secrets`, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'patch'] }] },
      { role: `${NAMESPACE}/user-api-read-configmaps`, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['solvers'], verbs: ['get'] }] },
      {
        role: `${NAMESPACE}/user-api-read-workflow-pods`,
        rules: [
          { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get', 'list', 'watch'] },
        ],
      },
    ]);
  });
});

describe('management-api', () => {
  const render = (overrides: object = {}, env = bareEnvironment()) =>
    renderConstruct(env, (chart) => new ManagementApi(chart, 'management-api', { ...resolvedProps(chart.env, 'management-api'), ...overrides }));

  test('defaults: one replica of management-api:v0.18.11, its own requests and limits, plain HTTP, no Ingress', () => {
    const manifests = render();
    const deployment = find(manifests, 'Deployment', 'management-api');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('quay.io/thoth-station/management-api:v0.18.11');
    expect(container.resources).toEqual({ requests: { cpu: '1', memory: '768Mi' }, limits: { cpu: '1500m', memory: '1Gi' } });
    expect(container.env).toContainEqual({ name: 'THOTH_API_HTTPS', value: '0' });
    expect(manifests.some((m) => m.kind === 'Ingress')).toBe(false);
  });

  test('its props win: image tag, resources, replicas, variables, and a host that gives it an Ingress over HTTPS', () => {
    const manifests = render({ ...OVERRIDES, host: 'management.example.org' });
    expectOverridden(manifests, 'Deployment', 'management-api');
    expect(containerOf(manifests, 'Deployment', 'management-api').env).toContainEqual({ name: 'THOTH_API_HTTPS', value: '1' });
    expect(find(manifests, 'Ingress', 'management-api').spec.rules[0].host).toBe('management.example.org');
  });

  test('may submit workflows (in middletier, see the prod RBAC table)', () => {
    expect(permissions(render()).map((p) => p.role)).toEqual([
      `${NAMESPACE}/management-api-read-configmaps`,
      `${NAMESPACE}/management-api-read-workflow-pods`,
      `${NAMESPACE}/management-api-submit-workflows`,
    ]);
  });
});

describe('investigator', () => {
  const render = (overrides: object = {}) =>
    renderConstruct(
      bareEnvironment(),
      (chart) => new Investigator(chart, 'i', { ...resolvedProps(chart.env, 'investigator'), images: TEST_IMAGE_TAGS, ...overrides }),
    );

  test('one consumer Deployment per mode, each its own consumer group, our image, pausing at 900 pending workflows', () => {
    const manifests = render();
    for (const mode of ['backend', 'middletier']) {
      const container = containerOf(manifests, 'Deployment', `investigator-consumer-${mode}`);
      expect(container.image).toBe('quay.io/thoth-station/investigator:ba9876543210');
      expect(container.env).toEqual(
        expect.arrayContaining([
          { name: 'THOTH_CONSUMER_MODE', value: `["${mode}"]` },
          { name: 'KAFKA_CONSUMER_GROUP_ID', value: `thoth.investigator.${mode}` },
          { name: 'ARGO_PENDING_WORKFLOW_LIMIT', value: '900' },
          { name: 'THOTH_INVESTIGATOR_SOLVERS', valueFrom: { configMapKeyRef: { name: 'solvers', key: 'solvers' } } },
        ]),
      );
      expect(container.readinessProbe.httpGet.path).toBe('/_health');
    }
  });

  test('defaults: one replica per consumer, each requesting 250m and 512Mi, limited to 500m and 1Gi', () => {
    const manifests = render();
    for (const mode of ['backend', 'middletier']) {
      expect(find(manifests, 'Deployment', `investigator-consumer-${mode}`).spec.replicas).toBe(1);
      expect(containerOf(manifests, 'Deployment', `investigator-consumer-${mode}`).resources).toEqual({
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { cpu: '500m', memory: '1Gi' },
      });
    }
  });

  test('its props win, in both consumers: image tag, resources, replicas, variables, pending workflow limit', () => {
    const manifests = render({ ...OVERRIDES, pendingWorkflowLimit: 12 });
    for (const mode of ['backend', 'middletier']) {
      expectOverridden(manifests, 'Deployment', `investigator-consumer-${mode}`);
      expect(containerOf(manifests, 'Deployment', `investigator-consumer-${mode}`).env).toContainEqual({ name: 'ARGO_PENDING_WORKFLOW_LIMIT', value: '12' });
    }
  });

  test('its one ServiceAccount may create and watch Workflows in backend and middletier, nothing more', () => {
    const rendered = render();
    expect(rendered.filter((m) => m.kind === 'ServiceAccount').map((m) => m.metadata.name)).toEqual(['investigator']);
    expect(permissions(rendered)).toEqual([
      {
        role: `${NAMESPACE}/investigator-submit-workflows`,
        rules: [
          { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] },
          { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get', 'list'] },
        ],
      },
    ]);
  });
});

describe('knowledge graph', () => {
  const render = (overrides: object = {}, env = bareEnvironment()) =>
    renderConstruct(env, (chart) => new KnowledgeGraph(chart, 'kg', { ...resolvedProps(chart.env, 'postgresql'), ...overrides }));
  /** The construct as the catalogue's postgresql line builds it, with the side workloads' settings and switches from the environment. */
  const renderFromCatalogue = (env: Environment) =>
    renderConstruct(env, (chart) =>
      CATALOGUE.postgresql.build(chart, 'postgresql', {
        env: chart.env,
        props: resolvedProps(chart.env, 'postgresql'),
        images: TEST_IMAGE_TAGS,
        workflowCore: () => {
          throw new Error('the knowledge graph needs no workflow core');
        },
        graphSync: () => {
          throw new Error('the knowledge graph needs no graph-sync');
        },
      }),
    );

  test('defaults: postgres 16.4 StatefulSet on a retained 20Gi volume, pgbouncer Service on 5432, exporter on metrics, no pgweb', () => {
    const manifests = render();
    const statefulSet = find(manifests, 'StatefulSet', 'postgresql');
    expect(statefulSet.spec.replicas).toBe(1);
    expect(statefulSet.spec.template.spec.containers[0].image).toBe('docker.io/library/postgres:16.4');
    expect(statefulSet.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect(statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(statefulSet.spec.serviceName).toBe('postgresql-headless');
    expect(find(manifests, 'Service', 'postgresql-headless').spec.clusterIP).toBe('None');
    expect(find(manifests, 'Service', 'pgbouncer').spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
    expect(find(manifests, 'Service', 'postgres-metrics-exporter').spec.ports[0]).toMatchObject({ name: 'metrics', port: 9187 });
    expect(manifests.some((m) => m.metadata.name === 'pgweb')).toBe(false);
  });

  test('pgbouncer by default: bitnami/pgbouncer 1.23.1, two replicas, its own requests and limits', () => {
    const deployment = find(render(), 'Deployment', 'pgbouncer');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0].image).toBe('docker.io/bitnami/pgbouncer:1.23.1');
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  test('postgres-exporter by default: v0.15.0, one replica, its own requests and limits', () => {
    const deployment = find(render(), 'Deployment', 'postgres-metrics-exporter');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].image).toBe('quay.io/prometheuscommunity/postgres-exporter:v0.15.0');
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    });
  });

  test('pgweb when given: sosedoff/pgweb 0.15.0, read-only, one replica, its own requests and limits', () => {
    const deployment = find(render({ pgweb: {} }), 'Deployment', 'pgweb');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('docker.io/sosedoff/pgweb:0.15.0');
    expect(container.args).toContain('--readonly');
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } });
  });

  test("its props win: the database's image tag, resources, replicas, variables and storage, and each side workload's own", () => {
    const manifests = render({ ...OVERRIDES, storage: '100Gi', pgbouncer: OVERRIDES, postgresExporter: OVERRIDES, pgweb: OVERRIDES });
    expectOverridden(manifests, 'StatefulSet', 'postgresql');
    expect(find(manifests, 'StatefulSet', 'postgresql').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
    for (const name of ['pgbouncer', 'postgres-metrics-exporter', 'pgweb']) expectOverridden(manifests, 'Deployment', name);
  });

  test('false switches a side workload off', () => {
    const manifests = render({ pgbouncer: false, postgresExporter: false });
    expect(manifests.filter((m) => ['pgbouncer', 'postgres-metrics-exporter'].includes(m.metadata.name)).map((m) => m.kind)).toEqual([]);
    expect(find(manifests, 'StatefulSet', 'postgresql').kind).toBe('StatefulSet');
  });

  test("the catalogue line reads each side workload's settings and switch from the environment", () => {
    const env = withSettings(
      '  postgresql: { storage: 60Gi }\n  pgbouncer: { replicas: 4 }\n  postgres-exporter: { enabled: false }\n  pgweb: { enabled: true, imageTag: "0.16.0" }\n',
    );
    const manifests = renderFromCatalogue(env);
    expect(find(manifests, 'StatefulSet', 'postgresql').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('60Gi');
    expect(find(manifests, 'Deployment', 'pgbouncer').spec.replicas).toBe(4);
    expect(manifests.some((m) => m.metadata.name === 'postgres-metrics-exporter')).toBe(false);
    expect(containerOf(manifests, 'Deployment', 'pgweb').image).toBe('docker.io/sosedoff/pgweb:0.16.0');
    // Off unless the environment says: the bare environment renders no pgweb.
    expect(renderFromCatalogue(bareEnvironment()).some((m) => m.metadata.name === 'pgweb')).toBe(false);
  });
});

describe('pushgateway', () => {
  const render = (overrides: object = {}) =>
    renderConstruct(bareEnvironment(), (chart) => new Pushgateway(chart, 'pushgateway', { ...resolvedProps(chart.env, 'pushgateway'), ...overrides }));

  test('defaults: one replica of pushgateway v1.9.0, its own requests and limits, scraped by its own ServiceMonitor', () => {
    const manifests = render();
    const deployment = find(manifests, 'Deployment', 'pushgateway');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].image).toBe('quay.io/prometheus/pushgateway:v1.9.0');
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '250m', memory: '256Mi' },
    });
    expect(find(manifests, 'Service', 'pushgateway').metadata.labels['thoth-station.ninja/scrape']).toBe('pushgateway');
  });

  test('its props win: image tag, resources, replicas, variables', () => {
    expectOverridden(render(OVERRIDES), 'Deployment', 'pushgateway');
  });
});

describe('services without API access mount no token', () => {
  test.each([
    ['pushgateway', (chart: ThothChart) => new Pushgateway(chart, 'c', resolvedProps(chart.env, 'pushgateway'))],
    [
      'investigator-message-metrics',
      (chart: ThothChart) =>
        new InvestigatorMessageMetrics(chart, 'c', { ...resolvedProps(chart.env, 'investigator-message-metrics'), images: TEST_IMAGE_TAGS }),
    ],
  ] as const)('%s', (name, build) => {
    const manifests = renderConstruct(bareEnvironment(), build);
    expect(find(manifests, 'Deployment', name).spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(manifests.some((m) => m.kind === 'ServiceAccount' || m.kind === 'Role')).toBe(false);
  });
});

describe('investigator-message-metrics', () => {
  const render = (overrides: object = {}) =>
    renderConstruct(
      bareEnvironment(),
      (chart) =>
        new InvestigatorMessageMetrics(chart, 'c', { ...resolvedProps(chart.env, 'investigator-message-metrics'), images: TEST_IMAGE_TAGS, ...overrides }),
    );

  test('the investigator in its metrics mode, in a group of its own', () => {
    const container = containerOf(render(), 'Deployment', 'investigator-message-metrics');
    expect(container.image).toBe('quay.io/thoth-station/investigator:ba9876543210');
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'THOTH_CONSUMER_MODE', value: 'metrics' },
        { name: 'KAFKA_CONSUMER_GROUP_ID', value: 'thoth.message-metrics' },
      ]),
    );
  });

  test('defaults: one replica, requesting 100m and 256Mi, limited to 250m and 512Mi', () => {
    const manifests = render();
    expect(find(manifests, 'Deployment', 'investigator-message-metrics').spec.replicas).toBe(1);
    expect(containerOf(manifests, 'Deployment', 'investigator-message-metrics').resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '250m', memory: '512Mi' },
    });
  });

  test('its props win: image tag, resources, replicas, variables', () => {
    expectOverridden(render(OVERRIDES), 'Deployment', 'investigator-message-metrics');
  });
});

describe('metrics-exporter', () => {
  const render = (overrides: object = {}) =>
    renderConstruct(bareEnvironment(), (chart) => new MetricsExporter(chart, 'm', { ...resolvedProps(chart.env, 'metrics-exporter'), ...overrides }));

  test('defaults: one replica of metrics-exporter at the versions table tag, requesting 250m and 512Mi, limited to 1 CPU and 1Gi', () => {
    const deployment = find(render(), 'Deployment', 'metrics-exporter');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].image).toBe(`quay.io/thoth-station/metrics-exporter:${THOTH_IMAGE_TAGS['metrics-exporter']}`);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('its props win: image tag, resources, replicas, variables', () => {
    expectOverridden(render(OVERRIDES), 'Deployment', 'metrics-exporter');
  });

  test('may only read workloads, in each namespace of the environment', () => {
    const [role] = permissions(render());
    expect(role?.rules.flatMap((rule: any) => rule.verbs)).toEqual(expect.not.arrayContaining(['create', 'update', 'patch', 'delete']));
  });
});

describe('amun-api', () => {
  const render = (overrides: object = {}) =>
    renderConstruct(bareEnvironment(), (chart) => new AmunApi(chart, 'a', { ...resolvedProps(chart.env, 'amun-api'), ...overrides }));

  test('defaults: one replica of amun-api at the versions table tag, requesting 200m and 384Mi, limited to 500m and 512Mi, no Ingress', () => {
    const manifests = render();
    const deployment = find(manifests, 'Deployment', 'amun-api');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].image).toBe(`quay.io/thoth-station/amun-api:${THOTH_IMAGE_TAGS['amun-api']}`);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '200m', memory: '384Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(manifests.some((m) => m.kind === 'Ingress')).toBe(false);
  });

  test('its props win: image tag, resources, replicas, variables, and a host that gives it an Ingress', () => {
    const manifests = render({ ...OVERRIDES, host: 'amun.example.org' });
    expectOverridden(manifests, 'Deployment', 'amun-api');
    expect(find(manifests, 'Ingress', 'amun-api').spec.rules[0].host).toBe('amun.example.org');
  });

  test('may submit and read workflows in amun-inspection; its Service is amun-api:80', () => {
    const manifests = render();
    expect(permissions(manifests).map((p) => p.role)).toEqual([`${NAMESPACE}/amun-api-read-workflow-pods`, `${NAMESPACE}/amun-api-submit-workflows`]);
    expect(find(manifests, 'Service', 'amun-api').spec.ports[0]).toMatchObject({ port: 80, targetPort: 'http' });
  });
});
