/**
 * The package-releases-job program: one scan with the real adapters (the knowledge graph, the
 * indexes over HTTP, the broker), its summary logged and its counts pushed. A package an index could
 * not answer for fails the run (exit 1) once every other package is done: the reference logged it and
 * exited 0.
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { pushMessageCounts } from '../../../src/runtime/metrics/message-counts.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { PackageIndexClient } from '../../../src/runtime/python/package-index.js';
import { scanReleases } from './application/scan-releases.js';
import { PACKAGE_RELEASES_CONTRACT, PACKAGE_RELEASES_SETTINGS } from './contract.js';
import { HttpIndexReleases } from './infrastructure/index-releases.js';
import { KafkaReleaseAnnouncer } from './infrastructure/kafka-announcer.js';
import { PostgresReleases } from './infrastructure/postgres-releases.js';

const NAME = 'package-releases-job';
/** The reference's component name in the messages it sends. */
const COMPONENT = 'thoth-package-releases-job';
/** What it pushes, under the reference's names (thoth-jobs.md §2). */
const METRICS = { job: 'package-releases', prefix: 'thoth_package_release_job', component: COMPONENT, messages: 'package-released' } as const;
/** How long one request to an index may take. */
const REQUEST_TIMEOUT_MS = 30_000;

export class PackagesFailed extends Error {
  constructor(readonly count: number) {
    super(`${count} package(s) could not be read from their index; the next run asks again`);
    this.name = 'PackagesFailed';
  }
}

export function packageReleasesProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Records the new releases of the packages the knowledge graph knows and announces each as package-released.',
      levelVariable: 'THOTH_LOG_PACKAGE_RELEASES',
      contract: PACKAGE_RELEASES_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const setting = <K extends keyof typeof PACKAGE_RELEASES_SETTINGS>(name: K) => readSetting(env, PACKAGE_RELEASES_SETTINGS, name);
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const concurrency = setting('THOTH_PACKAGE_RELEASES_CHUNK_SIZE');
  const warehouses = setting('THOTH_PYTHON_WAREHOUSES');
  const gateway = setting('PROMETHEUS_PUSHGATEWAY_URL');
  const version = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  // Each request in flight listens for the stop: `concurrency` of them at once is expected, not a leak.
  setMaxListeners(concurrency + 16, signal);
  // A connection per package being recorded: the index requests run `concurrency` at a time, the graph's part at most this many.
  const pool = new pg.Pool({ ...knowledgeGraphConfig(env, NAME), max: Math.min(concurrency, 16) });
  pool.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  let producer: Producer | undefined;
  const messages = { topic: '', sent: 0 };
  try {
    producer = await connectProducer(kafka);
    const sender = new MessageProducer(producer, kafka, { componentName: COMPONENT, serviceVersion: version });
    const announcer = new KafkaReleaseAnnouncer(sender);
    messages.topic = sender.topicOf('package-released');
    const releases = new HttpIndexReleases(new PackageIndexClient({ timeoutMs: REQUEST_TIMEOUT_MS, signal }), warehouses);
    try {
      const summary = await scanReleases({ graph: new PostgresReleases(pool), releases, announcer }, { concurrency }, { log, signal });
      log.info({ ...summary, failed: summary.failed.length }, 'package releases scanned');
      if (summary.failed.length > 0) throw new PackagesFailed(summary.failed.length);
    } finally {
      messages.sent = announcer.sent;
    }
  } finally {
    await producer?.disconnect();
    await pool.end();
    if (gateway !== undefined && messages.topic !== '') {
      await pushMessageCounts(gateway, METRICS, { env: kafka.deploymentName, version }, messages.topic, messages.sent).catch((error: unknown) =>
        log.warn({ err: error, gateway }, 'could not push metrics'),
      );
    }
  }
}
