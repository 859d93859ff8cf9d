import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** A purge left follow-up issues unopened. */
export function purgeAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'infra');
  const selector = matcher('namespace', namespace);
  return [
    {
      alert: 'ThothPurgeJobMissed',
      severity: 'warning',
      for: '15m',
      threshold: 0,
      expr: (threshold) => `thoth_purge_job_issues_total{${selector}} - thoth_purge_job_issues_created_total{${selector}} > ${threshold}`,
      summary: 'A purge did not open all its follow-up issues',
      description: 'purge-workflow found data to purge but opened fewer GitHub issues than it should have: look at its create-issues step.',
      test: {
        series: [
          { series: `thoth_purge_job_issues_total{namespace="${namespace}"}`, values: '3x60' },
          { series: `thoth_purge_job_issues_created_total{namespace="${namespace}"}`, values: '1x60' },
        ],
        labels: { namespace },
      },
    },
  ];
}
