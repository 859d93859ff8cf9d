/**
 * The Thoth components, one line each: the key an environment file switches and tunes it by
 * (`components.<key>`), how it runs (which settings it takes), the tier whose namespace and chart it
 * lives in, and how its construct is built. The environment schema, the charts and the switches all
 * read this one table; a new component is its folder and its line here.
 *
 * Keys are the reference deployment's (thoth-application-inventory.md §2.2), so a reader can map
 * one to the other. An entry without `build` holds settings another entry's construct reads
 * (pgbouncer's are read by postgresql's KnowledgeGraph). Within a tier, components are built in
 * the order listed.
 */
import type { Construct } from 'constructs';
import type { ComponentEntry, ComponentKind, OverridesByKind } from '../src/config/components.js';
import { isEnabled } from '../src/config/enabled.js';
import { namespaceOf } from '../src/config/environment.js';
import { overridesOf } from '../src/config/components.js';
import type { Environment } from './shared/environment.js';
import type { Tier } from './shared/tiers.js';
import type { JobImageTags } from '../src/images/programs.js';
import type { DashboardModel } from '../src/platform/dashboard.js';
import type { AlertDeclaration } from '../src/synth/platform.js';
import { adviseReporterAlerts } from './advise-reporter/alerts.js';
import { investigatorAlerts } from './investigator/alerts.js';
import { knowledgeGraphAlerts } from './knowledge-graph/alerts.js';
import { metricsExporterAlerts } from './metrics-exporter/alerts.js';
import { purgeAlerts } from './purge/alerts.js';
import { userApiAlerts } from './user-api/alerts.js';
import { AdviseReporter } from './advise-reporter/index.js';
import { Adviser } from './adviser/index.js';
import { AmunApi } from './amun-api/index.js';
import { AmunInspection } from './amun-inspection/index.js';
import { CveUpdate } from './cve-update/index.js';
import { DocumentSync } from './document-sync/index.js';
import { GraphBackup } from './graph-backup/index.js';
import { GraphMetricsExporter } from './graph-metrics-exporter/index.js';
import { GraphRefresh } from './graph-refresh/index.js';
import { GraphSchemaUpdate } from './graph-schema-update/index.js';
import type { GraphSync } from './graph-sync/index.js';
import { IntegrationTests } from './integration-tests/index.js';
import { Investigator } from './investigator/index.js';
import { InvestigatorMessageMetrics } from './investigator-message-metrics/index.js';
import { Kebechet } from './kebechet/index.js';
import { KnowledgeGraph } from './knowledge-graph/index.js';
import { ManagementApi } from './management-api/index.js';
import { MetricsExporter } from './metrics-exporter/index.js';
import { Mi } from './mi/index.js';
import { MI_SCHEDULER_GH_SETTINGS } from './mi-scheduler/index.js';
import { PackageExtract } from './package-extract/index.js';
import { PackageReleases } from './package-releases/index.js';
import { PackageUpdate } from './package-update/index.js';
import { PrescriptionsRefresh } from './prescriptions-refresh/index.js';
import { PulpPypiSync } from './pulp-pypi-sync/index.js';
import { Purge } from './purge/index.js';
import { Pushgateway } from './pushgateway/index.js';
import { Revsolver } from './revsolver/index.js';
import { SecurityIndicators } from './security-indicators/index.js';
import { SloReporter } from './slo-reporter/index.js';
import { Solver } from './solver/index.js';
import { UserApi } from './user-api/index.js';
import type { WorkflowCore } from './workflow-core/index.js';
import { jobProgramsDashboard } from './graph-refresh/dashboard.js';
import { userApiDashboard } from './user-api/dashboard.js';
import { knowledgeGraphContentDashboard, serviceVersionsDashboard } from './metrics-exporter/dashboards.js';
import { postgresqlDashboard } from './knowledge-graph/dashboard.js';
import { kafkaArgoDashboard } from './investigator/dashboard.js';

/** What a component's construct is built from: the environment, its settings there, and what its chart shares. */
export interface ComponentServices<K extends ComponentKind = ComponentKind> {
  readonly env: Environment;
  /** Its props from the environment (`resolvedProps`): the environment, its tier's namespace and what the environment sets for it. */
  readonly props: ResolvedProps<K>;
  /** The tags of the job images built here (src/images/plan.ts). */
  readonly images: JobImageTags;
  /** Its namespace's send-message(s) templates and workflow accounts, created once per namespace. */
  readonly workflowCore: () => WorkflowCore;
  /** Its namespace's graph-sync templates, created once per namespace (outside the app when switched off). */
  readonly graphSync: () => GraphSync;
}

interface CatalogueLine<K extends ComponentKind> extends ComponentEntry<Tier> {
  readonly kind: K;
  /** Builds the component into its tier's chart, with its key as the construct id. */
  readonly build?: (scope: Construct, id: string, services: ComponentServices<K>) => unknown;
  /** Whether it renders when the environment does not say (`components.<key>.enabled`). */
  readonly byDefault?: boolean;
  /** The alerts it renders (components/<name>/alerts.ts): what `monitoring.alerts` may override. */
  readonly alerts?: AlertDeclaration;
  /** Its objects' `app.kubernetes.io/name` where that is not its key (postgresql's construct is the knowledge graph). */
  readonly appName?: string;
  /** The Grafana dashboards that watch it (components/<name>/dashboard.ts), rendered while it is on. */
  readonly dashboards?: readonly (() => DashboardModel)[];
}

/** A line of the catalogue: its `build` is handed the settings of its kind. */
export type CatalogueEntry = { [K in ComponentKind]: CatalogueLine<K> }[ComponentKind];

export const CATALOGUE = {
  // frontend
  'user-api': {
    kind: 'api',
    tier: 'frontend',
    description: 'the public user API',
    alerts: userApiAlerts,
    dashboards: [userApiDashboard],
    build: (scope, id, { props }) => new UserApi(scope, id, props),
  },
  'management-api': { kind: 'api', tier: 'frontend', description: 'the management API', build: (scope, id, { props }) => new ManagementApi(scope, id, props) },
  'graph-refresh': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'asks for unresolved package versions',
    dashboards: [jobProgramsDashboard],
    build: (scope, id, { props, images }) => new GraphRefresh(scope, id, { ...props, images }),
  },
  'cve-update': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'imports CVEs into the knowledge graph',
    build: (scope, id, { props, images }) => new CveUpdate(scope, id, { ...props, images }),
  },
  'package-releases': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'finds new releases on package indexes',
    build: (scope, id, { props, images }) => new PackageReleases(scope, id, { ...props, images }),
  },
  'package-update': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'checks known packages for changes',
    build: (scope, id, { props, images }) => new PackageUpdate(scope, id, { ...props, images }),
  },
  'document-sync': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'copies documents between S3 buckets',
    build: (scope, id, { props, images }) => new DocumentSync(scope, id, { ...props, images }),
  },
  'pulp-pypi-sync': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'syncs Pulp PyPI repositories',
    build: (scope, id, { props, images }) => new PulpPypiSync(scope, id, { ...props, images }),
  },
  'integration-tests': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'runs the integration test suite',
    build: (scope, id, { props }) => new IntegrationTests(scope, id, props),
  },
  'slo-reporter': {
    kind: 'scheduled',
    tier: 'frontend',
    description: 'mails the weekly SLO report',
    build: (scope, id, { props }) => new SloReporter(scope, id, props),
  },
  // graph
  postgresql: {
    kind: 'service',
    tier: 'graph',
    description: 'the knowledge graph database',
    alerts: knowledgeGraphAlerts,
    appName: 'knowledge-graph',
    dashboards: [postgresqlDashboard],
    // Annotated: its body reads the catalogue (the side workloads' resolved settings and switches).
    build: (scope, id, { env, props }): KnowledgeGraph =>
      new KnowledgeGraph(scope, id, {
        ...props,
        pgbouncer: isEnabled(env, 'pgbouncer') && resolvedProps(env, 'pgbouncer'),
        postgresExporter: isEnabled(env, 'postgres-exporter') && resolvedProps(env, 'postgres-exporter'),
        pgweb: isEnabled(env, 'pgweb', false) && resolvedProps(env, 'pgweb'),
      }),
  },
  pgbouncer: { kind: 'service', tier: 'graph', description: 'the connection pooler every client talks to' },
  'postgres-exporter': { kind: 'service', tier: 'graph', description: 'PostgreSQL metrics', appName: 'postgres-metrics-exporter' },
  pgweb: { kind: 'service', tier: 'graph', description: 'a web console for the knowledge graph' },
  'graph-backup': {
    kind: 'scheduled',
    tier: 'graph',
    description: 'dumps the knowledge graph to S3',
    build: (scope, id, { props, images }) => new GraphBackup(scope, id, { ...props, images }),
  },
  'graph-metrics-exporter': {
    kind: 'scheduled',
    tier: 'graph',
    description: 'pushes knowledge-graph health metrics',
    build: (scope, id, { props, images }) => new GraphMetricsExporter(scope, id, { ...props, images }),
  },
  // infra
  pushgateway: {
    kind: 'service',
    tier: 'infra',
    description: 'the Prometheus Pushgateway jobs push to',
    build: (scope, id, { props }) => new Pushgateway(scope, id, props),
  },
  investigator: {
    kind: 'service',
    tier: 'infra',
    description: 'the Kafka consumers that schedule workflows',
    alerts: investigatorAlerts,
    dashboards: [kafkaArgoDashboard],
    build: (scope, id, { props, images }) => new Investigator(scope, id, { ...props, images }),
  },
  'investigator-message-metrics': {
    kind: 'service',
    tier: 'infra',
    description: 'counts messages per topic',
    build: (scope, id, { props, images }) => new InvestigatorMessageMetrics(scope, id, { ...props, images }),
  },
  'metrics-exporter': {
    kind: 'service',
    tier: 'infra',
    description: 'exports platform metrics',
    alerts: metricsExporterAlerts,
    dashboards: [knowledgeGraphContentDashboard, serviceVersionsDashboard],
    build: (scope, id, { props }) => new MetricsExporter(scope, id, props),
  },
  'advise-reporter': {
    kind: 'scheduled',
    tier: 'infra',
    description: 'reports adviser justifications',
    alerts: adviseReporterAlerts,
    build: (scope, id, { props, images }) => new AdviseReporter(scope, id, { ...props, images }),
  },
  'graph-schema-update': {
    kind: 'scheduled',
    tier: 'infra',
    description: 'migrates the knowledge-graph schema (run on demand)',
    build: (scope, id, { props }) => new GraphSchemaUpdate(scope, id, props),
  },
  // middletier (mi-scheduler's three CronJobs are built by its chart's MiScheduler, which has no switch of its own)
  'mi-scheduler-gh': {
    kind: 'scheduled',
    tier: 'middletier',
    description: 'schedules GitHub repository analyses',
    // What it analyses: the organisations and repositories of its ConfigMap.
    settings: MI_SCHEDULER_GH_SETTINGS,
  },
  'mi-scheduler-kebechet-analyse': { kind: 'scheduled', tier: 'middletier', description: 'schedules Kebechet repository analyses' },
  'mi-scheduler-kebechet-merge': { kind: 'scheduled', tier: 'middletier', description: 'merges Kebechet analyses' },
  'graph-sync': { kind: 'workflows', tier: 'middletier', description: 'graph-sync workflows', build: (_scope, _id, { graphSync }) => graphSync() },
  solver: {
    kind: 'workflows',
    tier: 'middletier',
    description: 'solver workflows, one image per configured solver',
    build: (scope, id, { props, workflowCore, graphSync }) => new Solver(scope, id, { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
  },
  revsolver: {
    kind: 'workflows',
    tier: 'middletier',
    description: 'reverse-solver workflows',
    build: (scope, id, { props, graphSync }) => new Revsolver(scope, id, { ...props, graphSync: graphSync() }),
  },
  'package-extract': {
    kind: 'workflows',
    tier: 'middletier',
    description: 'package-extract and build-analysis workflows',
    build: (scope, id, { props, graphSync }) => new PackageExtract(scope, id, { ...props, graphSync: graphSync() }),
  },
  'security-indicators': {
    kind: 'workflows',
    tier: 'middletier',
    description: 'security-indicator workflows',
    build: (scope, id, { props, workflowCore, graphSync }) =>
      new SecurityIndicators(scope, id, { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
  },
  mi: { kind: 'workflows', tier: 'middletier', description: 'meta-information analysis workflows', build: (scope, id, { props }) => new Mi(scope, id, props) },
  // backend
  kebechet: {
    kind: 'workflows',
    tier: 'backend',
    description: 'Kebechet workflows',
    build: (scope, id, { props, workflowCore }) => new Kebechet(scope, id, { ...props, workflowCore: workflowCore() }),
  },
  adviser: {
    kind: 'workflows',
    tier: 'backend',
    description: 'adviser, provenance-checker and dependency-monkey workflows',
    // Annotated: its body reads the catalogue (kebechet's resolved image tag, which kebechet-run-results runs).
    build: (scope, id, { env, props, workflowCore, graphSync }): Adviser =>
      new Adviser(scope, id, { ...props, kebechetImageTag: resolvedProps(env, 'kebechet').imageTag, workflowCore: workflowCore(), graphSync: graphSync() }),
  },
  purge: {
    kind: 'workflows',
    tier: 'backend',
    description: 'purge workflows',
    alerts: purgeAlerts,
    build: (scope, id, { props, workflowCore }) => new Purge(scope, id, { ...props, workflowCore: workflowCore() }),
  },
  'prescriptions-refresh': {
    kind: 'scheduled',
    tier: 'backend',
    description: 'prescriptions refresh CronWorkflows',
    build: (scope, id, { props }) => new PrescriptionsRefresh(scope, id, props),
  },
  // amun-inspection, amun-api
  'amun-inspection': {
    kind: 'workflows',
    tier: 'amun-inspection',
    description: 'Amun inspection workflows',
    // Annotated: its body reads the catalogue (the adviser's resolved image tag, which dm runs).
    build: (scope, id, { env, props, workflowCore, graphSync }): AmunInspection =>
      new AmunInspection(scope, id, {
        ...props,
        adviserImageTag: resolvedProps(env, 'adviser').imageTag,
        workflowCore: workflowCore(),
        graphSync: graphSync(),
      }),
  },
  'amun-api': { kind: 'api', tier: 'amun-api', description: 'the Amun API', build: (scope, id, { props }) => new AmunApi(scope, id, props) },
} as const satisfies Record<string, CatalogueEntry>;

export type ComponentName = keyof typeof CATALOGUE;

/** The catalogue's lines, in order. */
export const CATALOGUE_ENTRIES: readonly (readonly [string, CatalogueEntry])[] = Object.entries(CATALOGUE);

/** The components `env` switches on (its `enabled`, else the line's default), in catalogue order. */
export function enabledComponents(env: Environment): (readonly [string, CatalogueEntry])[] {
  return CATALOGUE_ENTRIES.filter(([name, entry]) => isEnabled(env, name, entry.byDefault));
}

/** A component's props as the environment gives them: the catalogue component props of its kind (components/shared/component.ts). */
export type ResolvedProps<K extends ComponentKind = ComponentKind> = { readonly env: Environment; readonly namespace: string } & OverridesByKind[K];

/**
 * A component's props from the environment, resolved once: the namespace of its tier, and what the
 * environment sets for it (`components.<key>`) as its props name them (src/config/components.ts).
 */
export function resolvedProps<N extends ComponentName>(env: Environment, name: N): ResolvedProps<(typeof CATALOGUE)[N]['kind']> {
  const entry: CatalogueEntry = CATALOGUE[name];
  return { env, namespace: namespaceOf(env, entry.tier), ...overridesOf(env.components[name]) };
}
