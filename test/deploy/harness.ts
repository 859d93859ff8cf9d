/**
 * The world a deploy test runs in: a copy of this repository's environments rendered and committed
 * into a git checkout whose remote is a local bare repository (the environments' repoURL reaches it
 * through git's `url.<base>.insteadOf`, so the files stay as they are); the strict API server with
 * the kinds the platform's operators serve and Argo CD installed; the simulated Argo CD controller,
 * whose root Application applies generated/<env>/argocd/ as the real one would; and a real OCI
 * registry holding every image the environments run, reached as a mirror of their registries.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { rootApplicationName } from '../../src/synth/argocd-names.js';
import { imagesOf } from '../../src/deploy/images.js';
import { parseImageReference } from '../../src/deploy/registry.js';
import { ArgoCdController, installArgoCd, type Outcome, type OutcomeName } from '../services/argocd-controller.js';
import { KubeApiServer, type KubeObject, type ServedResource } from '../services/kube-api-server.js';
import { startTestRegistry } from '../services/registry.js';
import { loadedReal, renderReal, runCli, temporaryRepository } from '../helpers.js';

/** What the operators the platform needs serve, beyond DEFAULT_RESOURCES (Kubernetes, Argo CD, Argo Workflows). */
export const OPERATOR_RESOURCES: readonly ServedResource[] = [
  { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret', plural: 'externalsecrets', namespaced: true },
  { group: 'kafka.strimzi.io', version: 'v1', kind: 'KafkaTopic', plural: 'kafkatopics', namespaced: true },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', plural: 'servicemonitors', namespaced: true },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PrometheusRule', plural: 'prometheusrules', namespaced: true },
  { group: 'grafana.integreatly.org', version: 'v1beta1', kind: 'GrafanaDashboard', plural: 'grafanadashboards', namespaced: true },
  { group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, statusSubresource: true },
  { group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true },
  // Ryax's: Traefik, cert-manager and the RabbitMQ operators.
  { group: 'traefik.io', version: 'v1alpha1', kind: 'Middleware', plural: 'middlewares', namespaced: true },
  { group: 'cert-manager.io', version: 'v1', kind: 'Certificate', plural: 'certificates', namespaced: true },
  { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer', plural: 'clusterissuers', namespaced: false },
  { group: 'rabbitmq.com', version: 'v1beta1', kind: 'RabbitmqCluster', plural: 'rabbitmqclusters', namespaced: true },
  { group: 'rabbitmq.com', version: 'v1beta1', kind: 'Exchange', plural: 'exchanges', namespaced: true },
  { group: 'rabbitmq.com', version: 'v1beta1', kind: 'Queue', plural: 'queues', namespaced: true },
  { group: 'rabbitmq.com', version: 'v1beta1', kind: 'Binding', plural: 'bindings', namespaced: true },
];

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' },
  }).trim();

export interface DeployRepository {
  readonly dir: string;
  readonly remote: string;
  /** The commit the remote's main is at: what every Application must reach. */
  commit: string;
  /** deploy's options that check images at the test registry (or skip the check when there is none). */
  readonly imageArgs: readonly string[];
  /** Commits what changed in the checkout (a new commit even when nothing did) and pushes it; returns the new commit. */
  readonly commitAndPush: (message: string) => string;
  readonly remove: () => Promise<void>;
}

/** The checkout, its remote and the registry, for `environments` (rendered with synth), once per test file. */
export async function createDeployRepository(
  environments: readonly string[],
  options: { leaveOutImage?: string; images?: boolean } = {},
): Promise<DeployRepository> {
  const repository = await temporaryRepository();
  const dir = repository.dir;
  const synth = await runCli(['synth', ...environments.flatMap((env) => ['--env', env]), '--cwd', dir]);
  if (synth.code !== 0) throw new Error(`synth failed: ${synth.err}`);
  const remote = `${dir}.remote.git`;
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'environments');
  git(path.dirname(dir), 'clone', '-q', '--bare', dir, remote);
  git(dir, 'remote', 'add', 'origin', remote);
  const repoURLs = new Set(await Promise.all(environments.map(async (env) => (await loadedReal(env)).env.argocd.repoURL)));
  for (const url of repoURLs) git(dir, 'config', '--add', `url.${remote}.insteadOf`, url);

  const registry = options.images === false ? undefined : await startTestRegistry();
  const hosts = new Set<string>();
  for (const env of registry === undefined ? [] : environments) {
    for (const reference of imagesOf(await renderReal(env))) {
      if (reference.includes('{{') || reference === options.leaveOutImage) continue;
      const image = parseImageReference(reference);
      hosts.add(image.registry);
      await registry!.push(image.repository, image.tag ?? 'latest');
    }
  }
  const imageArgs =
    registry === undefined
      ? ['--skip-image-check']
      : [...[...hosts].flatMap((host) => ['--registry-mirror', `${host}=${registry.host}`]), '--insecure-registry', registry.host];
  const world: DeployRepository = {
    dir,
    remote,
    commit: git(dir, 'rev-parse', 'HEAD'),
    imageArgs,
    commitAndPush: (message) => {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', message);
      git(dir, 'push', '-q', 'origin', 'main');
      world.commit = git(dir, 'rev-parse', 'HEAD');
      return world.commit;
    },
    remove: async () => {
      await registry?.stop();
      await repository.remove();
      await rm(remote, { recursive: true, force: true });
    },
  };
  return world;
}

export interface TestCluster {
  readonly server: KubeApiServer;
  readonly controller: ArgoCdController;
  /** The kubeconfig file KUBECONFIG names while the cluster runs. */
  readonly kubeconfig: string;
  readonly stop: () => Promise<void>;
}

/** The Argo CD folder of an environment as the checkout holds it: what the root Application applies. */
async function argocdFolder(repository: DeployRepository, env: string): Promise<KubeObject[]> {
  const folder = path.join(repository.dir, 'generated', env, 'argocd');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (file) => parseYaml(await readFile(path.join(folder, file), 'utf8')) as KubeObject));
}

/**
 * A cluster with the operators' kinds and Argo CD, its controller running, and KUBECONFIG pointing
 * at it. Each Application deploys the simulation's default Deployment, except the roots, which apply
 * their environment's Argo CD folder.
 */
export async function startTestCluster(
  repository: DeployRepository,
  env: string,
  options: { outcomes?: Readonly<Record<string, OutcomeName | Outcome>>; syncDelayMs?: number; token?: string; kubernetesVersion?: string } = {},
): Promise<TestCluster> {
  const environment = (await loadedReal(env)).env;
  const server = new KubeApiServer({ gitVersion: `v${options.kubernetesVersion ?? environment.kubernetesVersion}.4` });
  for (const resource of OPERATOR_RESOURCES)
    if (!server.served().some((served) => served.group === resource.group && served.kind === resource.kind)) server.serve(resource);
  await server.start();
  installArgoCd(server, { namespace: environment.argocd.namespace });
  const root = rootApplicationName(environment);
  const rootObjects = await argocdFolder(repository, env);
  const controller = new ArgoCdController({
    server,
    namespace: environment.argocd.namespace,
    // The branch resolves to wherever the remote's main is now; a commit id to itself.
    revisions: (source) => (source.targetRevision === environment.argocd.targetRevision ? repository.commit : undefined),
    syncDelayMs: options.syncDelayMs ?? 50,
    outcomes: options.outcomes ?? {},
    manifests: (application) => (application.metadata.name === root ? rootObjects : undefined),
  });
  controller.start();
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-kubeconfig-'));
  const kubeconfig = path.join(dir, 'config');
  await writeFile(kubeconfig, server.kubeConfigYaml(options.token === undefined ? {} : { token: options.token }));
  const previous = process.env.KUBECONFIG;
  process.env.KUBECONFIG = kubeconfig;
  return {
    server,
    controller,
    kubeconfig,
    stop: async () => {
      controller.stop();
      await server.stop();
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
      await rm(dir, { recursive: true, force: true });
      if (controller.errors.length > 0) throw new Error(`the simulated controller failed: ${String(controller.errors[0])}`);
    },
  };
}

/**
 * A second context in the cluster's kubeconfig, `name`, reaching `server` (another API server, or the
 * cluster's own): a cluster an environment deploys to that is not Argo CD's.
 */
export async function addContext(cluster: TestCluster, name: string, server: KubeApiServer): Promise<void> {
  const config = parseYaml(await readFile(cluster.kubeconfig, 'utf8')) as {
    clusters: { name: string }[];
    users: { name: string }[];
    contexts: { name: string }[];
  };
  const other = parseYaml(server.kubeConfigYaml()) as typeof config;
  config.clusters.push({ ...other.clusters[0]!, name });
  config.users.push({ ...other.users[0]!, name });
  config.contexts.push({ name, context: { cluster: name, user: name } } as never);
  await writeFile(cluster.kubeconfig, stringifyYaml(config));
}

/** An API server with the kinds the platforms' operators serve but `without`: a destination cluster of the preflight's. */
export async function startDestinationServer(kubernetesVersion: string, without: readonly string[] = []): Promise<KubeApiServer> {
  const server = new KubeApiServer({ gitVersion: `v${kubernetesVersion}.4` });
  for (const resource of OPERATOR_RESOURCES) {
    if (without.includes(resource.kind) || server.served().some((served) => served.group === resource.group && served.kind === resource.kind)) continue;
    server.serve(resource);
  }
  await server.start();
  return server;
}

export interface DeployTestWorld {
  /** The file's repository, made before its first test. */
  readonly repository: DeployRepository;
  /** A cluster for this test (on the file's repository unless another is given), stopped after it. */
  readonly startCluster: (env: string, options?: Parameters<typeof startTestCluster>[2] & { repository?: DeployRepository }) => Promise<TestCluster>;
}

/** Registers a test file's hooks: one repository for the file, and every cluster a test starts stopped after that test. */
export function deployTestWorld(environments: readonly string[], options: Parameters<typeof createDeployRepository>[1] = {}): DeployTestWorld {
  let repository: DeployRepository | undefined;
  const clusters: TestCluster[] = [];
  beforeAll(async () => {
    repository = await createDeployRepository(environments, options);
  }, 120_000);
  afterAll(async () => {
    await repository?.remove();
  });
  afterEach(async () => {
    // Last started first: each puts back the KUBECONFIG the one before it found.
    for (const cluster of clusters.splice(0).reverse()) await cluster.stop();
  });
  return {
    get repository() {
      if (repository === undefined) throw new Error('the deploy test world is made in beforeAll');
      return repository;
    },
    startCluster: async (env, clusterOptions = {}) => {
      const cluster = await startTestCluster(clusterOptions.repository ?? repository!, env, clusterOptions);
      clusters.push(cluster);
      return cluster;
    },
  };
}
