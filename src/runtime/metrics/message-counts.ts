/**
 * What a job that announces knowledge-graph changes pushes under its reference job name, as the
 * reference's producer jobs did: `<prefix>_info{env, version}` = 1, `<prefix>_messages_sent_total
 * {message_type (the full topic), env, version}`, and the schema revision under the reference's
 * component name.
 */
import { Counter, Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from './schema-revision.js';

export interface MessageCountsJob {
  /** The Pushgateway job (package-releases, cve-update). */
  readonly job: string;
  /** The metrics' prefix (thoth_package_release_job, thoth_cve_update_job). */
  readonly prefix: string;
  /** The component of the schema-revision gauge (thoth-package-releases-job). */
  readonly component: string;
  /** What the messages are, for the counter's help. */
  readonly messages: string;
}

export async function pushMessageCounts(
  gatewayUrl: string,
  job: MessageCountsJob,
  labels: { readonly env: string; readonly version: string },
  topic: string,
  sent: number,
): Promise<void> {
  const registry = new Registry();
  new Gauge({ name: `${job.prefix}_info`, help: `${job.component} info.`, labelNames: ['env', 'version'], registers: [registry] }).set({ ...labels }, 1);
  new Counter({
    name: `${job.prefix}_messages_sent_total`,
    help: `${job.messages} messages the broker acknowledged.`,
    labelNames: ['message_type', 'env', 'version'],
    registers: [registry],
  }).inc({ message_type: topic, ...labels }, sent);
  registerSchemaRevision(registry, job.component, { env: labels.env });
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).pushAdd({ jobName: job.job });
}
