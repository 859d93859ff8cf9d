import pg from 'pg';
import { migrate } from '../../../../src/runtime/postgres/migrate.js';
import { insertSiAggregatedRuns } from '../../../../test/services/reference-schema.mjs';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { PostgresKnowledgeGraph } from './postgres-knowledge-graph.js';

let database: TestDatabase;
let pool: pg.Pool;
let graph: PostgresKnowledgeGraph;
const PYPI = 'https://pypi.org/simple';
const OTHER = 'https://other.example/simple';
const flask = { name: 'flask', version: '2.0.1', indexUrl: PYPI };

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const client = await pool.connect();
  await migrate(client);
  client.release();
  graph = new PostgresKnowledgeGraph(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

beforeEach(async () => {
  await pool.query(`
    TRUNCATE python_package_index, python_artifact RESTART IDENTITY CASCADE;
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE), (2, '${OTHER}', FALSE, TRUE), (3, 'https://third.example/simple', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
      (1, 'flask', '2.0.1', 1), (2, 'flask', '2.0.1', 2), (3, 'flask', '1.0', 1);
    INSERT INTO python_package_version (id, package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id) VALUES
      (1, 'flask', '2.0.1', 'rhel', '8', '3.8', 1, 1),
      (2, 'flask', '2.0.1', 'fedora', '35', '3.9', 1, 1),
      (3, 'flask', '2.0.1', 'ubuntu', '22', '3.10', 2, 2),
      (4, 'flask', '1.0', 'rhel', '8', '3.8', 3, 1);
  `);
});

test('index URLs: all registered, the enabled ones in table order', async () => {
  const { registered, enabled } = await graph.indexUrls();
  expect([...registered].sort()).toEqual([PYPI, OTHER, 'https://third.example/simple'].sort());
  expect(enabled).toEqual([PYPI, 'https://third.example/simple']);
});

test('the index list is read again only once it is older than its bound: an index registered since is seen then', async () => {
  const fresh = new PostgresKnowledgeGraph(pool, 200);
  expect((await fresh.indexUrls()).enabled).toEqual([PYPI, 'https://third.example/simple']);
  await pool.query(`INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (4, 'https://fourth.example/simple', TRUE, TRUE)`);
  expect((await fresh.indexUrls()).enabled).toHaveLength(2);
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect((await fresh.indexUrls()).enabled).toEqual([PYPI, 'https://third.example/simple', 'https://fourth.example/simple']);
});

test('solved environments of one version of one index, not of another index', async () => {
  expect(await graph.solvedEnvironments(flask)).toEqual(
    expect.arrayContaining([
      { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' },
      { osName: 'fedora', osVersion: '35', pythonVersion: '3.9' },
    ]),
  );
  expect(await graph.solvedEnvironments(flask)).toHaveLength(2);
  expect(await graph.solvedEnvironments({ ...flask, version: '3.0' })).toEqual([]);
});

test('versions asked at once are looked up in one query, each getting its own answer', async () => {
  let queries = 0;
  const counting = {
    query: (text: string, values: unknown[]) => {
      queries += 1;
      return pool.query(text, values);
    },
  } as unknown as pg.Pool;
  const batched = new PostgresKnowledgeGraph(counting);
  const asked = [flask, { ...flask, indexUrl: OTHER }, { ...flask, version: '1.0' }, { ...flask, version: '3.0' }, flask];
  const answers = await Promise.all(asked.map((pkg) => batched.solvedEnvironments(pkg)));
  expect(queries).toBe(1);
  const sorted = (environments: readonly { osName: string }[]) => environments.map((environment) => environment.osName).sort();
  expect(answers.map(sorted)).toEqual([['fedora', 'rhel'], ['ubuntu'], ['rhel'], [], ['fedora', 'rhel']]);
  // Asked again later: a query of its own.
  expect(sorted(await batched.solvedEnvironments({ ...flask, version: '1.0' }))).toEqual(['rhel']);
  expect(queries).toBe(2);
});

test('security analysed: only a successful aggregation of this version on this index counts (the reference’s check was true for any index)', async () => {
  await pool.query(`
    ${insertSiAggregatedRuns([
      [1, 'si-ok', false],
      [2, 'si-failed', true],
    ])}
    INSERT INTO si_aggregated (si_aggregated_run_id, python_package_version_entity_id, python_package_version_id) VALUES (1, 2, 3);
  `);
  expect(await graph.securityAnalysed(flask)).toBe(false);
  await pool.query('INSERT INTO si_aggregated VALUES (2, 1, 1)');
  expect(await graph.securityAnalysed(flask)).toBe(false);
  await pool.query('INSERT INTO si_aggregated VALUES (1, 1, 1)');
  expect(await graph.securityAnalysed(flask)).toBe(true);
});

test('missing: one version, or every version of the package on the index; a repeat changes nothing', async () => {
  expect(await graph.markMissing(flask)).toBe(2);
  expect(await graph.markMissing(flask)).toBe(0);
  expect(await graph.markMissing({ name: 'flask', indexUrl: PYPI })).toBe(1);
  const { rows } = await pool.query('SELECT id FROM python_package_version WHERE is_missing ORDER BY id');
  expect(rows.map((row) => row.id)).toEqual([1, 2, 4]);
});

test('provides a source distribution: set where it differs', async () => {
  expect(await graph.setProvidesSourceDistro(flask, false)).toBe(2);
  expect(await graph.setProvidesSourceDistro(flask, false)).toBe(0);
  expect(await graph.setProvidesSourceDistro({ ...flask, indexUrl: OTHER }, false)).toBe(1);
});

test('artifacts: the listed hashes of this version’s entity flagged absent, others untouched', async () => {
  await pool.query(`
    INSERT INTO python_artifact (id, artifact_hash_sha256) VALUES (1, 'aaa'), (2, 'bbb'), (3, 'aaa');
    INSERT INTO has_artifact (python_package_version_entity_id, python_artifact_id) VALUES (1, 1), (1, 2), (2, 3);
  `);
  expect(await graph.markArtifactsAbsent(flask, ['aaa', 'zzz'])).toBe(1);
  expect(await graph.markArtifactsAbsent(flask, ['aaa'])).toBe(0);
  const { rows } = await pool.query('SELECT id, present FROM python_artifact ORDER BY id');
  expect(rows).toEqual([
    { id: 1, present: false },
    { id: 2, present: true },
    { id: 3, present: true },
  ]);
});
