#!/usr/bin/env node
// Measures workflow-tasks as its image runs it (main.ts, bundled by scripts/build-job.mjs): a solver
// document of N package versions through parse-solver-output (PostgreSQL with the reference tables and
// 100 Kebechet advises waiting for packages, an S3-protocol server) and send-messages (a Kafka-protocol
// broker, the file recorded as sent in S3), each step a process of its own, as in a workflow.
// Services: DATABASE_URL, THOTH_TEST_S3_ENDPOINT, KAFKA_BOOTSTRAP_SERVERS when set, else started here.
//   node scripts/bench/workflow-tasks.js [runs=3] [packages=10000]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { startS3 } from '../../test/services/global-setup.mjs';
import { bundleJob, root, startBroker, startDatabase } from './services.js';

const runs = Number(process.argv[2] ?? 3);
const packages = Number(process.argv[3] ?? 10_000);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function runStep(bundlePath, command, env) {
  const args = timeBin ? ['-f', '%e %M', process.execPath, bundlePath, command] : [bundlePath, command];
  const started = process.hrtime.bigint();
  const result = spawnSync(timeBin ?? process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const [wall, peakKb] = timeBin ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [elapsed, undefined];
  return { wall, peakMb: peakKb === undefined ? undefined : peakKb / 1024, stdout: result.stdout };
}

const database = await startDatabase();
const s3 = await startS3();
const deploymentName = `bench-${randomBytes(3).toString('hex')}`;
const broker = await startBroker([`${deploymentName}.thoth.solver.solved-package:1`, `${deploymentName}.thoth.adviser-trigger:1`]);
const dir = await mkdtemp(path.join(tmpdir(), 'bench-workflow-tasks-'));
try {
  // 100 Kebechet advises, each waiting for one package of the document and one solved long ago.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
      SELECT i, 'package-' || i, '1.0.0', 1 FROM generate_series(1, 200) AS i;
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
      SELECT package_name, package_version, 'rhel', '8', '3.8', id, 1 FROM python_package_version_entity WHERE id > 100;
    INSERT INTO adviser_run (id, adviser_document_id, datetime, adviser_version, adviser_name, debug, need_re_run, adviser_error, recommendation_type,
                             requirements_format, advised_configuration_changes, additional_stack_info, source_type)
      SELECT i, 'adviser-' || i, now(), '1.0', 'adviser', FALSE, TRUE, FALSE, 'STABLE', 'PIPENV', FALSE, FALSE, 'KEBECHET' FROM generate_series(1, 100) AS i;
    INSERT INTO has_unresolved SELECT i, i FROM generate_series(1, 100) AS i;
    INSERT INTO has_unresolved SELECT i, i + 100 FROM generate_series(1, 100) AS i;
    ANALYZE;
  `);
  await client.end();
  const document = {
    metadata: { analyzer_version: '1.15.0' },
    result: {
      tree: Array.from({ length: packages }, (_, i) => ({
        package_name: `package-${i + 1}`,
        package_version: '1.0.0',
        package_version_requested: '1.0.0',
        index_url: 'https://pypi.org/simple',
      })),
    },
  };
  const documentPath = path.join(dir, 'document.json');
  await writeFile(documentPath, JSON.stringify(document));
  const bundlePath = bundleJob('components/workflow-core/job/main.ts', 'workflow-tasks');
  const env = {
    ...database.env,
    THOTH_S3_ENDPOINT_URL: s3.endpoint,
    THOTH_CEPH_BUCKET: s3.bucket,
    THOTH_CEPH_BUCKET_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    THOTH_CEPH_KEY_ID: s3.keyId,
    THOTH_CEPH_SECRET_KEY: s3.secretKey,
    THOTH_DEPLOYMENT_NAME: deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: broker.brokers,
    THOTH_SOLVER_DOCUMENT_PATH: documentPath,
    THOTH_SOLVER_NAME: 'solver-rhel-8-py38',
    THOTH_MESSAGING_COMPONENT_NAME: 'solver',
  };
  // The advises' requests, as the user API stored them (<prefix>/<deployment>/adviser/<id>.request).
  const s3Client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.keyId, secretAccessKey: s3.secretKey },
  });
  for (let i = 1; i <= 100; i++) {
    const request = { job_id: `adviser-${i}`, recommendation_type: 'stable', source_type: 'KEBECHET', origin: `https://github.com/o/r${i}` };
    await s3Client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: `${env.THOTH_CEPH_BUCKET_PREFIX}/${deploymentName}/adviser/adviser-${i}.request`,
        Body: JSON.stringify(request),
      }),
    );
  }
  s3Client.destroy();
  console.log(`solver document: ${packages.toLocaleString('en')} package versions; 100 waiting Kebechet advises`);
  console.log('run  step                 messages  wall s  messages/s  peak MB');
  for (let run = 1; run <= runs; run++) {
    const messagesFile = path.join(dir, `messages-${run}.json`);
    const stepEnv = { ...env, THOTH_MESSAGES_FILE: messagesFile, THOTH_MESSAGING_FROM_FILE: messagesFile, THOTH_WORKFLOW_UID: `bench-${run}` };
    for (const command of ['parse-solver-output', 'send-messages']) {
      const { wall, peakMb } = runStep(bundlePath, command, stepEnv);
      // Every package's solved-package, and the re-run of each of the 100 advises it unblocks.
      const count = packages + 100;
      console.log(
        `${String(run).padStart(3)}  ${command.padEnd(19)}  ${String(count).padStart(8)}  ${wall.toFixed(2).padStart(6)}  ${String(Math.round(count / wall)).padStart(10)}  ${peakMb?.toFixed(0).padStart(7) ?? '      ?'}`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  broker.stop();
  await s3.stop();
  await database.stop();
}
