/**
 * The graph-backup-job program: one backup with the real adapters (pg_dump, the document store), its
 * summary logged and its outcome pushed as the reference's metric. main.ts runs it; tests build it to
 * read its help and run it. A failure is a failed run (exit 1) after the metric is pushed: the
 * reference caught every error and exited 0.
 */
import { readSetting } from '../../../src/contracts/settings.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { backUpGraph, RotationFailed } from './application/back-up.js';
import { GRAPH_BACKUP_CONTRACT } from './contract.js';
import { pushBackupOutcome } from './infrastructure/backup-metrics.js';
import { PgDump } from './infrastructure/pg-dump.js';
import { graphBackupSettings } from './settings.js';

const NAME = 'graph-backup-job';

export function graphBackupProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Dumps the knowledge graph with pg_dump straight into S3, then deletes the dumps beyond the newest GRAPH_BACKUP_STORE_ROTATE.',
      levelVariable: 'THOTH_LOG_GRAPH_BACKUP_JOB',
      contract: GRAPH_BACKUP_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no dump.
  const settings = graphBackupSettings(env, NAME);
  const version = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  // 16 MiB parts: S3 takes at most 10,000, so a dump of up to about 156 GiB (8 MiB parts: 78 GiB), four in flight.
  const store = new S3DocumentStore(settings.store, { partSize: 16 * 1024 * 1024 });
  const metrics = new JobRunMetrics('graph-backup', settings.store.deploymentName);
  let stored = false;
  let outcome: Outcome = 'failure';
  try {
    // The store is checked first: a wrong endpoint, key or bucket fails before the database is read.
    await store.check({ signal });
    try {
      const summary = await backUpGraph({ dumper: new PgDump(settings.pgDump), store }, { keep: settings.keep, now: new Date() }, { log, signal });
      stored = true;
      metrics.itemsProcessed('dump-bytes', summary.dump.bytes);
      metrics.itemsProcessed('dump-deleted', summary.deleted.length);
      log.info({ key: summary.dump.key, bytes: summary.dump.bytes, deleted: summary.deleted }, 'graph backup done');
    } catch (error) {
      if (error instanceof RotationFailed) stored = true;
      throw error;
    }
    outcome = 'success';
  } finally {
    store.close();
    if (settings.gateway !== undefined) {
      const gateway = settings.gateway;
      const pushed = [pushBackupOutcome(gateway, { env: settings.store.deploymentName, version }, stored), metrics.push(gateway, outcome)].map((push) =>
        push.catch((error: unknown) => log.warn({ err: error, gateway }, 'could not push metrics')),
      );
      await Promise.all(pushed);
    }
  }
}
