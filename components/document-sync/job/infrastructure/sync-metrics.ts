/**
 * What a sync pushes under the reference's job (document-sync-job): thoth_document_sync_job_info
 * {env, version} = 1 and thoth_document_sync_job_total{sync_type, result_type, env, version}, with
 * sync_type SUCCESS (copied), SKIPPED (at the destination already) or ERROR, and result_type the
 * group (the reference wrote its storage adapter's Python class there).
 */
import { Counter, Gauge, Pushgateway, Registry } from 'prom-client';
import type { GroupResult } from '../application/sync-documents.js';

const JOB = 'document-sync-job';

export async function pushSyncCounts(
  gatewayUrl: string,
  labels: { readonly env: string; readonly version: string },
  results: readonly GroupResult[],
): Promise<void> {
  const registry = new Registry();
  new Gauge({ name: 'thoth_document_sync_job_info', help: 'document-sync-job info.', labelNames: ['env', 'version'], registers: [registry] }).set(
    { ...labels },
    1,
  );
  const counter = new Counter({
    name: 'thoth_document_sync_job_total',
    help: 'Documents the sync copied (SUCCESS), found at the destination (SKIPPED) or could not copy (ERROR), by group.',
    labelNames: ['sync_type', 'result_type', 'env', 'version'],
    registers: [registry],
  });
  for (const result of results) {
    counter.inc({ sync_type: 'SUCCESS', result_type: result.group, ...labels }, result.copied);
    counter.inc({ sync_type: 'SKIPPED', result_type: result.group, ...labels }, result.present);
    counter.inc({ sync_type: 'ERROR', result_type: result.group, ...labels }, result.failed);
  }
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).pushAdd({ jobName: JOB });
}
