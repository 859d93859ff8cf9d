/**
 * Applies the migrations a database lacks, each in its own transaction, recording it in
 * `thoth_schema_migration`. An advisory lock serialises concurrent runs (two pods starting at once).
 */
import type pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations.js';

/** Arbitrary but fixed: the key of the advisory lock every migrate run takes. */
const LOCK_KEY = 7_420_001;

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

export async function migrate(client: pg.ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
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
    return { applied, alreadyApplied: migrations.map((each) => each.id).filter((id) => done.has(id)) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
