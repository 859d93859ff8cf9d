/**
 * The composition root of the Ryax platform (from the public ryax-engine chart, ryax-inventory.md):
 * its charts, its environment schema and the contracts of the images it runs, handed to the library
 * as one value.
 */
import { buildRyaxApplications } from '../../charts/ryax/index.js';
import { ryaxChartApplications } from '../../charts/ryax/stacks.js';
import { RYAX_CATALOGUE } from '../../components/ryax/catalogue.js';
import { RYAX_IMAGE_CONTRACTS } from '../../components/ryax/contracts/index.js';
import { RYAX_ENVIRONMENT_PROPERTIES, RYAX_TIERS, type RyaxEnvironment, ryaxEnvironmentProblems } from '../../components/ryax/shared/environment.js';
import { ryaxAlerts } from '../../components/ryax/monitoring/alerts.js';
import { runsOwnWorker, siteClaims } from '../../components/ryax/shared/site.js';
import { AppOfAppsChart } from '../../src/synth/app-of-apps.js';
import type { Platform } from '../../src/synth/platform.js';

export const RYAX: Platform<RyaxEnvironment> = {
  name: 'ryax',
  components: RYAX_CATALOGUE,
  tiers: RYAX_TIERS,
  environmentProperties: RYAX_ENVIRONMENT_PROPERTIES,
  // Only an engine that runs its own site's worker registers the site.
  claims: (env) => (runsOwnWorker(env) ? siteClaims(env.site) : []),
  environmentProblems: ryaxEnvironmentProblems,
  applications: (app, env, _images, charts) => buildRyaxApplications(app, env, charts),
  chartApplications: (env) => ryaxChartApplications(env),
  appOfApps: (app, env, applications, charts) => {
    const chart = new AppOfAppsChart(app, env, applications, charts, 'Ryax');
    return { name: chart.application, chart };
  },
  alerts: [ryaxAlerts],
  imageContracts: RYAX_IMAGE_CONTRACTS,
};
