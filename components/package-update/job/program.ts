/**
 * The package-update-job program: one check with the real adapters (the knowledge graph, the indexes
 * over HTTP, the broker), its summary logged and pushed. A package an index could not answer for
 * fails the run (exit 1) once the others are checked: the reference swallowed it.
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { PackageIndexClient } from '../../../src/runtime/python/package-index.js';
import { checkPackages } from './application/check-packages.js';
import { PACKAGE_UPDATE_CONTRACT, PACKAGE_UPDATE_SETTINGS } from './contract.js';
import { HttpIndexProjects } from './infrastructure/index-projects.js';
import { KafkaDiscrepancyAnnouncer } from './infrastructure/kafka-announcer.js';
import { PostgresSolvedPackages } from './infrastructure/postgres-solved.js';

const NAME = 'package-update-job';
/** How long one request to an index may take. */
const REQUEST_TIMEOUT_MS = 30_000;

export class PackagesUnchecked extends Error {
  constructor(readonly count: number) {
    super(`${count} package(s) could not be read from their index; the next run asks again`);
    this.name = 'PackagesUnchecked';
  }
}

export function packageUpdateProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Checks that each solved package and version is still on its index with the artifacts Thoth stored, and tells each discrepancy once.',
      levelVariable: 'THOTH_LOG_PACKAGE_UPDATE',
      contract: PACKAGE_UPDATE_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const setting = <K extends keyof typeof PACKAGE_UPDATE_SETTINGS>(name: K) => readSetting(env, PACKAGE_UPDATE_SETTINGS, name);
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const concurrency = setting('THOTH_PACKAGE_UPDATE_SEMAPHORE_LIMIT');
  const gateway = setting('PROMETHEUS_PUSHGATEWAY_URL');
  // Each request in flight listens for the stop: `concurrency` of them at once is expected, not a leak.
  setMaxListeners(concurrency + 16, signal);
  const pool = new pg.Pool({ ...knowledgeGraphConfig(env, NAME), max: 2 });
  pool.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  const metrics = new JobRunMetrics('package-update', kafka.deploymentName);
  let producer: Producer | undefined;
  let outcome: Outcome = 'failure';
  try {
    producer = await connectProducer(kafka);
    const sender = new MessageProducer(producer, kafka, { componentName: NAME, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') });
    const announcer = new KafkaDiscrepancyAnnouncer(sender);
    const projects = new HttpIndexProjects(new PackageIndexClient({ timeoutMs: REQUEST_TIMEOUT_MS, signal }), setting('THOTH_PYTHON_WAREHOUSES'));
    try {
      const summary = await checkPackages({ solved: new PostgresSolvedPackages(pool), projects, announcer }, { concurrency }, { log, signal });
      metrics.itemsProcessed('package', summary.packages);
      metrics.itemsProcessed('failed', summary.failed.length);
      log.info({ ...summary, failed: summary.failed.length }, 'solved packages checked');
      if (summary.failed.length > 0) throw new PackagesUnchecked(summary.failed.length);
      outcome = 'success';
    } finally {
      for (const [type, count] of announcer.sent) metrics.messagesSent(type, count);
    }
  } finally {
    await producer?.disconnect();
    await pool.end();
    if (gateway !== undefined) await metrics.push(gateway, outcome).catch((error: unknown) => log.warn({ err: error, gateway }, 'could not push metrics'));
  }
}
