/**
 * What a run pushes under the reference's job name (graph-backup-job, thoth-jobs.md §6):
 * thoth_graph_backup_job{env, version}, 0 when the dump was stored and 1 when it was not, which
 * ThothPGDumpMissed reads (components/knowledge-graph/alerts.ts), and the schema revision.
 */
import { Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';

const JOB = 'graph-backup-job';

export async function pushBackupOutcome(gatewayUrl: string, labels: { readonly env: string; readonly version: string }, stored: boolean): Promise<void> {
  const registry = new Registry();
  new Gauge({
    name: 'thoth_graph_backup_job',
    help: 'Whether the last graph backup failed to store a dump (1) or stored one (0).',
    labelNames: ['env', 'version'],
    registers: [registry],
  }).set({ ...labels }, stored ? 0 : 1);
  registerSchemaRevision(registry, JOB, { env: labels.env });
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).pushAdd({ jobName: JOB });
}
