import { workflowControllersDashboard } from '../components/argo-workflows/dashboard.js';
import { jobProgramsDashboard } from '../components/graph-refresh/dashboard.js';
import { kafkaArgoDashboard } from '../components/investigator/dashboard.js';
import { postgresqlDashboard } from '../components/knowledge-graph/dashboard.js';
import { knowledgeGraphContentDashboard, serviceVersionsDashboard } from '../components/metrics-exporter/dashboards.js';
import { sliSloDashboard } from '../components/slo-reporter/dashboard.js';
import { userApiDashboard } from '../components/user-api/dashboard.js';
import type { Manifest, RenderedEnvironment } from '../src/synth/manifest.js';
import { dashboardProblems } from '../src/validate/dashboards.js';
import { THOTH_ENVIRONMENTS, manifestsOf, renderReal } from './helpers.js';

const DASHBOARDS = {
  'thoth-kafka-argo': kafkaArgoDashboard,
  'thoth-knowledge-graph-content': knowledgeGraphContentDashboard,
  'thoth-postgresql': postgresqlDashboard,
  'thoth-service-versions': serviceVersionsDashboard,
  'thoth-sli-slo': sliSloDashboard,
  'thoth-user-api': userApiDashboard,
  'thoth-workflow-controllers': workflowControllersDashboard,
  'thoth-job-programs': jobProgramsDashboard,
};

describe.each(Object.entries(DASHBOARDS))('%s', (uid, build) => {
  test('renders its fixed uid, the datasource variable and panels that read it', () => {
    const dashboard = build();
    expect(dashboard.uid).toBe(uid);
    expect(dashboard.templating?.list?.[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    const panels = (dashboard.panels ?? []).filter((panel) => panel.type !== 'row') as { datasource?: { uid?: string }; targets?: unknown[] }[];
    expect(panels.length).toBeGreaterThan(3);
    for (const panel of panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });
});

test('every environment renders every dashboard once, as a GrafanaDashboard for its Grafana instance', async () => {
  for (const name of THOTH_ENVIRONMENTS) {
    const dashboards = manifestsOf(await renderReal(name)).filter((m) => m.kind === 'GrafanaDashboard');
    expect(dashboards.map((d) => d.metadata.name).sort()).toEqual(Object.keys(DASHBOARDS).sort());
    for (const dashboard of dashboards) {
      expect(dashboard.spec).toMatchObject({
        instanceSelector: { matchLabels: { dashboards: 'thoth' } },
        folder: 'thoth-station',
        allowCrossNamespaceImport: true,
      });
    }
  }
});

describe('dashboard checks', () => {
  const object = (name: string, json: string): Manifest => ({
    apiVersion: 'grafana.integreatly.org/v1beta1',
    kind: 'GrafanaDashboard',
    metadata: { name, namespace: 'ns' },
    spec: { instanceSelector: { matchLabels: { a: 'b' } }, json },
  });
  const env = (...manifests: Manifest[]): RenderedEnvironment => ({
    name: 'unit',
    applications: [
      {
        name: 'm',
        wave: 0,
        namespace: 'ns',
        objects: manifests.map((manifest, index) => ({ manifest, application: 'm', file: `m/${index}.yaml`, constructPath: 'x' })),
      },
    ],
  });
  const valid = (uid: string, datasource = '${datasource}') =>
    JSON.stringify({
      uid,
      title: 'T',
      templating: { list: [{ name: 'datasource', type: 'datasource' }] },
      panels: [{ type: 'timeseries', title: 'P', datasource: { uid: datasource }, targets: [{ expr: 'up' }] }],
    });

  /** A ConfigMap a Grafana's dashboards sidecar loads. */
  const configMap = (key: string, json: string, component = 'dashboard'): Manifest => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${key}-dashboard`, namespace: 'ns', labels: { 'app.kubernetes.io/component': component, grafana_dashboard: '1' } },
    data: { [`${key}.json`]: json },
  });

  test.each([
    ['a sound dashboard', [object('a', valid('a'))], []],
    ['a sound sidecar dashboard', [configMap('a', valid('a'))], []],
    ['a sidecar dashboard under another uid than its key', [configMap('a', valid('b'))], ['the dashboard uid "b" differs from the key\'s']],
    ['a sidecar dashboard that does not parse', [configMap('a', '{')], [expect.stringMatching(/^data.a.json is not JSON: /)]],
    ['a sidecar dashboard with the uid of a GrafanaDashboard', [object('a', valid('a')), configMap('a', valid('a'))], ['uid "a" is also the uid of m/0.yaml']],
    ['a ConfigMap that is no dashboard', [configMap('a', '{', 'settings')], []],
    ['a literal data source', [object('a', valid('a', 'PF0BA5EC94FCB9BBE'))], ['panel "P" names a data source; use ${datasource}']],
    ['a duplicate uid', [object('a', valid('a')), object('a', valid('a'))], ['uid "a" is also the uid of m/0.yaml']],
    ['a uid other than the name', [object('a', valid('b'))], ['the dashboard uid "b" differs from the object\'s name']],
    ['JSON that does not parse', [object('a', '{')], [expect.stringMatching(/^spec.json is not JSON: /)]],
  ])('%s', (_name, manifests, expected) => {
    expect(dashboardProblems(env(...manifests)).map((problem) => problem.message)).toEqual(expected);
  });
});
