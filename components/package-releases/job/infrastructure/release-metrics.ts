/**
 * What a scan pushes under the reference's job (package-releases): thoth_package_release_job_info
 * {env, version} = 1, thoth_package_release_job_messages_sent_total{message_type, env, version} (the
 * full topic, as the reference labelled it) and the schema revision as component
 * thoth-package-releases-job.
 */
import { Counter, Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';

export async function pushReleaseCounts(
  gatewayUrl: string,
  labels: { readonly env: string; readonly version: string },
  topic: string,
  sent: number,
): Promise<void> {
  const registry = new Registry();
  new Gauge({ name: 'thoth_package_release_job_info', help: 'package-releases-job info.', labelNames: ['env', 'version'], registers: [registry] }).set(
    { ...labels },
    1,
  );
  new Counter({
    name: 'thoth_package_release_job_messages_sent_total',
    help: 'package-released messages the broker acknowledged.',
    labelNames: ['message_type', 'env', 'version'],
    registers: [registry],
  }).inc({ message_type: topic, ...labels }, sent);
  registerSchemaRevision(registry, 'thoth-package-releases-job', { env: labels.env });
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).pushAdd({ jobName: 'package-releases' });
}
