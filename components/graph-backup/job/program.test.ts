/**
 * graph-backup-job as its CronJob runs it, against PostgreSQL with the real pg_dump (a server of
 * pg_dump's version, test/services/dumpable-postgres.ts), an S3-protocol server (s3rver, from the
 * jest global setup) and a Pushgateway: the dump is restored with psql into
 * an empty database to prove it, the rotation keeps the newest dumps, and a dump that fails, at the
 * start or part way, stores nothing.
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { type DumpableServer, startDumpableServer } from '../../../test/services/dumpable-postgres.mjs';
import { knowledgeGraphEnv, runInProcess, logLines, type Pushgateway, startPushgateway, testS3Client } from '../../../test/services/job-programs.js';
import { graphBackupProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(graphBackupProgram, 'graph-backup-job', args, env);

const endpoint = process.env.THOTH_TEST_S3_ENDPOINT!;
const bucket = process.env.THOTH_TEST_S3_BUCKET!;
const s3 = testS3Client();
const PREFIX = `graph-backup-${randomBytes(4).toString('hex')}`;
const DEPLOYMENT = 'ocp4-test';
const AREA = `${PREFIX}/${DEPLOYMENT}/graph-backup/`;

async function keys(): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: AREA }));
  return (page.Contents ?? []).map((object) => object.Key!.slice(AREA.length)).sort();
}

const put = (name: string, body = 'old dump\n') => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${AREA}${name}`, Body: body }));

async function clearArea(): Promise<void> {
  for (const name of await keys()) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${AREA}${name}` }));
}

test('--help lists what it reads; it has no migrate command', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of [
    'GRAPH_BACKUP_STORE_ROTATE',
    'GRAPH_BACKUP_PG_DUMP',
    'KNOWLEDGE_GRAPH_HOST',
    'KNOWLEDGE_GRAPH_SSL_DISABLED',
    'THOTH_S3_ENDPOINT_URL',
    'THOTH_CEPH_BUCKET_PREFIX',
    'THOTH_DEPLOYMENT_NAME',
    'PROMETHEUS_PUSHGATEWAY_URL',
    'THOTH_LOG_GRAPH_BACKUP_JOB',
  ])
    expect(help.stdout).toContain(variable);
  expect(help.stdout).not.toContain('KNOWLEDGE_GRAPH_POOL_SIZE');
  expect(help.stdout).not.toMatch(/^ {2}migrate/m);
});

describe('against PostgreSQL, S3 and a Pushgateway', () => {
  let server: DumpableServer;
  let graph: TestDatabase;
  let restored: TestDatabase;
  let gateway: Pushgateway;
  let scratch: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startDumpableServer();
    [graph, restored] = await Promise.all([createTestDatabase({ server: server.url }), createTestDatabase({ empty: true, server: server.url })]);
    const client = new pg.Client({ connectionString: graph.url });
    await client.connect();
    await client.query(`
      INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
        SELECT i, 'package-' || (i / 10), '1.' || (i % 10), 1 FROM generate_series(1, 20000) AS i;
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
        VALUES (20001, E'quote''s \\\\ and tab\\t', 'ünïcode', 1);
    `);
    await client.end();
    gateway = await startPushgateway();
    scratch = await mkdtemp(path.join(tmpdir(), 'graph-backup-'));
    env = {
      ...knowledgeGraphEnv(graph.url),
      THOTH_S3_ENDPOINT_URL: endpoint,
      THOTH_CEPH_BUCKET: bucket,
      THOTH_CEPH_BUCKET_PREFIX: PREFIX,
      THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
      THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
      THOTH_DEPLOYMENT_NAME: DEPLOYMENT,
      PROMETHEUS_PUSHGATEWAY_URL: gateway.url,
      THOTH_SERVICE_VERSION: 'abc123',
      PATH: process.env.PATH!,
    };
  }, 60_000);

  afterAll(async () => {
    await clearArea();
    gateway?.stop();
    s3.destroy();
    await Promise.all([graph?.drop(), restored?.drop(), scratch === undefined ? undefined : rm(scratch, { recursive: true, force: true })]);
    await server?.stop();
  });

  beforeEach(async () => {
    gateway.pushes.length = 0;
    await clearArea();
  });

  const pushedOutcome = () => gateway.pushes.find((push) => push.url === '/metrics/job/graph-backup-job')?.body;

  test('the dump is stored, restores to the same graph, and the rotation keeps the newest dumps', async () => {
    for (const old of ['pg_dump-25-01-01-00-00-00', 'pg_dump-25-06-01-00-00-00', 'pg_dump-26-01-01-00-00-00', 'notes.txt']) await put(old);
    const result = await run({ ...env, GRAPH_BACKUP_STORE_ROTATE: '2' });
    expect(result.stderr).toBe('');
    expect(result.exitCode === 0 ? '' : result.stdout).toBe('');
    const names = await keys();
    const taken = names.filter((name) => !name.startsWith('pg_dump-2') || name > 'pg_dump-26-01-01-00-00-00');
    expect(names).toEqual(['notes.txt', 'pg_dump-26-01-01-00-00-00', ...taken.filter((name) => name !== 'notes.txt')]);
    expect(taken.filter((name) => name !== 'notes.txt')).toHaveLength(1);
    const done = logLines(result.stdout).find((line) => line.msg === 'graph backup done')!;
    expect(done.deleted.sort()).toEqual(['pg_dump-25-01-01-00-00-00', 'pg_dump-25-06-01-00-00-00']);

    const bytes = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: done.key }))).Body!.transformToByteArray();
    expect(bytes.byteLength).toBe(done.bytes);
    const dump = Buffer.from(bytes).toString('utf-8');
    expect(dump).toContain('PostgreSQL database dump');
    execFileSync('psql', ['--dbname', restored.url, '--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1'], { input: dump, stdio: ['pipe', 'ignore', 'pipe'] });
    const fingerprint = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT count(*)::int AS count, md5(string_agg(package_name || '=' || package_version, ',' ORDER BY id)) AS digest FROM python_package_version_entity",
        );
        return rows[0];
      } finally {
        await client.end();
      }
    };
    expect(await fingerprint(restored.url)).toEqual(await fingerprint(graph.url));
    expect((await fingerprint(graph.url)).count).toBe(20_001);

    expect(pushedOutcome()).toMatch(/^thoth_graph_backup_job\{env="ocp4-test",version="abc123"\} 0$/m);
    expect(pushedOutcome()).toMatch(/^thoth_database_schema_revision_script\{component="graph-backup-job",revision="[0-9a-f]+",env="ocp4-test"\} 1$/m);
  }, 60_000);

  test('a database pg_dump cannot dump stores nothing: exit 1 with pg_dump’s reason, the metric at 1', async () => {
    await put('pg_dump-26-01-01-00-00-00');
    const result = await run({ ...env, KNOWLEDGE_GRAPH_DATABASE: 'no_such_database' });
    expect(result.exitCode).toBe(1);
    const failure = logLines(result.stdout).find((line) => line.msg === 'run failed');
    expect(failure?.err.message).toMatch(/^pg_dump exited 1: .*database "no_such_database" does not exist/);
    expect(await keys()).toEqual(['pg_dump-26-01-01-00-00-00']);
    expect(pushedOutcome()).toMatch(/^thoth_graph_backup_job\{env="ocp4-test",version="abc123"\} 1$/m);
  }, 30_000);

  test('a dump that fails part way, after parts were uploaded, stores nothing', async () => {
    // 12 MiB of output (more than one 8 MiB part), then a failure, as a dump cut off by a lost connection.
    const failing = path.join(scratch, 'pg_dump');
    await writeFile(failing, '#!/bin/sh\nhead -c 12582912 /dev/zero\necho "pg_dump: error: connection lost" >&2\nexit 1\n');
    await chmod(failing, 0o755);
    const result = await run({ ...env, GRAPH_BACKUP_PG_DUMP: failing });
    expect(result.exitCode).toBe(1);
    // What follows is the cause the log adds: s3rver does not take the abort of the multipart upload, which S3 does.
    expect(logLines(result.stdout).find((line) => line.msg === 'run failed')?.err.message).toMatch(/^pg_dump exited 1: pg_dump: error: connection lost($|: )/);
    expect(await keys()).toEqual([]);
    expect(pushedOutcome()).toMatch(/^thoth_graph_backup_job\{env="ocp4-test",version="abc123"\} 1$/m);
  }, 30_000);

  test('a pg_dump that is not there is one line naming GRAPH_BACKUP_PG_DUMP', async () => {
    const result = await run({ ...env, GRAPH_BACKUP_PG_DUMP: path.join(scratch, 'missing', 'pg_dump') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr + result.stdout).toContain('GRAPH_BACKUP_PG_DUMP=');
    expect(await keys()).toEqual([]);
  }, 30_000);
});
