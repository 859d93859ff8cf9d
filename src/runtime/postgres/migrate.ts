/**
 * Applies the migrations a database lacks, each in its own transaction, recording it in
 * `thoth_schema_migration`. An advisory lock serialises concurrent runs (two pods starting at once).
 * The reference tables must be there first: on a graph alembic has not created, nothing is applied.
 */
import type pg from 'pg';
import { MIGRATIONS, REFERENCE_SCHEMA, type Migration } from './migrations.js';

/** The knowledge graph lacks the reference schema our migrations build on. */
export class MissingReferenceSchema extends Error {
  constructor() {
    super(
      `the knowledge graph has no reference schema (no alembic_version table): run the graph-schema-update job, which applies thoth-storages' migrations, then migrate again`,
    );
    this.name = 'MissingReferenceSchema';
  }
}

/** Arbitrary but fixed: the key of the advisory lock every migrate run takes. */
const LOCK_KEY = 7_420_001;

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
  /** The graph's alembic revision, and whether it is the one our programs were written against. */
  readonly referenceRevision: string | undefined;
  readonly expectedRevision: boolean;
}

export async function migrate(client: pg.ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const reference = await client.query<{ present: boolean }>("SELECT to_regclass('alembic_version') IS NOT NULL AS present");
    if (!reference.rows[0]!.present) throw new MissingReferenceSchema();
    const revision = (await client.query<{ version_num: string }>('SELECT version_num FROM alembic_version')).rows.map((row) => row.version_num);
    await client.query('CREATE TABLE IF NOT EXISTS thoth_schema_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ id: string }>('SELECT id FROM thoth_schema_migration')).rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO thoth_schema_migration (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`);
      }
      applied.push(migration.id);
    }
    return {
      applied,
      alreadyApplied: migrations.map((each) => each.id).filter((id) => done.has(id)),
      referenceRevision: revision.join(', ') || undefined,
      expectedRevision: revision.length === 1 && revision[0] === REFERENCE_SCHEMA.alembicHead,
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
