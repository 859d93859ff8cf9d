// The knowledge graph as alembic leaves it (test/fixtures/reference-schema.sql, thoth-storages 0.74.1
// at bf9ea2a38b01): the tests and benchmarks build it first, as the graph-schema-update job does in
// a cluster, and run this repository's migrations on top.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'reference-schema.sql');

/** Creates the reference tables in the connected database (a pg client or pool). */
export async function createReferenceSchema(client) {
  await client.query(readFileSync(FIXTURE, 'utf8'));
}

/** The counters a security-indicator aggregation records (each NOT NULL, without a default). */
const SI_COUNTERS = readFileSync(FIXTURE, 'utf8')
  .split('CREATE TABLE si_aggregated_run (')[1]
  .split(');')[0]
  .split('\n')
  .map((line) => /^\s*(\w+)\s+INTEGER NOT NULL/.exec(line)?.[1])
  .filter((name) => name !== undefined);

/** An INSERT of aggregation runs `[id, documentId, error]`, each with zero counts. */
export function insertSiAggregatedRuns(runs) {
  const values = runs.map(([id, documentId, error]) => `(${id}, '${documentId}', now(), ${error ? 'TRUE' : 'FALSE'}${', 0'.repeat(SI_COUNTERS.length)})`);
  return `INSERT INTO si_aggregated_run (id, si_aggregated_run_document_id, datetime, error, ${SI_COUNTERS.join(', ')}) VALUES ${values.join(', ')};`;
}
