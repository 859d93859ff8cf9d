/**
 * What this repository's programs add to the knowledge graph, as ordered migrations. The graph's
 * reference tables belong to thoth-storages' alembic migrations (the graph-schema-update job), which
 * every upstream image reads and writes through; these migrations never create or alter them, only
 * add what our programs own beside them, and each is idempotent on a graph alembic made (IF NOT
 * EXISTS). Applied by `migrate` (an init container of each program's pods) and by the tests, on top of
 * the reference schema; never edited once released: a change is a new migration.
 */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/**
 * The reference schema our programs were written against: thoth-storages 0.74.x at its alembic head.
 * It is the revision they report (thoth_database_schema_revision_script), as every upstream image
 * reports its library's head, so metrics-exporter compares like with like.
 */
export const REFERENCE_SCHEMA = { library: 'thoth-storages 0.74', alembicHead: 'bf9ea2a38b01' } as const;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_graph_refresh_requests',
    sql: `
-- What graph-refresh has asked for and when: a request is made again only after its dedup window,
-- and is recorded before it is published, so a killed or repeated run never asks twice in the window.
CREATE TABLE IF NOT EXISTS graph_refresh_request (
  message_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  solver TEXT NOT NULL DEFAULT '',
  requested_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (message_type, entity_id, solver)
);
`,
  },
  {
    id: '0002_query_indexes',
    sql: `
-- Indexes our programs' queries need that the reference schema lacks, named apart from alembic's.
-- graph-refresh asks, per entity, whether a solver environment has a row: one index lookup each.
CREATE INDEX IF NOT EXISTS gitops_python_package_version_entity_environment_idx
  ON python_package_version (entity_id, os_name, os_version, python_version);
-- Security-indicator runs by entity (the reference's key starts with the run).
CREATE INDEX IF NOT EXISTS gitops_si_aggregated_entity_idx ON si_aggregated (python_package_version_entity_id);
`,
  },
  {
    id: '0003_graph_refresh_acknowledgements',
    sql: `
-- A request is claimed, then acknowledged once the broker has it: one claimed and never acknowledged
-- (its run was killed in between) is sent again after a short lease instead of waiting a whole window.
ALTER TABLE graph_refresh_request ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ;
-- Requests recorded before acknowledgements were published by the run that recorded them.
UPDATE graph_refresh_request SET published_at = requested_at WHERE published_at IS NULL;
`,
  },
];
