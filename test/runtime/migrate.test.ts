import pg from 'pg';
import { MIGRATIONS } from '../../src/runtime/postgres/migrations.js';
import { migrate } from '../../src/runtime/postgres/migrate.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

test('applies every migration once, then none', async () => {
  const ids = MIGRATIONS.map((migration) => migration.id);
  expect(await withClient(migrate)).toEqual({ applied: ids, alreadyApplied: [] });
  expect(await withClient(migrate)).toEqual({ applied: [], alreadyApplied: ids });
  const tables = await withClient(async (client) => (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((row) => row.tablename));
  expect(tables).toEqual([
    'graph_refresh_request',
    'has_artifact',
    'python_artifact',
    'python_package_index',
    'python_package_version',
    'python_package_version_entity',
    'python_package_version_entity_rule',
    'python_package_version_entity_rules_association',
    'si_aggregated',
    'si_aggregated_run',
    'thoth_schema_migration',
  ]);
});

test('two runs at once apply each migration exactly once', async () => {
  const results = await Promise.all([withClient(migrate), withClient(migrate)]);
  expect(results.flatMap((result) => result.applied).sort()).toEqual(MIGRATIONS.map((migration) => migration.id).sort());
});

test('a failing migration is rolled back whole and named', async () => {
  const broken = [{ id: '9999_broken', sql: 'CREATE TABLE half_done (id INT); SELECT no_such_column FROM half_done;' }];
  await expect(withClient((client) => migrate(client, broken))).rejects.toThrow(/^migration 9999_broken failed: column "no_such_column" does not exist$/);
  const left = await withClient(async (client) => (await client.query("SELECT to_regclass('half_done') AS table")).rows[0].table);
  expect(left).toBeNull();
});

test('an entity is unique with NULL version and index alike (the reference let NULLs repeat)', async () => {
  await withClient(migrate);
  await withClient(async (client) => {
    await client.query("INSERT INTO python_package_version_entity (package_name) VALUES ('flask')");
    await expect(client.query("INSERT INTO python_package_version_entity (package_name) VALUES ('flask')")).rejects.toThrow(/duplicate key value/);
  });
});
