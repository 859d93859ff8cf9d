/**
 * The document-sync-job program: one sync with two document stores (this deployment's and the
 * destination), its counts logged and pushed. A document that could not be copied, or a group that
 * could not be listed, fails the run (exit 1) after the counts are pushed: the reference exited 0.
 */
import { readSetting } from '../../../src/contracts/settings.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { type GroupResult, syncDocuments } from './application/sync-documents.js';
import { DOCUMENT_SYNC_CONTRACT } from './contract.js';
import { pushSyncCounts } from './infrastructure/sync-metrics.js';
import { documentSyncSettings } from './settings.js';

const NAME = 'document-sync-job';

export class SyncIncomplete extends Error {
  constructor(readonly results: readonly GroupResult[]) {
    const failed = results.reduce((sum, result) => sum + result.failed, 0);
    const unlisted = results.filter((result) => result.listingFailed !== undefined).map((result) => result.group);
    super(
      [failed > 0 ? `${failed} document(s) could not be copied` : '', unlisted.length > 0 ? `not listed to their end: ${unlisted.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    );
    this.name = 'SyncIncomplete';
  }
}

export function documentSyncProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: "Copies this deployment's documents that another deployment's store lacks, streamed, and pushes the counts.",
      levelVariable: 'THOTH_LOG_DOCUMENT_SYNC',
      contract: DOCUMENT_SYNC_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const settings = documentSyncSettings(env);
  const version = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  const source = new S3DocumentStore(settings.source);
  // One part in flight per copy: THOTH_DOCUMENT_SYNC_CONCURRENCY copies of 8 MiB parts, not four times that.
  const destination = new S3DocumentStore(settings.destination, { queueSize: 1 });
  let results: GroupResult[] = [];
  try {
    // Both stores checked first: a wrong endpoint, key or bucket is one line naming it, before any copy.
    await source.check({ signal });
    await destination.check({ signal });
    results = await syncDocuments({ source, destination }, settings, { log, signal });
    log.info({ groups: results.map(({ listingFailed, ...counts }) => counts), dryRun: settings.dryRun }, 'document sync done');
    if (results.some((result) => result.failed > 0 || result.listingFailed !== undefined)) throw new SyncIncomplete(results);
  } finally {
    source.close();
    destination.close();
    if (settings.gateway !== undefined && results.length > 0) {
      await pushSyncCounts(settings.gateway, { env: settings.source.deploymentName, version }, results).catch((error: unknown) =>
        log.warn({ err: error, gateway: settings.gateway }, 'could not push metrics'),
      );
    }
  }
}
