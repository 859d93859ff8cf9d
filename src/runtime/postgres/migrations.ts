/**
 * The knowledge-graph schema the job programs use (thoth-knowledge-graph.md §2: the tables they
 * touch, with the reference's names, columns and constraints), plus the indexes their queries need,
 * as ordered migrations. Applied by `migrate` and by the tests; never edited once released: a change
 * is a new migration.
 */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_knowledge_graph',
    sql: `
CREATE TABLE python_package_index (
  id SERIAL PRIMARY KEY,
  url TEXT NOT NULL,
  warehouse_api_url TEXT,
  verify_ssl BOOLEAN NOT NULL DEFAULT TRUE,
  enabled BOOLEAN DEFAULT FALSE,
  only_if_package_seen BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT python_package_index_url_key UNIQUE (url)
);

CREATE TABLE python_package_version_entity (
  id SERIAL PRIMARY KEY,
  package_name TEXT NOT NULL,
  package_version TEXT,
  python_package_index_id INTEGER REFERENCES python_package_index (id) ON DELETE CASCADE,
  -- NULLS NOT DISTINCT: the reference's unique index let NULL versions and indexes repeat (PostgreSQL < 15).
  CONSTRAINT python_package_version_entity_key UNIQUE NULLS NOT DISTINCT (package_name, package_version, python_package_index_id)
);
CREATE INDEX python_package_version_entity_package_name_idx ON python_package_version_entity (package_name);

CREATE TABLE python_package_version (
  id SERIAL PRIMARY KEY,
  package_name TEXT NOT NULL,
  package_version TEXT,
  os_name TEXT NOT NULL,
  os_version TEXT NOT NULL,
  python_version TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  python_package_index_id INTEGER REFERENCES python_package_index (id) ON DELETE CASCADE,
  is_missing BOOLEAN NOT NULL DEFAULT FALSE,
  provides_source_distro BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT python_package_version_key UNIQUE NULLS NOT DISTINCT (package_name, package_version, python_package_index_id, os_name, os_version, python_version)
);
CREATE INDEX python_package_version_environment_idx ON python_package_version (os_name, os_version, python_version);
-- graph-refresh asks, per entity, whether a solver environment has a row: one index lookup each.
CREATE INDEX python_package_version_entity_environment_idx ON python_package_version (entity_id, os_name, os_version, python_version);

CREATE TABLE python_package_version_entity_rule (
  id SERIAL PRIMARY KEY,
  package_name TEXT NOT NULL,
  version_range TEXT,
  python_package_index_id INTEGER REFERENCES python_package_index (id) ON DELETE CASCADE,
  description TEXT
);
CREATE INDEX python_package_version_entity_rule_package_name_idx ON python_package_version_entity_rule (package_name);

CREATE TABLE python_package_version_entity_rules_association (
  python_package_version_entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  python_package_version_entity_rule_id INTEGER NOT NULL REFERENCES python_package_version_entity_rule (id) ON DELETE CASCADE,
  PRIMARY KEY (python_package_version_entity_id, python_package_version_entity_rule_id)
);

CREATE TABLE si_aggregated_run (
  id SERIAL PRIMARY KEY,
  si_aggregated_run_document_id TEXT NOT NULL,
  datetime TIMESTAMP NOT NULL,
  error BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE si_aggregated (
  si_aggregated_run_id INTEGER NOT NULL REFERENCES si_aggregated_run (id) ON DELETE CASCADE,
  python_package_version_entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  python_package_version_id INTEGER NOT NULL REFERENCES python_package_version (id) ON DELETE CASCADE,
  PRIMARY KEY (si_aggregated_run_id, python_package_version_entity_id, python_package_version_id)
);
CREATE INDEX si_aggregated_entity_idx ON si_aggregated (python_package_version_entity_id);
`,
  },
  {
    id: '0002_graph_refresh_requests',
    sql: `
-- What graph-refresh has asked for and when: a request is made again only after its dedup window,
-- and is recorded before it is published, so a killed or repeated run never asks twice in the window.
CREATE TABLE graph_refresh_request (
  message_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  solver TEXT NOT NULL DEFAULT '',
  requested_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (message_type, entity_id, solver)
);
`,
  },
  {
    id: '0003_python_artifacts',
    sql: `
-- The files an index serves for a package version (thoth-knowledge-graph.md §2.7); the investigator
-- flags those the index no longer serves (hash-mismatch).
CREATE TABLE python_artifact (
  id SERIAL PRIMARY KEY,
  artifact_hash_sha256 TEXT NOT NULL,
  artifact_name TEXT,
  present BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX python_artifact_artifact_hash_sha256_idx ON python_artifact (artifact_hash_sha256);

CREATE TABLE has_artifact (
  python_package_version_entity_id INTEGER NOT NULL REFERENCES python_package_version_entity (id) ON DELETE CASCADE,
  python_artifact_id INTEGER NOT NULL REFERENCES python_artifact (id) ON DELETE CASCADE,
  PRIMARY KEY (python_package_version_entity_id, python_artifact_id)
);
CREATE INDEX has_artifact_python_artifact_id ON has_artifact (python_artifact_id);
`,
  },
];
