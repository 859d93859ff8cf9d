import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** The user API is down (its scrape target is not up). */
export function userApiAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'frontend');
  return [
    {
      alert: 'ThothUserAPI',
      severity: 'critical',
      for: '15m',
      threshold: 1,
      expr: (threshold) => `up{${matcher('job', 'user-api')}, ${matcher('namespace', namespace)}} < ${threshold}`,
      summary: 'The user API is down',
      description: `Prometheus has not reached user-api in ${namespace} for 15 minutes: users cannot ask for advice.`,
      test: (threshold) => ({
        series: [{ series: `up{job="user-api", namespace="${namespace}"}`, values: `${threshold - 1}x60` }],
        labels: { job: 'user-api', namespace },
      }),
    },
  ];
}
