/** Renders environments in memory: no file is read or written here. */
import { App } from 'cdk8s';
import { ArgoCdChart } from '../../charts/argocd.js';
import { APPLICATIONS } from '../../charts/index.js';
import type { Environment } from '../config/schema.js';
import { collectObjects } from './collect.js';
import type { RenderedApplication, RenderedEnvironment } from './manifest.js';

export function renderEnvironment(env: Environment): RenderedEnvironment {
  // outdir is never written to: objects are collected from the charts and written by writeGenerated.
  const app = new App({ outdir: 'unused' });
  const applications: RenderedApplication[] = APPLICATIONS.map((definition) => ({
    name: definition.name,
    wave: definition.wave,
    namespace: definition.namespace(env),
    objects: collectObjects(definition.build(app, env)),
  })).filter((application) => application.objects.length > 0);
  const argocd = new ArgoCdChart(app, env, applications);
  const root: RenderedApplication = { name: argocd.application, wave: 0, namespace: env.argocd.namespace, objects: collectObjects(argocd) };
  return { name: env.name, applications: [...applications, root].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}
