/**
 * deploy and status on a Ryax environment, against the local API server that answers as a cluster with
 * Argo CD does: the same bootstrap and wave-by-wave wait as Thoth's, for the other platform's
 * Applications (namespaces, the Traefik chart, backbone, services, monitoring), to a cluster of the
 * environment's own.
 */
import { APPLICATION } from '../../src/deploy/applications.js';
import { ENVIRONMENTS, loadedReal, renderReal, runCli } from '../helpers.js';
import { addContext, deployTestWorld, startDestinationServer } from './harness.js';

const world = deployTestWorld(['ryax-dev']);
const RABBITMQ_KINDS = ['RabbitmqCluster', 'Exchange', 'Queue', 'Binding'];

/** `deploy --env ryax-dev` with `options`, on the file's repository, its images checked at the test registry. */
const deployDev = (...options: string[]) => runCli(['deploy', '--env', 'ryax-dev', ...options, '--cwd', world.repository.dir, ...world.repository.imageArgs]);

type Cluster = Awaited<ReturnType<typeof world.startCluster>>;

/**
 * ryax-dev deploys to a cluster of its own: Argo CD knows it from a cluster Secret. And the simulated
 * Argo CD is a 2.x, which tracks by label unless told otherwise (its charts' releases are named
 * otherwise than their Applications).
 */
function registerDevCluster(cluster: Cluster, tracking: string | null = 'annotation'): void {
  cluster.server.putObject({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ryax-dev-cluster', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
    data: { name: Buffer.from('ryax-dev').toString('base64'), server: Buffer.from('https://ryax-dev.example.org:6443').toString('base64') },
  } as never);
  if (tracking === null) return;
  const config = cluster.server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' })!;
  cluster.server.putObject({ ...config, data: { ...(config.data as object), 'application.resourceTrackingMethod': tracking } } as never);
}

test('deploy --env ryax-dev: preflight, bootstrap, every wave waited for; status then says it is synced and healthy', async () => {
  const cluster = await world.startCluster('ryax-dev');
  registerDevCluster(cluster);
  // The simulated Argo CD syncs the destination's objects into its own server: the destination's context reaches it too.
  await addContext(cluster, 'ryax-dev', cluster.server);
  const result = await deployDev('--destination-context', 'ryax-dev', '--format', 'json');
  expect(result.err).toMatch(/preflight passed/);
  expect(result.err).not.toMatch(/not checked/);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.out);
  expect(report).toMatchObject({ environment: 'ryax-dev', outcome: 'done', expected: world.repository.commit });
  const apps = cluster.server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd');
  // The root, each application rendered, and each stack's chart.
  const rendered = await renderReal('ryax-dev');
  const charts = new Map((rendered.chartApplications ?? []).map((chart) => [`ryax-dev-ryax-${chart.name}`, chart.chart.version]));
  expect(charts.has('ryax-dev-ryax-traefik')).toBe(true);
  expect(apps.map((app) => app.metadata.name).sort()).toEqual(
    ['apps', ...rendered.applications.map((application) => application.name).filter((name) => name !== 'argocd')]
      .map((application) => `ryax-dev-ryax-${application}`)
      .concat([...charts.keys()])
      .sort(),
  );
  // A chart is synced at its version, the rest at the commit.
  for (const app of apps) {
    const revision = charts.get(app.metadata.name) ?? world.repository.commit;
    expect(app.status).toMatchObject({ sync: { status: 'Synced', revision }, health: { status: 'Healthy' } });
  }
  const status = await runCli(['status', '--env', 'ryax-dev', '--cwd', world.repository.dir]);
  expect(status.code).toBe(0);
}, 120_000);

test("a destination without the RabbitMQ operators is refused before anything is applied, naming it and the API group to install; Argo CD's cluster need not serve them", async () => {
  const cluster = await world.startCluster('ryax-dev');
  registerDevCluster(cluster);
  for (const kind of RABBITMQ_KINDS) cluster.server.unserve('rabbitmq.com/v1beta1', kind);
  const destination = await startDestinationServer('1.31', RABBITMQ_KINDS);
  try {
    await addContext(cluster, 'ryax-dev', destination);
    const result = await deployDev('--destination-context', 'ryax-dev');
    // As for every failed preflight: the cluster is not ready for the environment (exit 2).
    expect(result.code).toBe(2);
    expect(result.out.split('\n').filter((line) => line.includes('[kinds]'))).toEqual([
      '  [kinds] the cluster https://ryax-dev.example.org:6443 (context ryax-dev) does not serve Binding (rabbitmq.com/v1beta1), Exchange (rabbitmq.com/v1beta1), Queue (rabbitmq.com/v1beta1), RabbitmqCluster (rabbitmq.com/v1beta1): install the API group rabbitmq.com/v1beta1 (a CRD or an aggregated API)',
    ]);
    expect(cluster.server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd')).toEqual([]);
  } finally {
    await destination.stop();
  }
}, 120_000);

test('without a context for the destination, its kinds and version are not checked, and the report says so', async () => {
  const cluster = await world.startCluster('ryax-dev');
  registerDevCluster(cluster);
  // Argo CD's cluster lacks kinds only the destination needs: not asked of it.
  for (const kind of RABBITMQ_KINDS) cluster.server.unserve('rabbitmq.com/v1beta1', kind);
  const result = await deployDev('--dry-run');
  expect(result.code).toBe(0);
  const unchecked =
    'the kinds and the Kubernetes version of https://ryax-dev.example.org:6443, where the environment deploys: --destination-context NAME (a kubeconfig context for it) checks them there';
  expect(result.out).toContain(`not checked: ${unchecked}`);
  // And in the JSON report of a run that went on.
  const json = await deployDev('--dry-run', '--format', 'json');
  expect(JSON.parse(json.out)).toMatchObject({ outcome: 'dry-run', unchecked: [unchecked] });
}, 120_000);

test('a destination Argo CD does not know is refused, naming the clusters it knows', async () => {
  await world.startCluster('ryax-dev');
  const result = await deployDev('--dry-run');
  expect(result.code).toBe(2);
  expect(result.out).toContain(
    '[argocd] Argo CD knows no cluster https://ryax-dev.example.org:6443 (argocd.destinationServer of environments/ryax-dev.yaml; it knows none but its own): register it (argocd cluster add, or a Secret labelled argocd.argoproj.io/secret-type: cluster in argocd)',
  );
}, 120_000);

test("--destination-context is a one-line error for an environment on Argo CD's own cluster, and names itself when the kubeconfig has no such context", async () => {
  const own = (await Promise.all(ENVIRONMENTS.map(loadedReal))).find((loaded) => loaded.env.argocd.destinationServer === 'https://kubernetes.default.svc')!.env
    .name;
  const ownCluster = await runCli(['deploy', '--env', own, '--destination-context', 'x', '--cwd', world.repository.dir]);
  expect(ownCluster.code).toBe(1);
  expect(ownCluster.err).toContain(`--destination-context x: environments/${own}.yaml deploys to Argo CD's own cluster`);
  await world.startCluster('ryax-dev');
  const unknown = await deployDev('--destination-context', 'nowhere', '--dry-run');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain('--destination-context nowhere: the kubeconfig has no such context; it has test');
});

test.each([
  ['unset, on Argo CD 2', null],
  ['label', 'label'],
  ['annotation+label', 'annotation+label'],
])(
  'Argo CD tracking by label (%s) is refused: it would rename the instance label the charts select by',
  async (_case, tracking) => {
    const cluster = await world.startCluster('ryax-dev');
    registerDevCluster(cluster, tracking);
    const result = await deployDev('--dry-run');
    expect(result.code).toBe(2);
    const line = result.out.split('\n').find((text) => text.includes('[argocd] Argo CD tracks by the label'));
    expect(line).toContain('ryax-dev-ryax-traefik (release ryax-traefik)');
    expect(line).toContain(tracking === null ? 'the default of Argo CD v2.14.11' : `application.resourceTrackingMethod: "${tracking}" in argocd-cm`);
    expect(line).toContain('set application.resourceTrackingMethod: annotation in argocd-cm of argocd');
  },
  120_000,
);

test('Argo CD 3 tracks by annotation by default: its charts pass without the key', async () => {
  const cluster = await world.startCluster('ryax-dev');
  registerDevCluster(cluster, null);
  // The same install, upgraded: the controller's version label says 3.
  const controller = cluster.server.getObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'argocd', name: 'argocd-application-controller' })!;
  cluster.server.putObject({
    ...controller,
    metadata: { ...controller.metadata, labels: { ...controller.metadata.labels, 'app.kubernetes.io/version': 'v3.1.8' } },
  });
  const result = await deployDev('--dry-run');
  expect(result.out).toContain('Argo CD v3.1.8');
  expect(result.code).toBe(0);
}, 120_000);

test.each([
  ['an empty tracking method is none: Argo CD 3 tracks by annotation', { 'application.resourceTrackingMethod': '' }],
  [
    'label tracking with another instance label leaves the charts’ alone',
    { 'application.resourceTrackingMethod': 'label', 'application.instanceLabelKey': 'argocd.argoproj.io/instance' },
  ],
])(
  '%s',
  async (_case, data) => {
    const cluster = await world.startCluster('ryax-dev');
    registerDevCluster(cluster, null);
    const controller = cluster.server.getObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'argocd', name: 'argocd-application-controller' })!;
    cluster.server.putObject({
      ...controller,
      metadata: { ...controller.metadata, labels: { ...controller.metadata.labels, 'app.kubernetes.io/version': 'v3.0.4' } },
    });
    const config = cluster.server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' })!;
    cluster.server.putObject({ ...config, data: { ...(config.data as object), ...data } } as never);
    const result = await deployDev('--dry-run');
    expect(result.out).not.toContain('[argocd] Argo CD tracks by the label');
    expect(result.code).toBe(0);
  },
  120_000,
);
