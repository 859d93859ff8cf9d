/**
 * The composition root of a Ryax site (the ryax-worker chart, installed once per site: ryax-inventory.md
 * §1 and §3): one environment file per site, whose charts, schema and image contracts are these.
 */
import { buildSiteApplications, siteChartApplications } from '../../charts/ryax-worker/index.js';
import { RYAX_POSTGRES_EXPORTER_CONTRACT } from '../../components/ryax/contracts/postgres-exporter.js';
import { RYAX_POSTGRES_CONTRACT } from '../../components/ryax/contracts/postgres.js';
import { RYAX_WORKER_CONTRACT } from '../../components/ryax/contracts/worker.js';
import { logsAlerts } from '../../components/ryax/monitoring/logs-alerts.js';
import { SITE_CATALOGUE } from '../../components/ryax/worker/catalogue.js';
import { SITE_ENVIRONMENT_PROPERTIES, SITE_TIERS, type SiteEnvironment, siteEnvironmentProblems } from '../../components/ryax/worker/environment.js';
import { siteClaims } from '../../components/ryax/shared/site.js';
import { isEnabled } from '../../src/config/enabled.js';
import { AppOfAppsChart } from '../../src/synth/app-of-apps.js';
import type { Platform } from '../../src/synth/platform.js';

export const RYAX_WORKER: Platform<SiteEnvironment> = {
  name: 'ryax-worker',
  components: SITE_CATALOGUE,
  tiers: SITE_TIERS,
  environmentProperties: SITE_ENVIRONMENT_PROPERTIES,
  // A site whose worker is switched off registers nothing.
  claims: (env) => (isEnabled(env, 'worker') ? siteClaims(env.site) : []),
  environmentProblems: siteEnvironmentProblems,
  applications: (app, env, _images, charts) => buildSiteApplications(app, env, charts),
  chartApplications: (env) => siteChartApplications(env),
  appOfApps: (app, env, applications, charts) => {
    const chart = new AppOfAppsChart(app, env, applications, charts, 'Ryax site');
    return { name: chart.application, chart };
  },
  alerts: [logsAlerts],
  imageContracts: [RYAX_WORKER_CONTRACT, RYAX_POSTGRES_CONTRACT, RYAX_POSTGRES_EXPORTER_CONTRACT],
};
