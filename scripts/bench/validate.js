#!/usr/bin/env node
// Measures `validate` on many environments: the repository's three, each rendered `copies` times
// under another name (about 1,200 objects per copy), each copy with its own namespaces, Argo CD
// project, topic prefix, secret prefix and hosts as a real environment has (else every copy collides
// with the others, which validate reports), then every check but promtool's run over all
// of them, twice in one process (the first pays for loading the schema models). promtool is timed
// on its own: it is a process per rule group file.
//   node scripts/bench/validate.js [copies=8]
import { bundleSources, root } from './services.js';

const copies = Number(process.argv[2] ?? 8);
const bundle = await bundleSources('scripts/bench/validate-entry.ts', 'validate', {
  external: ['kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'esbuild'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const { THOTH, loadEnvironments, renderEnvironment, imageTags, planImages, validateEnvironments } = await import(bundle);

const environments = await loadEnvironments(THOTH, root, []);

/** The environment under another name, claiming nothing the original claims. */
function distinctCopy(env, copy) {
  const suffix = `-${copy}`;
  return {
    ...env,
    name: `${env.name}${suffix}`,
    deploymentName: `${env.deploymentName}${suffix}`,
    namespaces: Object.fromEntries(Object.entries(env.namespaces).map(([name, settings]) => [`${name}${suffix}`, settings])),
    argocd: { ...env.argocd, project: `${env.argocd.project}${suffix}` },
    secrets: { ...env.secrets, keyPrefix: `${env.secrets.keyPrefix}${suffix}` },
    components: Object.fromEntries(
      Object.entries(env.components).map(([name, settings]) => [
        name,
        settings.host === undefined ? settings : { ...settings, host: `c${copy}.${settings.host}` },
      ]),
    ),
  };
}
const images = imageTags(planImages(root));
let started = performance.now();
const rendered = [];
for (let copy = 1; copy <= copies; copy++) for (const env of environments) rendered.push(renderEnvironment(THOTH, distinctCopy(env, copy), images));
const renderSeconds = (performance.now() - started) / 1000;
const objects = rendered.reduce((sum, env) => sum + env.applications.reduce((inner, application) => inner + application.objects.length, 0), 0);
console.log(`${rendered.length} environments, ${objects.toLocaleString('en')} objects, rendered in ${renderSeconds.toFixed(2)} s`);
for (const run of ['first (loads the schema models)', 'second']) {
  started = performance.now();
  const findings = await validateEnvironments(rendered, { promtool: false });
  const seconds = (performance.now() - started) / 1000;
  console.log(`validate, ${run}: ${seconds.toFixed(2)} s, ${Math.round(objects / seconds).toLocaleString('en')} objects/s, ${findings.length} findings`);
}
started = performance.now();
await validateEnvironments(rendered.slice(0, 3), { promtool: true });
console.log(`with promtool, the three environments once: ${((performance.now() - started) / 1000).toFixed(2)} s`);
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
