/**
 * What create-purge-issues pushes, as the reference did (job `workflow-helpers`): how many issues it
 * was to open and how many it opened, which ThothPurgeJobMissed compares (components/purge/alerts.ts).
 */
import { Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';

const JOB = 'workflow-helpers';

export async function pushPurgeIssueCounts(gatewayUrl: string, deploymentName: string, counts: { total: number; created: number }): Promise<void> {
  const registry = new Registry();
  const labels = { component: JOB, env: deploymentName };
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name, help, labelNames: ['component', 'env'], registers: [registry] }).set(labels, value);
  gauge('thoth_number_purge_issues_total', 'Purge issues create-purge-issues was to open.', counts.total);
  // Already open counts as created: the repository has its issue.
  gauge('thoth_number_purge_issues_created', 'Purge issues open after create-purge-issues ran.', counts.created);
  registerSchemaRevision(registry, JOB, { env: deploymentName });
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).pushAdd({ jobName: JOB });
}
