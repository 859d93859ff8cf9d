/**
 * The `monitoring` application, rendered after every other chart: a ServiceMonitor per namespace for
 * the Services that expose a `metrics` port, and the CronJob alerts of every CronJob rendered.
 */
import { ApiObject, type App } from 'cdk8s';
import type { Construct } from 'constructs';
import { namespaceNames, namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../src/config/schema.js';
import { AlertRules } from '../src/platform/alerts.js';
import { ThothChart } from '../src/platform/chart.js';
import { cronJobAlert } from '../src/platform/cronjob-alerts.js';
import { objectLabels, SCRAPE_LABEL } from '../src/platform/metadata.js';
import { PORT_NAMES } from '../src/platform/network-policies.js';
import { ScheduledJob } from '../src/platform/scheduled-job.js';

export class MonitoringChart extends ThothChart {
  constructor(scope: Construct, env: Environment, app: App) {
    super(scope, { env, application: 'monitoring' });
    for (const namespace of namespaceNames(env)) {
      new ApiObject(this, `ServiceMonitor-${namespace}`, {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'thoth', namespace, labels: { ...objectLabels('monitoring', 'service-monitor'), ...env.monitoring.serviceMonitorLabels } },
        spec: {
          selector: { matchLabels: { [SCRAPE_LABEL]: 'true' } },
          namespaceSelector: { matchNames: [namespace] },
          endpoints: [{ port: PORT_NAMES.metrics, path: '/metrics', scheme: 'http', interval: '30s' }],
        },
      });
    }
    const jobs = app.node
      .findAll()
      .filter((construct): construct is ScheduledJob => construct instanceof ScheduledJob && !construct.suspended)
      .map((job) => ({ name: job.name, namespace: job.namespace, schedule: job.schedule }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (jobs.length > 0) {
      new AlertRules(this, 'CronJobAlerts', { env, component: 'cronjobs', namespace: namespaceOf(env, 'infra'), alerts: jobs.map(cronJobAlert) });
    }
  }
}
