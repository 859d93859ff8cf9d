import pg from 'pg';
import { MIGRATIONS, REFERENCE_SCHEMA } from '../../src/runtime/postgres/migrations.js';
import { migrate } from '../../src/runtime/postgres/migrate.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';

let database: TestDatabase;
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

/** Every table, column, constraint and index of the public schema, as the catalog describes them. */
async function schemaOf(client: pg.Client): Promise<string[]> {
  const columns = await client.query<{ line: string }>(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const constraints = await client.query<{ line: string }>(
    `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const indexes = await client.query<{ line: string }>(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
  return [...columns.rows, ...constraints.rows, ...indexes.rows].map((row) => row.line);
}

describe('on a graph as alembic leaves it', () => {
  beforeEach(async () => {
    database = await createTestDatabase();
  });

  test('the first run adds only what the programs own, fails nothing, and never touches a reference table', async () => {
    const before = await withClient(schemaOf);
    const ids = MIGRATIONS.map((migration) => migration.id);
    expect(await withClient(migrate)).toEqual({ applied: ids, alreadyApplied: [], referenceRevision: REFERENCE_SCHEMA.alembicHead, expectedRevision: true });
    const after = await withClient(schemaOf);
    const added = after.filter((line) => !before.includes(line));
    expect(before.filter((line) => !after.includes(line))).toEqual([]);
    // The ledger table, the migrations' record and two indexes named apart from alembic's, nothing else.
    const owned =
      /^(public\.)?(graph_refresh_request|thoth_schema_migration)\b|ON public\.(graph_refresh_request|thoth_schema_migration) |^CREATE INDEX gitops_/;
    expect(added.filter((line) => !owned.test(line))).toEqual([]);
    expect(added.filter((line) => line.startsWith('CREATE INDEX'))).toEqual([
      'CREATE INDEX gitops_python_package_version_entity_environment_idx ON public.python_package_version USING btree (entity_id, os_name, os_version, python_version)',
      'CREATE INDEX gitops_si_aggregated_entity_idx ON public.si_aggregated USING btree (python_package_version_entity_id)',
    ]);
  });

  test('the second run changes nothing', async () => {
    await withClient(migrate);
    const once = await withClient(schemaOf);
    const ids = MIGRATIONS.map((migration) => migration.id);
    expect(await withClient(migrate)).toEqual({ applied: [], alreadyApplied: ids, referenceRevision: REFERENCE_SCHEMA.alembicHead, expectedRevision: true });
    expect(await withClient(schemaOf)).toEqual(once);
  });

  test('each migration is idempotent on its own: a graph that has its objects but no record of them is not broken', async () => {
    await withClient(migrate);
    await withClient((client) => client.query('DELETE FROM thoth_schema_migration'));
    const ids = MIGRATIONS.map((migration) => migration.id);
    expect((await withClient(migrate)).applied).toEqual(ids);
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

  test('a graph at another alembic revision is migrated, and says so', async () => {
    await withClient((client) => client.query("UPDATE alembic_version SET version_num = '7f7411e247d6'"));
    expect(await withClient(migrate)).toMatchObject({ referenceRevision: '7f7411e247d6', expectedRevision: false });
  });
});

test('a graph without the reference schema is refused, and nothing is created', async () => {
  database = await createTestDatabase({ empty: true });
  await expect(withClient(migrate)).rejects.toThrow('the knowledge graph has no reference schema (no alembic_version table): run the graph-schema-update job');
  const tables = await withClient(async (client) => (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows);
  expect(tables).toEqual([]);
});
