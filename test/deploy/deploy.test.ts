/**
 * `deploy` and `status` end to end: the CLI against the strict API server, the simulated Argo CD
 * controller, a real registry and a bare repository standing in for the remote.
 */
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { APPLICATION_HEALTH_KEY } from '../../src/deploy/bootstrap.js';
import { FIELD_MANAGER } from '../../src/deploy/cluster.js';
import { imageTags, planImages } from '../../src/images/plan.js';
import { runCli } from '../helpers.js';
import { createDeployRepository, deployTestWorld, type TestCluster } from './harness.js';

const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' } as const;
const world = deployTestWorld(['stage', 'prod']);

const deploy = (env: string, ...extra: string[]) => runCli(['deploy', '--env', env, '--cwd', world.repository.dir, ...world.repository.imageArgs, ...extra]);
const applications = (server: TestCluster['server']) => server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd');
/** Requests that wrote something (bootstrap applies, sync and refresh patches); a sync asked for on a stale read is refused (409) and does not count. */
const writes = (server: TestCluster['server']) => server.requests.filter((request) => request.method !== 'GET' && (request.status ?? 0) < 300);

describe('deploy --env stage (automated)', () => {
  test('preflight passes, the bootstrap is applied, every wave is waited for, and it exits 0', async () => {
    const cluster = await world.startCluster('stage');
    const result = await deploy('stage', '--format', 'json');
    expect(result.err).toMatch(/preflight passed: \d+ kinds served, \d+ images in their registries, Argo CD v2\.14\.11/);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ environment: 'stage', outcome: 'done', expected: world.repository.commit });
    const apps = applications(cluster.server);
    expect(apps.length).toBe(report.applications.length);
    for (const app of apps) expect(app.status).toMatchObject({ sync: { status: 'Synced', revision: world.repository.commit }, health: { status: 'Healthy' } });

    // Only the health key of argocd-cm is ours; the rest of the install is left to its owner.
    const configMap = cluster.server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', name: 'argocd-cm', namespace: 'argocd' })!;
    expect(Object.keys(configMap.data as object)).toEqual([APPLICATION_HEALTH_KEY]);
    const ours = configMap.metadata.managedFields!.find((entry) => entry.manager === FIELD_MANAGER)!;
    expect(ours.operation).toBe('Apply');
    expect(JSON.stringify(ours.fieldsV1)).not.toMatch(/labels/);
    expect(configMap.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'argocd' });
    // Automated: deploy never asks for a sync.
    expect(writes(cluster.server).filter((request) => JSON.stringify(request.body ?? '').includes('"operation"'))).toEqual([]);
  });

  test('a second deploy changes nothing and returns at once, without a watch', async () => {
    const cluster = await world.startCluster('stage');
    expect((await deploy('stage', '--skip-image-check')).code).toBe(0);
    const before = cluster.server.requests.length;
    const second = await deploy('stage', '--skip-image-check');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /^bootstrap: ConfigMap argocd\/argocd-cm unchanged, (AppProject argocd\/[a-z-]+ unchanged, )+Application argocd\/stage-thoth-apps unchanged$/m,
    );
    const requests = cluster.server.requests.slice(before);
    expect(requests.filter((request) => request.query.get('watch') === 'true')).toEqual([]);
    expect(
      requests.filter((request) => request.method === 'PATCH' && request.query.get('dryRun') === null && !request.contentType?.includes('apply-patch')),
    ).toEqual([]);
  });

  test('a Degraded Application stops the deploy with exit 2, naming the resource and its message; later waves are not waited for', async () => {
    await world.startCluster('stage', {
      outcomes: { 'stage-thoth-infra': { outcome: 'degraded', message: 'Deployment "stage-thoth-infra" exceeded its progress deadline' } },
    });
    const result = await deploy('stage', '--skip-image-check');
    expect(result.code).toBe(2);
    expect(result.out).toMatch(
      /deploy of stage failed in wave 1:\n {2}stage-thoth-infra: Degraded.*\n {4}Deployment thoth-infra-stage\/stage-thoth-infra \(Synced, Degraded\): Deployment "stage-thoth-infra" exceeded its progress deadline/,
    );
    // In CI (no terminal) progress is a line per change.
    expect(result.out).toMatch(/^wave -1 {2}stage-thoth-namespaces {2}Synced {2}Healthy {2}[0-9a-f]{12} done in \d+\.\ds$/m);
    expect(result.out).not.toMatch(/wave 3 {2}stage-thoth-monitoring {2}Synced/);
  });
});

test('Ctrl-C stops the waiting with exit 130 and says the cluster is left as it is', async () => {
  // Other test files of the same worker may have left listeners: deploy's own must be gone after it.
  const before = process.listenerCount('SIGINT');
  const cluster = await world.startCluster('stage', { outcomes: { 'stage-thoth-namespaces': { outcome: 'slow', delayMs: 60_000 } } });
  const server = cluster.server;
  const running = deploy('stage', '--skip-image-check');
  // Once deploy waits for the first wave, as a person would press it.
  while (server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd').length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  process.emit('SIGINT');
  const result = await running;
  expect(result.code).toBe(130);
  expect(result.out).toMatch(
    /stopped waiting in wave -1; the cluster is left as it is and Argo CD goes on syncing: thoth-gitops status --env stage shows where it stands/,
  );
  expect(process.listenerCount('SIGINT')).toBe(before);
});

test('Ctrl-C during the preflight stops before anything is applied', async () => {
  const cluster = await world.startCluster('stage');
  const before = process.listenerCount('SIGINT');
  const running = deploy('stage', '--skip-image-check');
  while (process.listenerCount('SIGINT') === before) await new Promise((resolve) => setTimeout(resolve, 5));
  process.emit('SIGINT');
  const result = await running;
  expect(result.code).toBe(130);
  expect(result.out).toMatch(/stopped \(Ctrl-C\) before the bootstrap: nothing was applied/);
  expect(writes(cluster.server)).toEqual([]);
});

test('a wave that outlasts --timeout ends with exit 2 and says where each late Application is', async () => {
  await world.startCluster('stage', { outcomes: { 'stage-thoth-graph': 'revisionNeverArrives' } });
  const result = await deploy('stage', '--skip-image-check', '--timeout', '2s');
  expect(result.code).toBe(2);
  expect(result.out).toMatch(
    new RegExp(
      `wave 0 of stage did not finish within 2.0s \\(--timeout\\):\n {2}stage-thoth-graph: is at deadbeefdead, expected ${world.repository.commit.slice(0, 12)}\n`,
    ),
  );
});

describe('deploy --env prod (manual)', () => {
  test('each Application is synced by deploy, in wave order, pinned to the expected commit', async () => {
    const cluster = await world.startCluster('prod');
    const result = await deploy('prod', '--skip-image-check');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/prod is deployed: \d+ Applications Synced at [0-9a-f]{12} and Healthy/);
    const syncs = writes(cluster.server)
      .filter((request) => (request.body as { operation?: unknown } | undefined)?.operation !== undefined)
      .map((request) => ({
        name: request.path.split('/').at(-1)!,
        body: request.body as { operation: { sync: { revision: string }; initiatedBy: { username: string } } },
      }));
    const apps = applications(cluster.server);
    expect(syncs.map(({ name }) => name).sort()).toEqual(apps.map((app) => app.metadata.name).sort());
    // As `argocd app sync` sets it: the controller reads the sync options from the operation, not the spec.
    for (const { body } of syncs)
      expect(body.operation).toMatchObject({
        sync: { revision: world.repository.commit, syncOptions: ['FailOnSharedResource=true'] },
        initiatedBy: { username: 'thoth-gitops deploy' },
      });
    const waveOf = (name: string) => Number(apps.find((app) => app.metadata.name === name)!.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
    // The root first, then the children wave by wave.
    expect(syncs[0]!.name).toBe('prod-thoth-apps');
    const waves = syncs.slice(1).map(({ name }) => waveOf(name));
    expect(waves).toEqual([...waves].sort((a, b) => a - b));

    // A second deploy asks for nothing.
    const before = writes(cluster.server).length;
    expect((await deploy('prod', '--skip-image-check')).code).toBe(0);
    expect(
      writes(cluster.server)
        .slice(before)
        .filter((request) => !request.contentType?.includes('apply-patch')),
    ).toEqual([]);
  });

  test('a Degraded Application is repaired by the next commit: deploy asks for its sync again, and the root’s', async () => {
    const cluster = await world.startCluster('prod', { outcomes: { 'prod-thoth-infra': 'degraded' } });
    const broken = await deploy('prod', '--skip-image-check');
    expect(broken.code).toBe(2);
    expect(broken.out).toMatch(/deploy of prod failed in wave 1:\n {2}prod-thoth-infra: Degraded/);
    const fix = world.repository.commitAndPush('the fix');
    // Degraded until the fix is synced: only a sync deploy asks for mends it.
    cluster.server.onChange((event) => {
      if (
        event.object.metadata.name === 'prod-thoth-infra' &&
        (event.object as { operation?: { sync?: { revision?: string } } }).operation?.sync?.revision === fix
      )
        cluster.controller.script('prod-thoth-infra', undefined);
    });
    const fixed = await deploy('prod', '--skip-image-check');
    expect(fixed.out).toMatch(/prod is deployed/);
    expect(fixed.code).toBe(0);
  });
});

describe('preflight', () => {
  test('every failing check is reported at once and nothing is applied', async () => {
    const cluster = await world.startCluster('stage', { kubernetesVersion: '1.29' });
    cluster.server.unserve('external-secrets.io/v1', 'ExternalSecret');
    cluster.server.unserve('kafka.strimzi.io/v1', 'KafkaTopic');
    const stale = path.join(world.repository.dir, 'generated/stage/graph/notes.yaml');
    await writeFile(stale, 'not: rendered\n');
    try {
      const result = await runCli([
        'deploy',
        '--env',
        'stage',
        '--cwd',
        world.repository.dir,
        '--registry-mirror',
        'quay.io=127.0.0.1:9',
        '--insecure-registry',
        '127.0.0.1:9',
      ]);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(/preflight failed \(\d+ problems\); nothing was applied:/);
      expect(result.out).toMatch(/\[generated\] generated\/ is not what the code renders \(1 file, such as generated\/stage\/graph\/notes\.yaml\)/);
      expect(result.out).toMatch(/\[revision\] generated\/ has uncommitted changes \(generated\/stage\/graph\/notes\.yaml\)/);
      expect(result.out).toMatch(/\[kubernetes\] environments\/stage\.yaml says kubernetesVersion "1\.31", but the cluster runs v1\.29\.4/);
      expect(result.out).toMatch(/\[kinds\] the cluster does not serve ExternalSecret \(external-secrets\.io\/v1\): install the External Secrets Operator/);
      expect(result.out).toMatch(/\[kinds\] the cluster does not serve KafkaTopic \(kafka\.strimzi\.io\/v1\): install Strimzi/);
      expect(result.out).toMatch(/\[images\] quay\.io\/thoth-station\/[a-z-]+:\S+: .*\(through the mirror\)/);
      expect(writes(cluster.server)).toEqual([]);
    } finally {
      await rm(stale);
    }
  });

  test('a job image the registry does not have is named with the workflow that pushes it', async () => {
    const image = 'investigator';
    const tag = repositoryTag(image);
    const missing = await createDeployRepository(['test'], { leaveOutImage: `quay.io/thoth-station/${image}:${tag}` });
    try {
      await world.startCluster('test', { repository: missing });
      const result = await runCli(['deploy', '--env', 'test', '--cwd', missing.dir, ...missing.imageArgs]);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(
        new RegExp(
          `\\[images\\] quay\\.io/thoth-station/${image}:${tag}: .*has no (tag ${tag}|repository thoth-station/${image}).*this repository's job image, built from generated/images/${image}/Dockerfile by the images workflow`,
        ),
      );
      expect(result.out.match(/\[images\]/g)).toHaveLength(1);
    } finally {
      await missing.remove();
    }
  }, 60_000);

  test('a remote whose branch is at another rendering is refused', async () => {
    await world.startCluster('stage');
    const pushed = world.repository.commit;
    // The remote moves on to a commit whose generated/stage differs; the checkout stays behind.
    const clone = `${world.repository.dir}.other`;
    execFileSync('git', ['clone', '-q', world.repository.remote, clone]);
    await writeFile(path.join(clone, 'generated/stage/graph/extra.yaml'), 'a: 1\n');
    execFileSync('git', ['add', '-A'], { cwd: clone });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'elsewhere'], { cwd: clone });
    execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: clone });
    const moved = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
    try {
      const result = await deploy('stage', '--skip-image-check');
      expect(result.code).toBe(2);
      expect(result.out).toMatch(
        new RegExp(
          `\\[revision\\] https://github\\.com/thoth-station/thoth-gitops\\.git main is at ${moved.slice(0, 12)}, a commit this checkout does not have \\(HEAD is ${pushed.slice(0, 12)}\\)`,
        ),
      );
    } finally {
      execFileSync('git', ['push', '-q', '--force', world.repository.remote, `${pushed}:refs/heads/main`], { cwd: world.repository.dir });
      await rm(clone, { recursive: true, force: true });
    }
  });
});

describe('the cluster is not there or refuses us: exit 1, one line', () => {
  test('an unreachable API server', async () => {
    const cluster = await world.startCluster('stage');
    await cluster.server.stop();
    const result = await deploy('stage');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ \(context test\): .*ECONNREFUSED.*\n$/);
  });

  test('refused credentials', async () => {
    await world.startCluster('stage', { token: 'expired' });
    const result = await deploy('stage');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^error: the Kubernetes API server at .* \(context test\) refused the credentials \(401 Unauthorized\): log in again or pick another --context\n$/,
    );
  });

  test('no permission to write argocd-cm', async () => {
    const cluster = await world.startCluster('stage');
    cluster.server.deny({ verb: 'patch', resource: 'configmaps', namespace: 'argocd' });
    const result = await deploy('stage', '--skip-image-check');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^error: the Kubernetes API server at .* forbids it \(403\): configmaps "argocd-cm" is forbidden: User "system:serviceaccount:thoth-deploy:thoth-gitops" cannot patch resource "configmaps"/,
    );
  });
});

test('a cluster without Argo CD’s Application kind: status says so in one line', async () => {
  const cluster = await world.startCluster('stage');
  cluster.server.unserve('argoproj.io/v1alpha1', 'Application');
  const result = await runCli(['status', '--env', 'stage', '--cwd', world.repository.dir]);
  expect(result.code).toBe(1);
  expect(result.err).toBe('error: the cluster does not serve Application (argoproj.io/v1alpha1)\n');
});

describe('bootstrap', () => {
  test('a field another manager owns with another value stops it, naming the manager; --force-conflicts takes it over', async () => {
    const cluster = await world.startCluster('stage');
    cluster.server.applyObject(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-cm', namespace: 'argocd' },
        data: { [APPLICATION_HEALTH_KEY]: 'return { status = "Healthy" }' },
      },
      { manager: 'helm' },
    );
    const refused = await deploy('stage', '--skip-image-check');
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(
      /bootstrap stopped, nothing after ConfigMap argocd\/argocd-cm applied: another field manager owns fields with other values: .*"helm".*\n--force-conflicts takes them over/,
    );
    expect(applications(cluster.server)).toEqual([]);
    const forced = await deploy('stage', '--skip-image-check', '--force-conflicts');
    expect(forced.code).toBe(0);
  });

  test('fields Argo CD holds with the previous commit’s values are taken over; a merged change to the root needs no --force-conflicts', async () => {
    const other = await createDeployRepository(['test'], { images: false });
    try {
      await world.startCluster('test', { repository: other });
      expect((await runCli(['deploy', '--env', 'test', '--cwd', other.dir, ...other.imageArgs])).code).toBe(0);
      const file = path.join(other.dir, 'environments/test.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^description: .*$/m, 'description: Test, described anew'));
      expect((await runCli(['synth', '--env', 'test', '--cwd', other.dir])).code).toBe(0);
      other.commitAndPush('a new description');
      const result = await runCli(['deploy', '--env', 'test', '--cwd', other.dir, ...other.imageArgs]);
      expect(result.out).toMatch(
        /AppProject argocd\/thoth-[a-z-]+: took over from Argo CD, which held the previous commit's values until it syncs: conflict with "argocd-controller"/,
      );
      expect(result.code).toBe(0);
    } finally {
      await other.remove();
    }
  }, 60_000);

  test('--dry-run persists nothing and lists what would be synced', async () => {
    const cluster = await world.startCluster('stage');
    const result = await deploy('stage', '--dry-run', '--skip-image-check');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /bootstrap \(server-side dry run\): ConfigMap argocd\/argocd-cm changed, (AppProject argocd\/[a-z-]+ created, )+Application argocd\/stage-thoth-apps created/,
    );
    expect(result.out).toMatch(/^stage-thoth-apps +root +Missing +Missing +-$/m);
    expect(result.out).toMatch(/would wait for Argo CD to sync, wave by wave: stage-thoth-namespaces, /);
    expect(cluster.server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', name: 'argocd-cm', namespace: 'argocd' })!.data).toBeUndefined();
    expect(applications(cluster.server)).toEqual([]);
  });
});

describe('status', () => {
  test('exit 0 when every Application is Synced at the commit and Healthy; 2 with what is not', async () => {
    const cluster = await world.startCluster('stage');
    expect((await deploy('stage', '--skip-image-check')).code).toBe(0);
    const fine = await runCli(['status', '--env', 'stage', '--cwd', world.repository.dir]);
    expect(fine.code).toBe(0);
    expect(fine.out).toMatch(/^APPLICATION\s+WAVE\s+SYNC\s+HEALTH\s+REVISION\n/);
    expect(fine.out).toMatch(/stage: every Application is Synced at [0-9a-f]{12} and Healthy/);

    cluster.server.modifyObject({ ...APPLICATION, name: 'stage-thoth-backend', namespace: 'argocd' }, (app) => {
      (app.status as any).health = { status: 'Degraded' };
      (app.status as any).resources = [
        { kind: 'Deployment', namespace: 'thoth-backend-stage', name: 'api', status: 'Synced', health: { status: 'Degraded', message: 'pods crash looping' } },
      ];
    });
    cluster.controller.stop();
    const degraded = await runCli(['status', '--env', 'stage', '--cwd', world.repository.dir, '--format', 'json']);
    expect(degraded.code).toBe(2);
    const report = JSON.parse(degraded.out);
    expect(report.ok).toBe(false);
    expect(report.applications.find((app: { name: string }) => app.name === 'stage-thoth-backend')).toMatchObject({
      phase: 'failed',
      blockers: [{ resource: 'Deployment thoth-backend-stage/api', health: 'Degraded', message: 'pods crash looping' }],
    });
  });
});

const repositoryTag = (image: 'investigator' | 'graph-refresh-job'): string => imageTags(planImages()).get(image)!;
