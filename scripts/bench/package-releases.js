#!/usr/bin/env node
// Measures package-releases-job as its image runs it (main.ts bundled by scripts/build-job.mjs):
// `packages` packages the knowledge graph knows, each with a release the graph lacks, on a local index
// that answers as PyPI's JSON API does (test/services/fake-package-index.mjs, in this process), the
// Kafka mock and PostgreSQL. Run 1 records and announces one release per package; run 2 finds nothing
// new (the scan alone). Packages per second, the job's CPU and its peak memory.
//   node scripts/bench/package-releases.js [packages=10000] [concurrency=64]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { startFakePackageIndex } from '../../test/services/fake-package-index.mjs';
import { bundleJob, root, startBroker, startDatabase } from './services.js';

const packages = Number(process.argv[2] ?? 10_000);

/** Runs the job under /usr/bin/time: its exit status, stdout and stderr. */
function runJob(bundle, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, bundle], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const concurrency = Number(process.argv[3] ?? 64);
if (!existsSync('/usr/bin/time')) throw new Error('package-releases.js needs /usr/bin/time (Debian package time) for peak memory');

const projects = new Map();
for (let i = 0; i < packages; i++) {
  projects.set(
    `package-${i}`,
    new Map([
      ['1.0', [{ filename: `package_${i}-1.0.tar.gz` }]],
      ['1.1', [{ filename: `package_${i}-1.1-py3-none-any.whl` }]],
    ]),
  );
}
const index = await startFakePackageIndex(projects);
const database = await startDatabase();
const deploymentName = `bench-${randomBytes(3).toString('hex')}`;
const broker = await startBroker([`${deploymentName}.thoth.package-release.package-released:1`]);
try {
  const bundle = bundleJob('components/package-releases/job/main.ts', 'package-releases-job');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO python_package_index (id, url, verify_ssl, enabled, only_if_package_seen) VALUES (1, $1, TRUE, TRUE, TRUE);
     INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id)
       SELECT 'package-' || i, '1.0', 1 FROM generate_series(0, ${packages - 1}) AS i;
     ANALYZE;`.replace('$1', `'${index.url}/simple'`),
  );
  await client.end();
  const env = {
    ...database.env,
    PATH: process.env.PATH,
    THOTH_DEPLOYMENT_NAME: deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: broker.brokers,
    THOTH_PYTHON_WAREHOUSES: `${index.url}/simple`,
    THOTH_PACKAGE_RELEASES_CHUNK_SIZE: String(concurrency),
    THOTH_LOG_PACKAGE_RELEASES: 'INFO',
  };
  console.log(`${packages.toLocaleString('en')} known packages, ${concurrency} at a time, an index answering as PyPI's JSON API`);
  console.log('run  released  wall s  packages/s  CPU s  peak MB');
  for (const run of [1, 2]) {
    // Not spawnSync: the index answers from this process's event loop.
    const result = await runJob(bundle, env);
    if (result.status !== 0) {
      console.error(`package-releases-job failed (${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
      process.exitCode = 1;
      break;
    }
    const [wall, peakKb, user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    const summary = JSON.parse(result.stdout.split('\n').find((line) => line.includes('package releases scanned')));
    console.log(
      `${String(run).padStart(3)}  ${String(summary.released).padStart(8)}  ${wall.toFixed(2).padStart(6)}  ${String(Math.round(summary.packages / wall)).padStart(10)}  ${(user + system).toFixed(2).padStart(5)}  ${(peakKb / 1024).toFixed(0).padStart(7)}`,
    );
  }
} finally {
  broker.stop();
  await database.stop();
  await index.stop();
}
