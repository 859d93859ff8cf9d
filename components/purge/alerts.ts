import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** A purge left follow-up issues unopened. */
export function purgeAlerts(env: Environment): AlertDefinition[] {
  // Pushed by the purge workflow's steps to the Pushgateway (infra), with the deployment's env label.
  const namespace = namespaceOf(env, 'infra');
  const selector = `${matcher('namespace', namespace)}, ${matcher('env', env.deploymentName)}`;
  return [
    {
      alert: 'ThothPurgeJobMissed',
      severity: 'warning',
      for: '15m',
      threshold: 0,
      expr: (threshold) => `thoth_number_purge_issues_total{${selector}} - on(component, env) thoth_number_purge_issues_created{${selector}} > ${threshold}`,
      summary: 'A purge did not open all its follow-up issues',
      description: 'purge-workflow found data to purge but opened fewer GitHub issues than it should have: look at its create-issues step.',
      // One issue more found than opened, over the threshold.
      test: (threshold) => ({
        series: [
          {
            series: `thoth_number_purge_issues_total{namespace="${namespace}", env="${env.deploymentName}", component="purge-job"}`,
            values: `${threshold + 2}x60`,
          },
          { series: `thoth_number_purge_issues_created{namespace="${namespace}", env="${env.deploymentName}", component="purge-job"}`, values: '1x60' },
        ],
        labels: { env: env.deploymentName, component: 'purge-job' },
      }),
    },
  ];
}
