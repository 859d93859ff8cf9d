/**
 * The Ryax dashboards: each builds with its fixed uid, a query and a unit on every panel; every
 * metric and label a query reads is one its program serves (served-metrics.ts, with sources), every
 * series is scoped to its component's namespace and job, and that job is a Service the environment
 * renders and scrapes. Rendered, they carry the platform's tag, as Thoth's carry theirs.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { App } from 'cdk8s';
import { namespaceOf } from '../../../../src/config/environment.js';
import { loadPlatformEnvironments } from '../../../../src/config/load.js';
import { PlatformChart } from '../../../../src/platform/chart.js';
import { buildDashboard, GrafanaDashboard, timeseries } from '../../../../src/platform/dashboard.js';
import { SCRAPE_LABEL } from '../../../../src/platform/metadata.js';
import { collectObjects } from '../../../../src/synth/collect.js';
import type { Manifest } from '../../../../src/synth/manifest.js';
import { bareEnvironment, manifestsOf, REPO_ROOT, renderReal } from '../../../../test/helpers.js';
import { RYAX } from '../../../../platforms/ryax/platform.js';
import { RYAX_CATALOGUE } from '../../catalogue.js';
import type { RyaxEnvironment } from '../../shared/environment.js';
import { installs } from '../../shared/stacks.js';
import { GRAFANA_DASHBOARD_LABEL, GRAFANA_FOLDER_ANNOTATION } from '../../stacks/kube-prometheus-stack.js';
import { RYAX_DASHBOARDS, ryaxDashboards } from './index.js';

/** A rendered dashboard's uid and model: a GrafanaDashboard's JSON, or a sidecar ConfigMap's `<uid>.json`. */
function dashboardIn(object: Manifest): [string, Dashboard] {
  if (object.kind === 'GrafanaDashboard') return [object.metadata.name, JSON.parse((object.spec as { json: string }).json) as Dashboard];
  const [key, json] = Object.entries(object.data as Record<string, string>)[0]!;
  return [key.replace(/\.json$/, ''), JSON.parse(json) as Dashboard];
}
import { POSTGRES_EXPORTER_METRICS, REGISTRY_HANDLERS, REGISTRY_METRICS, RUNNER_METRICS, type ServedMetrics, TARGET_LABELS } from './served-metrics.js';

const RYAX_ENVIRONMENTS = await loadPlatformEnvironments(RYAX, REPO_ROOT);
const NAMESPACE = 'ns-under-test';

/** Each dashboard's fixed uid and what its program serves. */
const EXPECTED: Readonly<Record<string, { readonly uid: string; readonly served: ServedMetrics; readonly panels: number }>> = {
  runner: { uid: 'ryax-usage', served: RUNNER_METRICS, panels: 9 },
  datastore: { uid: 'ryax-datastore', served: POSTGRES_EXPORTER_METRICS, panels: 32 },
  registry: { uid: 'ryax-registry', served: REGISTRY_METRICS, panels: 17 },
};

interface Target {
  readonly expr: string;
  readonly legendFormat?: string;
}
interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: readonly Target[];
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string } };
}

const panelsOf = (dashboard: Dashboard): Panel[] => ((dashboard.panels ?? []) as Panel[]).filter((panel) => panel.type !== 'row');

/** A PromQL query as far as these checks need: its series selectors, its bare metric names and its grouping labels. */
interface ParsedQuery {
  readonly selectors: readonly { readonly metric: string; readonly matchers: readonly { label: string; op: string; value: string }[] }[];
  readonly bare: readonly string[];
  readonly groupings: readonly string[];
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset']);

function parseQuery(expr: string): ParsedQuery {
  const selectors: { metric: string; matchers: { label: string; op: string; value: string }[] }[] = [];
  const groupings: string[] = [];
  let rest = expr.replace(/([a-zA-Z_:][a-zA-Z0-9_:]*)?\{([^}]*)\}/g, (_whole, metric: string | undefined, body: string) => {
    const matchers = [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, label, op, value]) => ({
      label: label!,
      op: op!,
      value: value!,
    }));
    selectors.push({ metric: metric ?? '', matchers });
    return ' ';
  });
  rest = rest.replace(/\[[^\]]*\]/g, ' ');
  rest = rest.replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_whole, labels: string) => {
    groupings.push(
      ...labels
        .split(',')
        .map((label) => label.trim())
        .filter((label) => label !== ''),
    );
    return ' ';
  });
  rest = rest.replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  const bare = [...rest.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter(([, name, call]) => call === undefined && !KEYWORDS.has(name!))
    .map(([, name]) => name!);
  return { selectors, bare, groupings };
}

/** What is wrong with a query: unknown metrics or labels, series not scoped to the namespace and job. */
function queryProblems(expr: string, served: ServedMetrics, scope: { namespace: string; job: string }, legend = ''): string[] {
  const { selectors, bare, groupings } = parseQuery(expr);
  const problems = bare.map((name) => `${name} is not scoped to a namespace and job`);
  const known = new Set(TARGET_LABELS);
  for (const { metric, matchers } of selectors) {
    const entry = served[metric];
    if (entry === undefined) {
      problems.push(`${metric || '{…}'} is not a metric its program serves`);
      continue;
    }
    for (const label of entry.labels) known.add(label);
    for (const { label } of matchers) if (!TARGET_LABELS.includes(label) && !entry.labels.includes(label)) problems.push(`${metric} has no label ${label}`);
    for (const [label, value] of Object.entries(scope)) {
      if (!matchers.some((matcher) => matcher.label === label && matcher.op === '=' && matcher.value === value))
        problems.push(`${metric} is not scoped to ${label}="${value}"`);
    }
  }
  for (const label of groupings) if (!known.has(label)) problems.push(`groups by ${label}, which none of its metrics has`);
  for (const [, label] of legend.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g))
    if (!known.has(label!)) problems.push(`the legend names ${label}, which none of its metrics has`);
  return problems;
}

/** The queries of a dashboard: its panels' targets and its label_values variables. */
function queriesOf(dashboard: Dashboard): { where: string; expr: string; legend?: string }[] {
  const panels = panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      where: panel.title,
      expr: target.expr,
      ...(target.legendFormat === undefined ? {} : { legend: target.legendFormat }),
    })),
  );
  const variables = (dashboard.templating?.list ?? []).flatMap((variable) => {
    if (variable.type !== 'query') return [];
    const match = /^label_values\((.+),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$/.exec(String(variable.query));
    if (match === null) throw new Error(`variable ${variable.name}: not a label_values() query: ${String(variable.query)}`);
    return [{ where: `variable ${variable.name}`, expr: match[1]!, legend: `{{${match[2]}}}` }];
  });
  return [...panels, ...variables];
}

describe.each(RYAX_DASHBOARDS.map((dashboard) => [dashboard.component, dashboard] as const))('%s', (component, { build, job }) => {
  const expected = EXPECTED[component]!;
  const dashboard = build(NAMESPACE);

  test('has its fixed uid, the datasource variable, and a query and a unit on every panel', () => {
    expect(dashboard.uid).toBe(expected.uid);
    expect(dashboard.templating?.list?.[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    const panels = panelsOf(dashboard);
    expect(panels).toHaveLength(expected.panels);
    for (const panel of panels) {
      expect({ panel: panel.title, queries: (panel.targets ?? []).filter((target) => target.expr.trim() !== '').length > 0 }).toEqual({
        panel: panel.title,
        queries: true,
      });
      expect({ panel: panel.title, unit: typeof panel.fieldConfig?.defaults?.unit }).toEqual({ panel: panel.title, unit: 'string' });
    }
  });

  test('reads only metrics and labels its program serves, each series scoped to its namespace and job', () => {
    const problems = queriesOf(dashboard).flatMap(({ where, expr, legend }) =>
      queryProblems(expr, expected.served, { namespace: NAMESPACE, job }, legend).map((problem) => `${where}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

test('the registry’s latency panels name routes the registry instruments', () => {
  const registry = RYAX_DASHBOARDS.find((dashboard) => dashboard.component === 'registry')!.build(NAMESPACE);
  const handlers = queriesOf(registry).flatMap(({ expr }) => [...expr.matchAll(/handler="([^"]*)"/g)].map(([, handler]) => handler!));
  expect(handlers.length).toBeGreaterThan(0);
  expect(handlers.filter((handler) => !(REGISTRY_HANDLERS as readonly string[]).includes(handler))).toEqual([]);
});

describe('the query check', () => {
  const scope = { namespace: 'ns', job: 'j' };
  test.each([
    ['a sound query', 'sum by (datname) (rate(pg_stat_database_xact_commit{namespace="ns", job="j"}[5m]))', '{{datname}}', []],
    ['a misspelt metric', 'pg_stat_database_xact_comit{namespace="ns", job="j"}', '', ['pg_stat_database_xact_comit is not a metric its program serves']],
    ['a label the metric lacks', 'pg_up{namespace="ns", job="j", datname="x"}', '', ['pg_up has no label datname']],
    ['a series of the whole cluster', 'sum(pg_up)', '', ['pg_up is not scoped to a namespace and job']],
    ['another job', 'pg_up{namespace="ns", job="other"}', '', ['pg_up is not scoped to job="j"']],
    ['a grouping by a label no metric has', 'sum by (state) (pg_up{namespace="ns", job="j"})', '', ['groups by state, which none of its metrics has']],
    ['a legend of a label no metric has', 'pg_up{namespace="ns", job="j"}', '{{datname}}', ['the legend names datname, which none of its metrics has']],
  ])('%s', (_name, expr, legend, expected) => {
    expect(queryProblems(expr, POSTGRES_EXPORTER_METRICS, scope, legend)).toEqual(expected);
  });
});

describe.each(RYAX_ENVIRONMENTS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const render = (environment: RyaxEnvironment): Manifest[] => {
    const chart = new PlatformChart(new App({ outdir: 'unused' }), { env: environment, application: 'unit' });
    ryaxDashboards(chart, environment);
    return collectObjects(chart).map((object) => object.manifest);
  };
  const inCatalogue = (component: string) => component in RYAX_CATALOGUE;

  test('renders the dashboard of each component it runs, tagged ryax, for its Grafana, with queries in that component’s namespace', () => {
    const rendered = render(env);
    const uids = RYAX_DASHBOARDS.filter(({ component }) => inCatalogue(component)).map(({ component }) => EXPECTED[component]!.uid);
    // The runner and the datastore are in the catalogue; the registry's dashboard comes with its component.
    expect(uids).toEqual(expect.arrayContaining(['ryax-usage', 'ryax-datastore']));
    const dashboards = new Map(rendered.map((object) => dashboardIn(object)));
    expect([...dashboards.keys()].sort()).toEqual([...uids].sort());
    for (const object of rendered) {
      expect(object.metadata.namespace).toBe(namespaceOf(env, 'services'));
      // kube-prometheus-stack's Grafana loads them through its sidecar; otherwise the grafana-operator does.
      if (installs(env, 'kube-prometheus-stack')) {
        expect(object).toMatchObject({
          kind: 'ConfigMap',
          metadata: { labels: GRAFANA_DASHBOARD_LABEL, annotations: { [GRAFANA_FOLDER_ANNOTATION]: env.monitoring.grafana.folder } },
        });
      } else {
        expect(object).toMatchObject({
          kind: 'GrafanaDashboard',
          spec: { folder: env.monitoring.grafana.folder, instanceSelector: { matchLabels: env.monitoring.grafana.instanceLabels } },
        });
      }
    }
    for (const json of dashboards.values()) expect(json.tags).toEqual(['ryax']);
    const usage = dashboards.get('ryax-usage')!;
    expect(queriesOf(usage)[0]!.expr).toContain(`namespace="${namespaceOf(env, 'services')}", job="ryax-runner"`);
    const datastore = dashboards.get('ryax-datastore')!;
    expect(queriesOf(datastore)[0]!.expr).toContain(`namespace="${namespaceOf(env, 'backbone')}", job="ryax-datastore-exporter"`);
  });

  test('renders no dashboard for a component switched off', () => {
    const withoutDatastore = { ...env, components: { ...env.components, datastore: { enabled: false } } } as RyaxEnvironment;
    expect(render(withoutDatastore).map((object) => dashboardIn(object)[0])).not.toContain('ryax-datastore');
  });

  test('each job a dashboard reads is a Service of its namespace with a scraped metrics port', async () => {
    const manifests = manifestsOf(await renderReal(env.name));
    const catalogue = RYAX_CATALOGUE as Readonly<Record<string, { tier: 'backbone' | 'services' | 'executions' }>>;
    const read = RYAX_DASHBOARDS.filter(({ component }) => inCatalogue(component)).map(({ component, job }) => ({
      job,
      namespace: namespaceOf(env, catalogue[component]!.tier),
    }));
    const scraped = manifests
      .filter((m) => m.kind === 'Service' && m.metadata.labels?.[SCRAPE_LABEL] === 'true')
      .filter((m) => ((m.spec as { ports?: { name?: string }[] }).ports ?? []).some((port) => port.name === 'metrics'))
      .map((m) => ({ job: m.metadata.name, namespace: m.metadata.namespace }));
    expect(scraped).toEqual(expect.arrayContaining(read));
    const monitored = manifests.filter((m) => m.kind === 'ServiceMonitor').map((m) => m.metadata.namespace);
    for (const { namespace } of read) expect(monitored).toContain(namespace);
  });
});

describe('the platform’s tag', () => {
  const model = buildDashboard({ uid: 'u', title: 'T', description: 'd', sections: [{ title: 'S', panels: [timeseries('P', [{ expr: 'up' }])] }] });
  const rendered = (env: RyaxEnvironment | ReturnType<typeof bareEnvironment>) => {
    const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'unit' });
    new GrafanaDashboard(chart, 'D', { env, namespace: 'ns', component: 'c', dashboard: model });
    const [object] = collectObjects(chart);
    return JSON.parse((object!.manifest.spec as { json: string }).json) as Dashboard;
  };

  test.each([
    ['thoth', bareEnvironment()],
    ['ryax', RYAX_ENVIRONMENTS[0]!],
  ])('a %s environment tags its dashboards with its platform, in the place the model holds for tags', (platform, env) => {
    const json = rendered(env);
    expect(json.tags).toEqual([platform]);
    expect(Object.keys(json)).toEqual(Object.keys(model));
  });
});
