#!/usr/bin/env node
// Measures what `deploy` costs over Argo CD's own time, against the deploy tests' world: the strict
// API server and the simulated controller (each sync Running for `syncDelay` ms, a reconciliation
// every 10 ms), a real registry holding every image, a bare repository as the remote. For stage
// (automated) and prod (manual, deploy asks for each sync), per run: preflight (render, validate,
// git, discovery, images), bootstrap, the controller's time from the root Application's creation
// until the last Application is Synced and Healthy, and deploy's lag after that moment (its exit).
// For prod also the lag between a wave becoming healthy and deploy asking for the next wave's syncs.
// Then a second deploy, which has nothing to do.
//   node scripts/bench/deploy.js [runs=3] [syncDelayMs=200]
import { bundleSources } from './services.js';

const runs = Number(process.argv[2] ?? 3);
const syncDelayMs = Number(process.argv[3] ?? 200);
const { run, PLATFORMS, createDeployRepository, startTestCluster, syncWaveOf } = await import(await bundleSources('scripts/bench/deploy-entry.ts', 'deploy'));

const APPLICATION = ['argoproj.io/v1alpha1', 'Application'];
const isDone = (app, commit) =>
  app.status?.sync?.status === 'Synced' && app.status?.sync?.revision === commit && app.status?.health?.status === 'Healthy' && app.operation === undefined;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;

for (const env of ['stage', 'prod']) {
  const repository = await createDeployRepository([env]);
  const results = [];
  for (let attempt = 0; attempt < runs; attempt++) {
    const cluster = await startTestCluster(repository, env, { syncDelayMs });
    const marks = { start: performance.now() };
    const io = {
      out: (text) => {
        if (text.startsWith('preflight passed')) marks.preflight = performance.now();
        if (text.startsWith('bootstrap')) marks.bootstrap = performance.now();
      },
      err: (text) => process.stderr.write(`${text}\n`),
    };
    // The moment the last Application is done, and per wave when it became healthy and when deploy asked for its syncs.
    const waves = new Map();
    const unsubscribe = cluster.server.onChange(() => {
      const apps = cluster.server.listObjects(...APPLICATION, 'argocd');
      const now = performance.now();
      for (const app of apps) {
        const wave = app.metadata.name.endsWith('-thoth-apps') ? 'root' : syncWaveOf(app);
        const entry = waves.get(wave) ?? waves.set(wave, { asked: undefined, done: undefined, apps: new Set() }).get(wave);
        entry.apps.add(app.metadata.name);
        if (app.operation?.initiatedBy?.username === 'thoth-gitops deploy') entry.asked ??= now;
      }
      for (const [_wave, entry] of waves) {
        const members = apps.filter((app) => entry.apps.has(app.metadata.name));
        if (entry.done === undefined && members.length > 0 && members.every((app) => isDone(app, repository.commit))) entry.done = now;
        if (entry.done !== undefined && !members.every((app) => isDone(app, repository.commit))) entry.done = undefined;
      }
      if (apps.length > 1 && apps.every((app) => isDone(app, repository.commit))) marks.allDone ??= now;
      else marks.allDone = undefined;
    });
    const code = await run(PLATFORMS, ['deploy', '--env', env, '--cwd', repository.dir, ...repository.imageArgs], io);
    marks.exit = performance.now();
    unsubscribe();
    if (code !== 0) throw new Error(`deploy --env ${env} exited ${code}`);
    const secondStart = performance.now();
    const second = await run(PLATFORMS, ['deploy', '--env', env, '--cwd', repository.dir, ...repository.imageArgs], { out: () => {}, err: () => {} });
    const secondMs = performance.now() - secondStart;
    if (second !== 0) throw new Error(`the second deploy --env ${env} exited ${second}`);
    // Manual: how long after a wave became healthy deploy asked for the next wave's syncs.
    const numbered = [...waves.entries()].filter(([wave]) => wave !== 'root').sort(([a], [b]) => a - b);
    const triggerLags = numbered
      .slice(1)
      .map(([, entry], index) => entry.asked - numbered[index][1].done)
      .filter((lag) => Number.isFinite(lag));
    results.push({
      preflight: marks.preflight - marks.start,
      bootstrap: marks.bootstrap - marks.preflight,
      controller: marks.allDone - marks.bootstrap,
      lag: marks.exit - marks.allDone,
      triggerLag: triggerLags.length === 0 ? undefined : Math.max(...triggerLags),
      second: secondMs,
    });
    await cluster.stop();
  }
  await repository.remove();
  const column = (key) => results.map((result) => result[key]).filter((value) => value !== undefined);
  console.log(
    `${env}: preflight ${ms(median(column('preflight')))}, bootstrap ${ms(median(column('bootstrap')))}, ` +
      `Argo CD (simulated, ${syncDelayMs} ms per sync) ${ms(median(column('controller')))}, deploy's lag after the last Application was healthy ${ms(median(column('lag')))} (max ${ms(Math.max(...column('lag')))})` +
      (column('triggerLag').length === 0 ? '' : `, from a wave healthy to the next wave's syncs asked for: at most ${ms(Math.max(...column('triggerLag')))}`) +
      `; a second deploy ${ms(median(column('second')))} (median of ${runs})`,
  );
}
process.exit(0);
