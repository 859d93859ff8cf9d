/**
 * graph-metrics-exporter as its CronJob runs it, against PostgreSQL (the graph's 16, with its contrib
 * extensions), an S3-protocol server (s3rver, from the jest global setup) and a Pushgateway: a table
 * with dead rows reads as bloated, an index whose order its operator class no longer agrees with
 * reads as corrupted, and the backups' freshness comes from graph-backup's dumps.
 */
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import {
  knowledgeGraphEnv,
  runInProcess,
  logLines,
  type Pushgateway,
  startPushgateway,
  testS3Client,
  pushedSamples,
} from '../../../test/services/job-programs.js';
import { dumpName } from '../../graph-backup/job/domain/dumps.js';
import { graphMetricsExporterProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(graphMetricsExporterProgram, 'graph-metrics-exporter', args, env);

const bucket = process.env.THOTH_TEST_S3_BUCKET!;
const s3 = testS3Client();
const PREFIX = `graph-metrics-${randomBytes(4).toString('hex')}`;
const AREA = `${PREFIX}/ocp4-test/graph-backup/`;
const DAY = 86_400_000;

async function clearArea(): Promise<void> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: AREA }));
  for (const object of page.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key! }));
}

test('--help lists what it reads; it has no migrate command', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of [
    'THOTH_GRAPH_BACKUP_CHECK_DAYS',
    'GRAPH_BACKUP_STORE_ROTATE',
    'PROMETHEUS_PUSHGATEWAY_URL',
    'KNOWLEDGE_GRAPH_HOST',
    'THOTH_CEPH_BUCKET',
  ])
    expect(help.stdout).toContain(variable);
  expect(help.stdout).not.toMatch(/^ {2}migrate/m);
});

describe('against PostgreSQL, S3 and a Pushgateway', () => {
  let graph: TestDatabase;
  let gateway: Pushgateway;
  let env: Record<string, string>;

  beforeAll(async () => {
    graph = await createTestDatabase();
    gateway = await startPushgateway();
    env = {
      ...knowledgeGraphEnv(graph.url),
      THOTH_S3_ENDPOINT_URL: process.env.THOTH_TEST_S3_ENDPOINT!,
      THOTH_CEPH_BUCKET: bucket,
      THOTH_CEPH_BUCKET_PREFIX: PREFIX,
      THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
      THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
      THOTH_DEPLOYMENT_NAME: 'ocp4-test',
      PROMETHEUS_PUSHGATEWAY_URL: gateway.url,
      GRAPH_BACKUP_STORE_ROTATE: '2',
    };
  }, 60_000);

  afterAll(async () => {
    await clearArea();
    gateway?.stop();
    s3.destroy();
    await graph?.drop();
  });

  beforeEach(async () => {
    gateway.pushes.length = 0;
    await clearArea();
  });

  test('a healthy graph with fresh dumps; then dead rows read as bloat, and no dump as a missed one', async () => {
    for (const daysAgo of [1, 9, 20])
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${AREA}${dumpName(new Date(Date.now() - daysAgo * DAY))}`, Body: 'dump' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${AREA}notes.txt`, Body: 'not a dump' }));
    const client = new pg.Client({ connectionString: graph.url });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
        INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
          SELECT i, 'package-' || i, '1.0', 1 FROM generate_series(1, 20000) AS i;
      `);
      const first = await run(env);
      expect(first.stderr).toBe('');
      expect(first.exitCode === 0 ? '' : first.stdout).toBe('');
      expect(gateway.pushes).toHaveLength(1);
      expect(gateway.pushes[0]).toMatchObject({ method: 'PUT', url: '/metrics/job/graph-metrics-exporter' });
      const body = gateway.pushes[0]!.body;
      expect(pushedSamples(body, 'thoth_graphdb_is_corrupted')).toEqual(['thoth_graphdb_is_corrupted{env="ocp4-test"} 0']);
      expect(pushedSamples(body, 'thoth_graphdb_dump_count')).toEqual(['thoth_graphdb_dump_count{env="ocp4-test"} 3']);
      expect(pushedSamples(body, 'thoth_graphdb_dump_not_cleaned')).toEqual(['thoth_graphdb_dump_not_cleaned{env="ocp4-test"} 1']);
      expect(pushedSamples(body, 'thoth_graphdb_dump_missed')).toEqual(['thoth_graphdb_dump_missed{env="ocp4-test"} 0']);
      const newest = new Date(Date.now() - DAY).toISOString().slice(0, 10);
      expect(pushedSamples(body, 'thoth_graphdb_last_dump')).toEqual([`thoth_graphdb_last_dump{date="${newest}",env="ocp4-test"} 1`]);
      const entityBloat = (text: string) =>
        Number(/^thoth_graphdb_pct_bloat_data_table\{table_name="python_package_version_entity",env="ocp4-test"\} (\d+)$/m.exec(text)?.[1]);
      expect(entityBloat(body)).toBeLessThan(10);
      expect(
        pushedSamples(body, 'thoth_graphdb_pct_index_bloat_data_table').some((line) => line.includes('index_name="python_package_version_entity_pkey"')),
      ).toBe(true);
      expect(body).toMatch(/^thoth_database_schema_revision_script\{component="graph-metrics-exporter",revision="[0-9a-f]+",env="ocp4-test"\} 1$/m);

      // Three rows of four deleted and not vacuumed: dead tuples.
      await client.query('ALTER TABLE python_package_version_entity SET (autovacuum_enabled = false)');
      await client.query('DELETE FROM python_package_version_entity WHERE id % 4 <> 0');
      await clearArea();
      gateway.pushes.length = 0;
      const second = await run(env);
      expect(second.exitCode).toBe(0);
      const after = gateway.pushes[0]!.body;
      expect(entityBloat(after)).toBeGreaterThan(50);
      expect(pushedSamples(after, 'thoth_graphdb_dump_count')).toEqual(['thoth_graphdb_dump_count{env="ocp4-test"} 0']);
      expect(pushedSamples(after, 'thoth_graphdb_dump_missed')).toEqual(['thoth_graphdb_dump_missed{env="ocp4-test"} 1']);
      expect(pushedSamples(after, 'thoth_graphdb_last_dump')).toEqual([]);
    } finally {
      await client.end();
    }
  }, 60_000);

  test('an index amcheck finds out of order is corruption; a check that fails gateway.pushes the others and fails the run', async () => {
    const client = new pg.Client({ connectionString: graph.url });
    await client.connect();
    try {
      // An operator class whose comparison is then reversed: the index's stored order contradicts it, as corruption would.
      await client.query(`
        CREATE FUNCTION bench_cmp(int, int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
        CREATE OPERATOR CLASS bench_ops FOR TYPE int USING btree AS
          OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 bench_cmp(int, int);
        CREATE TABLE bench_ordered (value int);
        INSERT INTO bench_ordered SELECT generate_series(1, 5000);
        CREATE INDEX bench_ordered_value ON bench_ordered (value bench_ops);
        CREATE OR REPLACE FUNCTION bench_cmp(int, int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT CASE WHEN $1 < $2 THEN 1 WHEN $1 > $2 THEN -1 ELSE 0 END';
      `);
      // A bucket that does not exist: the backups check fails, the database's checks do not.
      const result = await run({ ...env, THOTH_CEPH_BUCKET: 'no-such-bucket' });
      expect(result.exitCode).toBe(1);
      const body = gateway.pushes[0]!.body;
      expect(pushedSamples(body, 'thoth_graphdb_is_corrupted')).toEqual(['thoth_graphdb_is_corrupted{env="ocp4-test"} 1']);
      expect(pushedSamples(body, 'thoth_graphdb_dump_count')).toEqual([]);
      expect(pushedSamples(body, 'thoth_graphdb_pct_bloat_data_table').length).toBeGreaterThan(10);
      const lines = logLines(result.stdout);
      expect(lines.find((line) => line.msg === 'amcheck found corrupted indexes')?.indexes).toEqual(['bench_ordered_value']);
      expect(lines.find((line) => line.msg === 'run failed')?.err.message).toMatch(/^1 check\(s\) failed: backups: /);
    } finally {
      await client.query(
        'DROP TABLE IF EXISTS bench_ordered; DROP OPERATOR CLASS IF EXISTS bench_ops USING btree; DROP FUNCTION IF EXISTS bench_cmp(int, int)',
      );
      await client.end();
    }
  }, 60_000);
});
