/**
 * What a report pushes, under the reference's job (advise-reporter) and names, which the alert
 * ThothResultsMissing and the SLI dashboard read (thoth-station/reporter@v0.11.3 producer.py#L70-L127):
 * thoth_reporter_info{version}, thoth_reporter_{requests,reports}_gauge{component, env},
 * thoth_reporter_{success,failed}_adviser_gauge{adviser_version, env} and
 * thoth_reporter_failed_adviser_justifications_gauge{adviser_version, justification, env} (percentages
 * of the last day reported on), and the schema revision as component thoth-reporter. Pushed with PUT,
 * as the reference's push_to_gateway, so that a version no longer seen leaves no series.
 */
import { Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';
import type { DayGauges } from '../domain/daily-tables.js';

const JOB = 'advise-reporter';

export async function pushReport(gatewayUrl: string, labels: { readonly env: string; readonly version: string }, gauges: DayGauges): Promise<void> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const { env } = labels;
  gauge('thoth_reporter_info', 'advise-reporter info.', ['version']).set({ version: labels.version }, 1);
  const requests = gauge('thoth_reporter_requests_gauge', 'Requests stored for the last day reported on, per component.', ['component', 'env']);
  const reports = gauge('thoth_reporter_reports_gauge', 'Results stored for the last day reported on, per component.', ['component', 'env']);
  for (const count of gauges.counts) {
    requests.set({ component: count.component, env }, count.requests);
    reports.set({ component: count.component, env }, count.documents);
  }
  const success = gauge('thoth_reporter_success_adviser_gauge', 'Adviser runs that succeeded, % of the version’s runs that day.', ['adviser_version', 'env']);
  const failure = gauge('thoth_reporter_failed_adviser_gauge', 'Adviser runs that failed, % of the version’s runs that day.', ['adviser_version', 'env']);
  for (const outcome of gauges.outcomes) {
    success.set({ adviser_version: outcome.adviserVersion, env }, outcome.successPercent);
    failure.set({ adviser_version: outcome.adviserVersion, env }, outcome.failurePercent);
  }
  const justifications = gauge(
    'thoth_reporter_failed_adviser_justifications_gauge',
    'An ERROR justification, % of the version’s ERROR justifications that day.',
    ['adviser_version', 'justification', 'env'],
  );
  for (const row of gauges.failedJustifications)
    justifications.set({ adviser_version: row.adviserVersion, justification: row.justification, env }, row.percent);
  registerSchemaRevision(registry, 'thoth-reporter', { env });
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).push({ jobName: JOB });
}
