/**
 * The `monitoring` application, rendered after every other chart: a ServiceMonitor per namespace for
 * the Services that expose a `metrics` port, the CronJob alerts of every CronJob rendered, and the
 * Grafana dashboards (each defined in the folder of the component it watches).
 */
import type { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { namespaceNames, namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../components/shared/environment.js';
import { AlertRules } from '../src/platform/alerts.js';
import { ThothChart } from './chart.js';
import { cronJobAlert } from '../src/platform/cronjob-alerts.js';
import { SCRAPE_LABEL } from '../src/platform/metadata.js';
import { serviceMonitor } from '../src/platform/service-monitor.js';
import { ScheduledJob } from '../src/platform/scheduled-job.js';
import { type DashboardModel, GrafanaDashboard } from '../src/platform/dashboard.js';
import { enabledComponents } from '../components/catalogue.js';
import { workflowControllersDashboard } from '../components/argo-workflows/dashboard.js';
import { sliSloDashboard } from '../components/slo-reporter/dashboard.js';
import { PUSHGATEWAY_SCRAPE_LABEL_VALUE } from '../components/pushgateway/index.js';

/**
 * The dashboards of the platform as a whole, rendered in every environment: the workflow controllers'
 * (the core chart's) and the SLI/SLO overview (generic series: it does not read slo-reporter's
 * output, though its folder holds it). Each catalogue component declares its own.
 */
const CORE_DASHBOARDS = [
  { component: 'argo-workflows', build: workflowControllersDashboard },
  { component: 'monitoring', build: sliSloDashboard },
];

/** The dashboards to render: the core's, and those of every component the environment switches on. */
function dashboardsOf(env: Environment): { component: string; build: () => DashboardModel }[] {
  return [
    ...CORE_DASHBOARDS,
    ...enabledComponents(env).flatMap(([name, entry]) => (entry.dashboards ?? []).map((build) => ({ component: entry.appName ?? name, build }))),
  ];
}

export class MonitoringChart extends ThothChart {
  constructor(scope: Construct, env: Environment, app: App) {
    super(scope, { env, application: 'monitoring' });
    for (const namespace of namespaceNames(env)) serviceMonitor(this, `ServiceMonitor-${namespace}`, { env, name: env.platform, namespace });
    // Pushed series keep the job and instance of whoever pushed them (honorLabels).
    serviceMonitor(this, 'ServiceMonitor-pushgateway', {
      env,
      name: 'pushgateway',
      namespace: namespaceOf(env, 'infra'),
      selector: { [SCRAPE_LABEL]: PUSHGATEWAY_SCRAPE_LABEL_VALUE },
      honorLabels: true,
    });
    for (const { component, build } of dashboardsOf(env)) {
      const dashboard = build();
      new GrafanaDashboard(this, `Dashboard-${dashboard.uid}`, { env, namespace: namespaceOf(env, 'infra'), component, dashboard });
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
