import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** Adviser requests without a stored result, as advise-reporter counts them. */
export function adviseReporterAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'infra');
  const selector = `${matcher('namespace', namespace)}, ${matcher('env', env.deploymentName)}`;
  return [
    {
      alert: 'ThothResultsMissing',
      severity: 'critical',
      for: '60m',
      threshold: 0,
      expr: (threshold) => `thoth_reporter_requests_gauge{${selector}} - thoth_reporter_reports_gauge{${selector}} > ${threshold}`,
      summary: 'Adviser requests have no result',
      description: 'advise-reporter has counted more adviser requests than stored results for an hour: adviser workflows are failing or not scheduled.',
      // One request more without a result than the threshold allows.
      test: (threshold) => ({
        series: [
          { series: `thoth_reporter_requests_gauge{namespace="${namespace}", env="${env.deploymentName}"}`, values: `${threshold + 8}x120` },
          { series: `thoth_reporter_reports_gauge{namespace="${namespace}", env="${env.deploymentName}"}`, values: '7x120' },
        ],
        labels: { namespace, env: env.deploymentName },
      }),
    },
  ];
}
