/** A database of its own for a test file, on the run's PostgreSQL server, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createReferenceSchema } from './reference-schema.mjs';

export interface TestDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/**
 * A database with the knowledge graph's reference tables (as alembic leaves them), unless `empty`:
 * what a cluster's graph looks like once graph-schema-update has run. On the run's server, or on
 * `server` (a URL).
 */
export async function createTestDatabase(options: { empty?: boolean; server?: string } = {}): Promise<TestDatabase> {
  const server = options.server ?? process.env.THOTH_TEST_DATABASE_URL;
  if (server === undefined) throw new Error('no test PostgreSQL: jest globalSetup (test/services/global-setup.ts) did not run');
  const name = `thoth_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  if (options.empty !== true) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await createReferenceSchema(client);
    } finally {
      await client.end();
    }
  }
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
