import type { Tier } from './tiers.js';

/**
 * How a component runs, which decides the settings an environment may give it:
 * - `service`: a long-running workload (replicas, storage for the database);
 * - `api`: a service the ingress controller exposes (and a `host` for its Ingress);
 * - `scheduled`: CronJobs or CronWorkflows (schedule, suspend);
 * - `workflows`: WorkflowTemplates submitted on demand (no schedule, no replicas).
 */
export type ComponentKind = 'service' | 'api' | 'scheduled' | 'workflows';

export interface ComponentEntry {
  readonly kind: ComponentKind;
  readonly tier: Tier;
  readonly description: string;
}

/**
 * Every component an environment file may switch on and tune, with the tier it lives in.
 * Names are the reference deployment's (thoth-application-inventory.md §2.2), so a reader can map
 * one to the other.
 */
export const COMPONENTS = {
  'user-api': { kind: 'api', tier: 'frontend', description: 'the public user API' },
  'management-api': { kind: 'api', tier: 'frontend', description: 'the management API' },
  'graph-refresh': { kind: 'scheduled', tier: 'frontend', description: 'asks for unresolved package versions' },
  'cve-update': { kind: 'scheduled', tier: 'frontend', description: 'imports CVEs into the knowledge graph' },
  'package-releases': { kind: 'scheduled', tier: 'frontend', description: 'finds new releases on package indexes' },
  'package-update': { kind: 'scheduled', tier: 'frontend', description: 'checks known packages for changes' },
  'document-sync': { kind: 'scheduled', tier: 'frontend', description: 'copies documents between S3 buckets' },
  'pulp-pypi-sync': { kind: 'scheduled', tier: 'frontend', description: 'syncs Pulp PyPI repositories' },
  'integration-tests': { kind: 'scheduled', tier: 'frontend', description: 'runs the integration test suite' },
  'slo-reporter': { kind: 'scheduled', tier: 'frontend', description: 'mails the weekly SLO report' },
  postgresql: { kind: 'service', tier: 'graph', description: 'the knowledge graph database' },
  pgbouncer: { kind: 'service', tier: 'graph', description: 'the connection pooler every client talks to' },
  'postgres-exporter': { kind: 'service', tier: 'graph', description: 'PostgreSQL metrics' },
  pgweb: { kind: 'service', tier: 'graph', description: 'a web console for the knowledge graph' },
  'graph-backup': { kind: 'scheduled', tier: 'graph', description: 'dumps the knowledge graph to S3' },
  'graph-metrics-exporter': { kind: 'scheduled', tier: 'graph', description: 'pushes knowledge-graph health metrics' },
  investigator: { kind: 'service', tier: 'infra', description: 'the Kafka consumers that schedule workflows' },
  'investigator-message-metrics': { kind: 'service', tier: 'infra', description: 'counts messages per topic' },
  'metrics-exporter': { kind: 'service', tier: 'infra', description: 'exports platform metrics' },
  'advise-reporter': { kind: 'scheduled', tier: 'infra', description: 'reports adviser justifications' },
  'graph-schema-update': { kind: 'scheduled', tier: 'infra', description: 'migrates the knowledge-graph schema (run on demand)' },
  pushgateway: { kind: 'service', tier: 'infra', description: 'the Prometheus Pushgateway jobs push to' },
  'mi-scheduler-gh': { kind: 'scheduled', tier: 'middletier', description: 'schedules GitHub repository analyses' },
  'mi-scheduler-kebechet-analyse': { kind: 'scheduled', tier: 'middletier', description: 'schedules Kebechet repository analyses' },
  'mi-scheduler-kebechet-merge': { kind: 'scheduled', tier: 'middletier', description: 'merges Kebechet analyses' },
  'amun-api': { kind: 'api', tier: 'amun-api', description: 'the Amun API' },
  adviser: { kind: 'workflows', tier: 'backend', description: 'adviser, provenance-checker and dependency-monkey workflows' },
  kebechet: { kind: 'workflows', tier: 'backend', description: 'Kebechet workflows' },
  purge: { kind: 'workflows', tier: 'backend', description: 'purge workflows' },
  'prescriptions-refresh': { kind: 'scheduled', tier: 'backend', description: 'prescriptions refresh CronWorkflows' },
  solver: { kind: 'workflows', tier: 'middletier', description: 'solver workflows, one image per configured solver' },
  revsolver: { kind: 'workflows', tier: 'middletier', description: 'reverse-solver workflows' },
  'package-extract': { kind: 'workflows', tier: 'middletier', description: 'package-extract and build-analysis workflows' },
  'security-indicators': { kind: 'workflows', tier: 'middletier', description: 'security-indicator workflows' },
  'graph-sync': { kind: 'workflows', tier: 'middletier', description: 'graph-sync workflows' },
  mi: { kind: 'workflows', tier: 'middletier', description: 'meta-information analysis workflows' },
  'amun-inspection': { kind: 'workflows', tier: 'amun-inspection', description: 'Amun inspection workflows' },
} as const satisfies Record<string, ComponentEntry>;

export type ComponentName = keyof typeof COMPONENTS;

export const COMPONENT_NAMES = Object.keys(COMPONENTS).sort() as ComponentName[];

export type ComponentsOfKind<K extends ComponentKind> = {
  [N in ComponentName]: (typeof COMPONENTS)[N]['kind'] extends K ? N : never;
}[ComponentName];
