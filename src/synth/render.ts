/** Renders environments in memory: no file is read or written here. */
import { App } from 'cdk8s';
import type { PlatformEnvironment } from '../config/schema.js';
import type { JobImageTags } from '../images/programs.js';
import { AlertRules } from '../platform/alerts.js';
import { collectObjects } from './collect.js';
import type { RenderedApplication, RenderedEnvironment } from './manifest.js';
import type { Platform } from './platform.js';

/**
 * `images`: the tags of the job images (src/images/plan.ts), which are derived from files and so read
 * by the caller. `app`: where the charts are built; its outdir is never written to here (objects are
 * collected from the charts and written by writeGenerated), but a caller may synthesize it after.
 */
export function renderEnvironment(
  platform: Platform,
  env: PlatformEnvironment,
  images: JobImageTags,
  app = new App({ outdir: 'unused' }),
): RenderedEnvironment {
  const charts = platform.chartApplications?.(env) ?? [];
  const built = platform.applications(app, env, images, charts);
  // Collected only once every chart is built: a later chart may add to an earlier one's objects.
  const applications: RenderedApplication[] = built
    .map(({ chart, ...application }) => ({ ...application, objects: collectObjects(chart) }))
    .filter((application) => application.objects.length > 0);
  const appOfApps = platform.appOfApps(app, env, applications, charts);
  const root: RenderedApplication = { name: appOfApps.name, wave: 0, namespace: env.argocd.namespace, objects: collectObjects(appOfApps.chart) };
  const alerts = app.node.findAll().flatMap((construct) => (construct instanceof AlertRules ? construct.alerts : []));
  const switchedOff = Object.entries(env.components).flatMap(([name, settings]) => (settings?.enabled === false ? [name] : []));
  return {
    name: env.name,
    kubernetesVersion: env.kubernetesVersion,
    jobImages: images,
    applications: [...applications, root].sort((a, b) => (a.name < b.name ? -1 : 1)),
    chartApplications: charts,
    switchedOff,
    alerts,
    imageContracts: platform.imageContracts,
  };
}
