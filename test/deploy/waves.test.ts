/**
 * Waiting wave by wave, through client-node against the strict API server and the simulated Argo CD
 * controller: what each scripted outcome makes of a deploy, and the watch's own recoveries.
 */
import { Cluster } from '../../src/deploy/cluster.js';
import { applyBootstrap } from '../../src/deploy/bootstrap.js';
import { loadPlan } from '../../src/deploy/load.js';
import type { DeployPlan } from '../../src/deploy/plan.js';
import { ApplicationWatch } from '../../src/deploy/watch-applications.js';
import { waitForWaves, type WaitOptions } from '../../src/deploy/waves.js';
import { STALE_REVISION, type Outcome, type OutcomeName } from '../services/argocd-controller.js';
import { deployTestWorld, type TestCluster } from './harness.js';
import { PLATFORMS } from '../../platforms/index.js';

const world = deployTestWorld(['stage'], { images: false });
let plan: DeployPlan;
let cluster: TestCluster;

beforeAll(async () => {
  plan = (await loadPlan(PLATFORMS, world.repository.dir, 'stage')).plan;
});

/** A cluster where deploy's bootstrap is done, and a client of it. */
async function bootstrapped(outcomes: Readonly<Record<string, OutcomeName | Outcome>> = {}): Promise<Cluster> {
  cluster = await world.startCluster('stage', { outcomes });
  const client = Cluster.connect({});
  await applyBootstrap(client, plan, { dryRun: false, force: false });
  return client;
}

const wait = (client: Cluster, options: Partial<WaitOptions> = {}) =>
  waitForWaves(client, plan, { expected: world.repository.commit, timeoutMs: 20_000, signal: new AbortController().signal, onProgress: () => {}, ...options });

test('a revision that never arrives times the wave out, saying where the Application is', async () => {
  const client = await bootstrapped({ 'stage-thoth-graph': 'revisionNeverArrives' });
  const { outcome } = await wait(client, { timeoutMs: 1_500 });
  expect(outcome).toMatchObject({ kind: 'timeout', wave: 0 });
  const pending = outcome.kind === 'timeout' ? outcome.pending : [];
  expect(pending.map((state) => [state.name, state.reason])).toEqual([
    ['stage-thoth-graph', `is at ${STALE_REVISION.slice(0, 12)}, expected ${world.repository.commit.slice(0, 12)}`],
  ]);
});

test('a failed sync stops the wave with the resource the controller could not apply', async () => {
  const client = await bootstrapped({ 'stage-thoth-infra': { outcome: 'syncError', message: 'admission webhook "validate.kyverno.svc" denied the request' } });
  const { outcome, rows } = await wait(client);
  expect(outcome).toMatchObject({ kind: 'failed', wave: 1 });
  const [failed] = outcome.kind === 'failed' ? outcome.failed : [];
  expect(failed).toMatchObject({ name: 'stage-thoth-infra', failure: 'sync' });
  expect(failed!.reason).toMatch(/^(sync failed: |SyncError: )/);
  expect(failed!.blockers.map((blocker) => blocker.message)).toContainEqual(
    expect.stringContaining('admission webhook "validate.kyverno.svc" denied the request'),
  );
  // Waves before it were done; none after it was waited for.
  expect(rows.filter((row) => row.wave < 1).every((row) => row.phase === 'done')).toBe(true);
  expect(rows.filter((row) => row.wave === 2).every((row) => row.elapsedMs === 0)).toBe(true);
});

test('an environment already in sync is read once and never watched', async () => {
  const client = await bootstrapped();
  expect((await wait(client)).outcome.kind).toBe('done');
  const before = cluster.server.requests.length;
  const { outcome } = await wait(client);
  expect(outcome.kind).toBe('done');
  const requests = cluster.server.requests.slice(before);
  expect(requests.map((request) => `${request.method} ${request.path}${request.query.get('watch') === 'true' ? ' (watch)' : ''}`)).toEqual([
    'GET /apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
  ]);
});

test('stopping (Ctrl-C) ends the waiting at once and leaves the cluster as it is', async () => {
  const client = await bootstrapped({ 'stage-thoth-namespaces': { outcome: 'slow', delayMs: 60_000 } });
  const interrupt = new AbortController();
  const writes = () => cluster.server.requests.filter((request) => request.method !== 'GET').length;
  let writesAtAbort = 0;
  setTimeout(() => {
    writesAtAbort = writes();
    interrupt.abort();
  }, 300);
  const startedAt = Date.now();
  const { outcome } = await wait(client, { signal: interrupt.signal });
  expect(outcome).toEqual({ kind: 'interrupted', wave: -1 });
  expect(Date.now() - startedAt).toBeLessThan(5_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(writes()).toBe(writesAtAbort);
});

test('stopped before it starts, it asks Argo CD for nothing: one list, no refresh, no sync', async () => {
  const client = await bootstrapped();
  const before = cluster.server.requests.length;
  const interrupt = new AbortController();
  interrupt.abort();
  const manual = { ...plan, automated: false };
  const { outcome } = await waitForWaves(client, manual, { expected: 'f'.repeat(40), timeoutMs: 5_000, signal: interrupt.signal, onProgress: () => {} });
  expect(outcome).toEqual({ kind: 'interrupted', wave: -1 });
  expect(cluster.server.requests.slice(before).map((request) => request.method)).toEqual(['GET']);
});

test('progress is reported on every change, each row with its elapsed time', async () => {
  const client = await bootstrapped({ 'stage-thoth-infra': { outcome: 'slow', delayMs: 400 } });
  const seen: string[] = [];
  const { outcome, rows } = await wait(client, { onProgress: (current) => seen.push(current.map((row) => `${row.name}:${row.phase}`).join(',')) });
  expect(outcome.kind).toBe('done');
  expect(new Set(seen).size).toBeGreaterThan(3);
  expect(rows.find((row) => row.name === 'stage-thoth-infra')!.elapsedMs).toBeGreaterThanOrEqual(400);
});

describe('the watch', () => {
  test('a resourceVersion the server no longer keeps (410) is answered with a new list', async () => {
    const client = await bootstrapped();
    const watch = new ApplicationWatch(client, 'argocd', 'thoth-station.ninja/environment=stage');
    await watch.list();
    expect(watch.get('stage-thoth-apps')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    cluster.server.compact();
    expect(await watch.changed(5_000, new AbortController().signal)).toBe(true);
    expect(
      cluster.server.requests.filter((request) => request.path.endsWith('/applications') && request.query.get('watch') !== 'true').length,
    ).toBeGreaterThanOrEqual(2);
    await watch.stop();
  });

  test('a change made while nobody waits is not lost: a wait from an earlier version returns at once', async () => {
    const client = await bootstrapped();
    const watch = new ApplicationWatch(client, 'argocd', 'thoth-station.ninja/environment=stage');
    await watch.list();
    await watch.changed(200, new AbortController().signal);
    const seen = watch.version;
    cluster.server.modifyObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: 'stage-thoth-apps', namespace: 'argocd' }, (app) => {
      app.metadata.annotations = { ...app.metadata.annotations, touched: 'yes' };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const startedAt = Date.now();
    expect(await watch.changed(5_000, new AbortController().signal, seen)).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await watch.stop();
  });

  test('a watch refused for good (403) is reported by the next wait', async () => {
    const client = await bootstrapped();
    const watch = new ApplicationWatch(client, 'argocd', 'thoth-station.ninja/environment=stage');
    await watch.list();
    cluster.server.deny({ verb: 'watch', resource: 'applications' });
    await expect(watch.changed(5_000, new AbortController().signal).then(() => watch.changed(5_000, new AbortController().signal))).rejects.toThrow(
      /forbids it \(403\)/,
    );
    await watch.stop();
  });
});
