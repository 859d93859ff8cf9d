/**
 * The applications of a Ryax site, in the order Argo CD syncs them: the namespaces (the executions'
 * with the quota and limits of the site's actions) with the Secrets the worker reads and the
 * PriorityClasses, Traefik's chart where the site installs it, then the worker with its database,
 * then what watches them. Each renders into
 * `generated/<site>/<name>/` and becomes one Argo CD Application of the site's own app-of-apps.
 */
import type { App } from 'cdk8s';
import { Construct } from 'constructs';
import { namespaceNames, namespaceOf } from '../../src/config/environment.js';
import { PlatformChart } from '../../src/platform/chart.js';
import { serviceMonitor } from '../../src/platform/service-monitor.js';
import { declaredNamespace } from '../../src/platform/tier-namespace.js';
import type { BuiltApplication, ChartApplication } from '../../src/synth/platform.js';
import { installs } from '../../components/ryax/shared/stacks.js';
import { logsApplications, StackNamespace, stackNamespaces, traefikApplication } from '../ryax/stacks.js';
import { RyaxPriorityClasses } from '../../components/ryax/shared/priority.js';
import { buildSiteComponents } from '../../components/ryax/worker/catalogue.js';
import { SITE_TIER_DESCRIPTIONS, type SiteEnvironment } from '../../components/ryax/worker/environment.js';
import { SiteSecrets } from '../../components/ryax/worker/secrets.js';
import { SiteNetworkPolicies } from './network-policies.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { logsAlerts } from '../../components/ryax/monitoring/logs-alerts.js';

class SiteChart extends PlatformChart<SiteEnvironment> {}

/** The site's namespaces with their quotas, limits and NetworkPolicies, the worker's Secrets, and the PriorityClasses. */
class NamespacesChart extends SiteChart {
  /** `charts`: the stacks the site installs. */
  constructor(scope: Construct, env: SiteEnvironment, charts: readonly ChartApplication[]) {
    super(scope, { env, application: 'namespaces' });
    const worker = namespaceOf(env, 'worker');
    const secrets = new SiteSecrets(this, 'Secrets', { env, namespace: worker, executionsNamespace: namespaceOf(env, 'executions') });
    for (const name of namespaceNames(env)) {
      const namespace = declaredNamespace(this, name, env, name, SITE_TIER_DESCRIPTIONS);
      const contents = new Construct(this, `${name}-Contents`);
      contents.node.addDependency(namespace.namespace);
      new SiteNetworkPolicies(contents, 'NetworkPolicies', env, name);
      // The Secrets go into the worker's and the executions' namespaces, after them.
      secrets.node.addDependency(namespace.namespace);
    }
    new RyaxPriorityClasses(this, 'PriorityClasses', env);
    for (const name of stackNamespaces(charts)) new StackNamespace(this, `Stack-${name}`, env, name, charts);
  }
}

/** The worker and its database. */
class WorkerChart extends SiteChart {
  constructor(scope: Construct, env: SiteEnvironment) {
    super(scope, { env, application: 'worker' });
    buildSiteComponents(this, env, 'worker');
  }
}

/** A ServiceMonitor per namespace (the worker's and its database exporter's `metrics` ports), and, with the logs stack, RyaxErrorsInLogs. */
class MonitoringChart extends SiteChart {
  constructor(scope: Construct, env: SiteEnvironment) {
    super(scope, { env, application: 'monitoring' });
    for (const namespace of namespaceNames(env)) serviceMonitor(this, `ServiceMonitor-${namespace}`, { env, name: 'ryax-worker', namespace });
    if (installs(env, 'logs')) new AlertRules(this, 'Alerts', { env, component: 'worker', namespace: namespaceOf(env, 'worker'), alerts: logsAlerts(env) });
  }
}

/**
 * The stacks the site installs, before the worker (wave -1): Traefik, whose CRDs the worker's routes
 * need; Loki and Alloy, which the worker reads the actions' logs from.
 */
export function siteChartApplications(env: SiteEnvironment): ChartApplication[] {
  return [...(installs(env, 'traefik') ? [traefikApplication(env)] : []), ...(installs(env, 'logs') ? logsApplications(env) : [])];
}

export function buildSiteApplications(app: App, env: SiteEnvironment, charts: readonly ChartApplication[]): BuiltApplication[] {
  return [
    { name: 'namespaces', wave: -2, namespace: namespaceOf(env, 'worker'), chart: new NamespacesChart(app, env, charts) },
    { name: 'worker', wave: 0, namespace: namespaceOf(env, 'worker'), chart: new WorkerChart(app, env) },
    { name: 'monitoring', wave: 1, namespace: namespaceOf(env, 'worker'), chart: new MonitoringChart(app, env) },
  ];
}
