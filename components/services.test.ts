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
import { THOTH } from '../thoth/platform.js';
import { resolvedProps } from './catalogue.js';

const NAMESPACE = 'thoth-unit-core';

const find = (manifests: Manifest[], kind: string, name: string): any => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
};

/** "namespace/role: rules" of every Role, for asserting exact permissions. */
const permissions = (manifests: Manifest[]) =>
  manifests.filter((m) => m.kind === 'Role').map((m: any) => ({ role: `${m.metadata.namespace}/${m.metadata.name}`, rules: m.rules }));

const withSettings = (yaml: string) => parseEnvironment(THOTH, 'unit', 'unit.yaml', bareEnvironmentText().replace('components: {}\n', `components:\n${yaml}`));

describe('user-api', () => {
  const render = (env = bareEnvironment()) => renderConstruct(env, (chart) => new UserApi(chart, 'user-api', resolvedProps(chart.env, 'user-api')));

  test('defaults: one replica of user-api:v0.35.10 on port 8080 behind Service user-api:80, probes, no Ingress', () => {
    const manifests = render();
    const deployment = find(manifests, 'Deployment', 'user-api');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('quay.io/thoth-station/user-api:v0.35.10');
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
  test('may submit workflows (in middletier, see the prod RBAC table)', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new ManagementApi(chart, 'm', { env: chart.env }));
    expect(permissions(manifests).map((p) => p.role)).toEqual([
      `${NAMESPACE}/management-api-read-configmaps`,
      `${NAMESPACE}/management-api-read-workflow-pods`,
      `${NAMESPACE}/management-api-submit-workflows`,
    ]);
    expect(find(manifests, 'Deployment', 'management-api').spec.template.spec.containers[0].image).toBe('quay.io/thoth-station/management-api:v0.18.11');
  });
});

describe('investigator', () => {
  const manifests = () => renderConstruct(bareEnvironment(), (chart) => new Investigator(chart, 'i', { env: chart.env, images: TEST_IMAGE_TAGS }));

  test('one consumer Deployment per mode, each its own consumer group, our image, pausing at 900 pending workflows', () => {
    for (const mode of ['backend', 'middletier']) {
      const container = find(manifests(), 'Deployment', `investigator-consumer-${mode}`).spec.template.spec.containers[0];
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

  test('its one ServiceAccount may create and watch Workflows in backend and middletier, nothing more', () => {
    const rendered = manifests();
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
  test('defaults: postgres 16.4 StatefulSet on a retained 20Gi volume, pgbouncer Service on 5432, exporter on metrics, no pgweb', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new KnowledgeGraph(chart, 'kg', { env: chart.env }));
    const statefulSet = find(manifests, 'StatefulSet', 'postgresql');
    expect(statefulSet.spec.template.spec.containers[0].image).toBe('docker.io/library/postgres:16.4');
    expect(statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(statefulSet.spec.serviceName).toBe('postgresql-headless');
    expect(find(manifests, 'Service', 'postgresql-headless').spec.clusterIP).toBe('None');
    expect(find(manifests, 'Service', 'pgbouncer').spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
    expect(find(manifests, 'Service', 'postgres-metrics-exporter').spec.ports[0]).toMatchObject({ name: 'metrics', port: 9187 });
    expect(manifests.some((m) => m.metadata.name === 'pgweb')).toBe(false);
  });

  test('storage from the environment, and pgweb when enabled', () => {
    const env = withSettings('  postgresql: { storage: 100Gi }\n  pgweb: { enabled: true }\n');
    const manifests = renderConstruct(env, (chart) => new KnowledgeGraph(chart, 'kg', { env: chart.env }));
    expect(find(manifests, 'StatefulSet', 'postgresql').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
    expect(find(manifests, 'Deployment', 'pgweb').spec.template.spec.containers[0].args).toContain('--readonly');
  });
});

describe('services without API access mount no token', () => {
  test.each([
    ['pushgateway', Pushgateway],
    ['investigator-message-metrics', InvestigatorMessageMetrics],
  ] as const)('%s', (name, Component) => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new Component(chart, 'c', { env: chart.env, images: TEST_IMAGE_TAGS }));
    expect(find(manifests, 'Deployment', name).spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(manifests.some((m) => m.kind === 'ServiceAccount' || m.kind === 'Role')).toBe(false);
  });
});

test('investigator-message-metrics is the investigator in its metrics mode, in a group of its own', () => {
  const manifests = renderConstruct(bareEnvironment(), (chart) => new InvestigatorMessageMetrics(chart, 'c', { env: chart.env, images: TEST_IMAGE_TAGS }));
  const container = find(manifests, 'Deployment', 'investigator-message-metrics').spec.template.spec.containers[0];
  expect(container.image).toBe('quay.io/thoth-station/investigator:ba9876543210');
  expect(container.env).toEqual(
    expect.arrayContaining([
      { name: 'THOTH_CONSUMER_MODE', value: 'metrics' },
      { name: 'KAFKA_CONSUMER_GROUP_ID', value: 'thoth.message-metrics' },
    ]),
  );
});

describe('metrics-exporter', () => {
  test('may only read workloads, in each namespace of the environment', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new MetricsExporter(chart, 'm', { env: chart.env }));
    const [role] = permissions(manifests);
    expect(role?.rules.flatMap((rule: any) => rule.verbs)).toEqual(expect.not.arrayContaining(['create', 'update', 'patch', 'delete']));
  });
});

describe('amun-api', () => {
  test('may submit and read workflows in amun-inspection; its Service is amun-api:80', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new AmunApi(chart, 'a', { env: chart.env }));
    expect(permissions(manifests).map((p) => p.role)).toEqual([`${NAMESPACE}/amun-api-read-workflow-pods`, `${NAMESPACE}/amun-api-submit-workflows`]);
    expect(find(manifests, 'Service', 'amun-api').spec.ports[0]).toMatchObject({ port: 80, targetPort: 'http' });
  });
});
