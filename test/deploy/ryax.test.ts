/**
 * deploy and status on a Ryax environment, against the local API server that answers as a cluster with
 * Argo CD does: the same bootstrap and wave-by-wave wait as Thoth's, for the other platform's
 * Applications (namespaces, the Traefik chart, backbone, services, monitoring), to a cluster of the
 * environment's own.
 */
import { APPLICATION } from '../../src/deploy/applications.js';
import { TRAEFIK_CHART } from '../../components/ryax/stacks/traefik.js';
import { runCli } from '../helpers.js';
import { deployTestWorld } from './harness.js';

const world = deployTestWorld(['ryax-dev']);

/** ryax-dev deploys to a cluster of its own: Argo CD knows it from a cluster Secret. */
function registerDevCluster(cluster: Awaited<ReturnType<typeof world.startCluster>>): void {
  cluster.server.putObject({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ryax-dev-cluster', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
    data: { name: Buffer.from('ryax-dev').toString('base64'), server: Buffer.from('https://ryax-dev.example.org:6443').toString('base64') },
  } as never);
}

test('deploy --env ryax-dev: preflight, bootstrap, every wave waited for; status then says it is synced and healthy', async () => {
  const cluster = await world.startCluster('ryax-dev');
  registerDevCluster(cluster);
  const result = await runCli(['deploy', '--env', 'ryax-dev', '--cwd', world.repository.dir, ...world.repository.imageArgs, '--format', 'json']);
  expect(result.err).toMatch(/preflight passed/);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.out);
  expect(report).toMatchObject({ environment: 'ryax-dev', outcome: 'done', expected: world.repository.commit });
  const apps = cluster.server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd');
  expect(apps.map((app) => app.metadata.name).sort()).toEqual(
    ['apps', 'backbone', 'monitoring', 'namespaces', 'services', 'traefik'].map((application) => `ryax-dev-ryax-${application}`),
  );
  // Traefik's chart is synced at its version, the rest at the commit.
  for (const app of apps) {
    const revision = app.metadata.name === 'ryax-dev-ryax-traefik' ? TRAEFIK_CHART.version : world.repository.commit;
    expect(app.status).toMatchObject({ sync: { status: 'Synced', revision }, health: { status: 'Healthy' } });
  }
  const status = await runCli(['status', '--env', 'ryax-dev', '--cwd', world.repository.dir]);
  expect(status.code).toBe(0);
}, 120_000);

test('a cluster without the RabbitMQ operators is refused before anything is applied, naming the API group to install', async () => {
  const cluster = await world.startCluster('ryax-dev');
  for (const kind of ['RabbitmqCluster', 'Exchange', 'Queue', 'Binding']) cluster.server.unserve('rabbitmq.com/v1beta1', kind);
  const result = await runCli(['deploy', '--env', 'ryax-dev', '--cwd', world.repository.dir, ...world.repository.imageArgs]);
  // As for every failed preflight: the cluster is not ready for the environment (exit 2).
  expect(result.code).toBe(2);
  expect(result.out).toContain(
    '[kinds] the cluster does not serve Binding (rabbitmq.com/v1beta1), Exchange (rabbitmq.com/v1beta1), Queue (rabbitmq.com/v1beta1), RabbitmqCluster (rabbitmq.com/v1beta1): install the API group rabbitmq.com/v1beta1',
  );
  expect(cluster.server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, 'argocd')).toEqual([]);
}, 120_000);
