/**
 * The namespace tiers of the platform. Every environment places each tier in exactly one namespace;
 * stage and prod give every tier its own namespace, test puts them all in one.
 */
export const TIERS = ['frontend', 'middletier', 'backend', 'graph', 'infra', 'amun-api', 'amun-inspection'] as const;

export type Tier = (typeof TIERS)[number];

/** What each tier holds, shown as the namespace's description. */
export const TIER_DESCRIPTIONS: Readonly<Record<Tier, string>> = {
  frontend: 'user-facing APIs and the CronJobs that produce requests',
  middletier: 'data-ingestion workflows (solvers, package-extract, security indicators)',
  backend: 'user-facing workflows (adviser, provenance checker, Kebechet)',
  graph: 'the knowledge graph (PostgreSQL behind pgbouncer)',
  infra: 'consumers, exporters and the Pushgateway',
  'amun-api': 'the Amun API',
  'amun-inspection': 'Amun inspection builds and runs',
};

/** Tiers that run Argo Workflows and so need the workflow artifact repository credentials. */
export const WORKFLOW_TIERS: readonly Tier[] = ['middletier', 'backend', 'amun-inspection'];
