/**
 * The ryax-engine chart's three Grafana dashboards (ryax-inventory.md §6), as code: each rendered while
 * the component it watches is in the catalogue and switched on, its queries scoped to the namespace
 * that component runs in. Where the environment installs kube-prometheus-stack, its Grafana's sidecar
 * loads them from labelled ConfigMaps; elsewhere they are grafana-operator GrafanaDashboards for the
 * environment's `monitoring.grafana` instances.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Construct } from 'constructs';
import { isEnabled } from '../../../../src/config/enabled.js';
import { namespaceOf } from '../../../../src/config/environment.js';
import { GrafanaDashboard } from '../../../../src/platform/dashboard.js';
import { RYAX_CATALOGUE, type RyaxCatalogueEntry } from '../../catalogue.js';
import { DATASTORE_SERVICE } from '../../datastore/index.js';
import type { RyaxEnvironment } from '../../shared/environment.js';
import { installs } from '../../shared/stacks.js';
import { GRAFANA_DASHBOARD_LABEL, GRAFANA_FOLDER_ANNOTATION } from '../../stacks/kube-prometheus-stack.js';
import { RYAX_SERVICE_NAMES } from '../../shared/service-names.js';
import { datastoreDashboard, DATASTORE_JOB } from './datastore.js';
import { registryDashboard, REGISTRY_JOB } from './registry.js';
import { usageDashboard, USAGE_JOB } from './usage.js';

export interface RyaxDashboard {
  /** The catalogue key of the component it watches. */
  readonly component: string;
  /** That component's name (`app.kubernetes.io/name` of the GrafanaDashboard). */
  readonly app: string;
  /** The job its queries read: the Service scraped. */
  readonly job: string;
  /** The dashboard, its queries scoped to the namespace given. */
  readonly build: (namespace: string) => Dashboard;
}

export const RYAX_DASHBOARDS: readonly RyaxDashboard[] = [
  { component: 'runner', app: RYAX_SERVICE_NAMES.runner, job: USAGE_JOB, build: usageDashboard },
  { component: 'datastore', app: DATASTORE_SERVICE, job: DATASTORE_JOB, build: datastoreDashboard },
  { component: 'registry', app: REGISTRY_JOB, job: REGISTRY_JOB, build: registryDashboard },
];

/**
 * The dashboards of the components the environment renders, in the services' namespace (the
 * monitoring application's); the Grafana instance imports them from there.
 */
export function ryaxDashboards(scope: Construct, env: RyaxEnvironment): GrafanaDashboard[] {
  const catalogue: Readonly<Record<string, RyaxCatalogueEntry>> = RYAX_CATALOGUE;
  return RYAX_DASHBOARDS.flatMap(({ component, app, build }) => {
    const entry = catalogue[component];
    if (entry === undefined || !isEnabled(env, component)) return [];
    const dashboard = build(namespaceOf(env, entry.tier));
    const sidecar = installs(env, 'kube-prometheus-stack') ? { labels: GRAFANA_DASHBOARD_LABEL, folderAnnotation: GRAFANA_FOLDER_ANNOTATION } : undefined;
    return [
      new GrafanaDashboard(scope, `Dashboard-${dashboard.uid}`, {
        env,
        namespace: namespaceOf(env, 'services'),
        component: app,
        dashboard,
        ...(sidecar === undefined ? {} : { sidecar }),
      }),
    ];
  });
}
