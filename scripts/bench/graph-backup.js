#!/usr/bin/env node
// Measures graph-backup-job as its image runs it (main.ts bundled by scripts/build-job.mjs): a
// knowledge graph grown to each size (a table of ~1 KB rows besides the reference tables, on a
// throwaway server of pg_dump's version: test/services/dumpable-postgres.mjs) dumped by the real
// pg_dump straight into an S3-protocol server (s3rver, or THOTH_TEST_S3_ENDPOINT): MB of dump per
// second, the job's CPU and its peak memory, which must not grow with the graph.
//   node scripts/bench/graph-backup.js [sizes in MB=256,1024]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { startDumpableServer } from '../../test/services/dumpable-postgres.mjs';
import { startS3 } from '../../test/services/global-setup.mjs';
import { createReferenceSchema } from '../../test/services/reference-schema.mjs';
import { bundleJob, root } from './services.js';

const sizes = (process.argv[2] ?? '256,1024').split(',').map(Number);
if (!existsSync('/usr/bin/time')) throw new Error('graph-backup.js needs /usr/bin/time (Debian package time) for peak memory');
const MB = 1024 * 1024;

const server = await startDumpableServer();
const s3 = await startS3();
try {
  const bundle = bundleJob('components/graph-backup/job/main.ts', 'graph-backup-job');
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await createReferenceSchema(client);
  await client.query('CREATE TABLE bench_payload (id bigint PRIMARY KEY, payload text NOT NULL)');
  const url = new URL(server.url);
  const env = {
    PATH: process.env.PATH,
    KNOWLEDGE_GRAPH_HOST: url.hostname,
    KNOWLEDGE_GRAPH_PORT: url.port,
    KNOWLEDGE_GRAPH_USER: 'postgres',
    KNOWLEDGE_GRAPH_DATABASE: 'postgres',
    KNOWLEDGE_GRAPH_SSL_DISABLED: '1',
    THOTH_S3_ENDPOINT_URL: s3.endpoint,
    THOTH_CEPH_BUCKET: s3.bucket,
    THOTH_CEPH_BUCKET_PREFIX: 'bench',
    THOTH_CEPH_KEY_ID: s3.keyId,
    THOTH_CEPH_SECRET_KEY: s3.secretKey,
    THOTH_DEPLOYMENT_NAME: 'bench',
    GRAPH_BACKUP_STORE_ROTATE: '1',
    THOTH_LOG_GRAPH_BACKUP_JOB: 'INFO',
  };
  console.log(`pg_dump ${spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout.trim()}; s3rver ${s3.started ? 'started here' : s3.endpoint}`);
  console.log('graph MB  dump MB  wall s  MB/s  CPU s  peak MB');
  let rows = 0;
  for (const size of sizes) {
    // Rows of about 1 KB (32 md5 digests), added until the database is about `size` MB.
    const wanted = Math.round((size * MB) / 1100);
    if (wanted > rows) {
      await client.query(`INSERT INTO bench_payload SELECT i, repeat(md5(i::text), 32) FROM generate_series(${rows + 1}, ${wanted}) AS i`);
      rows = wanted;
    }
    const {
      rows: [{ bytes }],
    } = await client.query('SELECT pg_database_size(current_database())::bigint AS bytes');
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, bundle], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * MB });
    if (result.status !== 0) throw new Error(`graph-backup-job failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    const [wall, peakKb, user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    const done = result.stdout
      .split('\n')
      .filter((line) => line.includes('graph backup done'))
      .map((line) => JSON.parse(line))[0];
    const dumpBytes = done.bytes;
    console.log(
      `${String(Math.round(Number(bytes) / MB)).padStart(8)}  ${String(Math.round(dumpBytes / MB)).padStart(7)}  ${wall.toFixed(2).padStart(6)}  ${String(Math.round(dumpBytes / MB / wall)).padStart(4)}  ${(user + system).toFixed(2).padStart(5)}  ${(peakKb / 1024).toFixed(0).padStart(7)}`,
    );
  }
  await client.end();
} finally {
  await s3.stop();
  await server.stop();
}
