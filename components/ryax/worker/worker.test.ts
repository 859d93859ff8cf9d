/**
 * A Ryax worker as rendered from its environment file, a site's or an engine's that declares its own
 * site: the worker's site configuration is the site the file declares; the worker runs as the chart's
 * services do, reads its database, the engine's broker and filestore and the pull credentials by the
 * names its contract gives, each a Secret of its namespace with that key, may deploy only into the
 * executions namespace and read the nodes. A site's Applications deploy to its own cluster; an engine's
 * worker keeps its data in a database of the engine's datastore and takes the actions' reports only.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { App } from 'cdk8s';
import { ProblemsError } from '../../../src/errors.js';
import { namespaceOf } from '../../../src/config/environment.js';
import { parseEnvironment } from '../../../src/config/load.js';
import { PlatformChart } from '../../../src/platform/chart.js';
import { namespacesNamed } from '../../../src/platform/network-policy.js';
import { ENVIRONMENTS, loadedReal, manifestsOf, renderReal } from '../../../test/helpers.js';
import { RYAX_WORKER } from '../../../platforms/ryax-worker/platform.js';
import type { SiteEnvironment } from './environment.js';
import { Worker, type WorkerEnvironment } from './index.js';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { installs } from '../shared/stacks.js';
import { lokiAddress } from '../stacks/loki.js';

type Manifest = ReturnType<typeof manifestsOf>[number] & { spec?: any; data?: any; rules?: any };

const LOADED = await Promise.all(ENVIRONMENTS.map(loadedReal));
const SITES = LOADED.filter((loaded) => loaded.platform.name === 'ryax-worker').map((loaded) => loaded.env.name);
/** The engines whose own cluster is a site too. */
const ENGINE_SITES = LOADED.filter((loaded) => loaded.platform.name === 'ryax' && (loaded.env as WorkerEnvironment).site !== undefined).map(
  (loaded) => loaded.env.name,
);

test('there is a site, and an engine that is a site, to test', () => {
  expect(SITES.length).toBeGreaterThan(0);
  expect(ENGINE_SITES.length).toBeGreaterThan(0);
});

/** An environment's manifests, and the one `kind` named `name` (in `namespace` where given). */
function rendered(name: string) {
  const state = { manifests: [] as Manifest[] };
  beforeAll(async () => {
    state.manifests = manifestsOf(await renderReal(name)) as Manifest[];
  });
  const find = (kind: string, object: string, namespace?: string) =>
    state.manifests.find((m) => m.kind === kind && m.metadata.name === object && (namespace === undefined || m.metadata.namespace === namespace))!;
  return { state, find };
}

describe.each([...SITES, ...ENGINE_SITES])('%s: the worker', (name) => {
  const { state, find } = rendered(name);
  let env: WorkerEnvironment;
  let namespace: string;
  beforeAll(async () => {
    env = (await loadedReal(name)).env as WorkerEnvironment;
    namespace = find('Deployment', 'ryax-worker').metadata.namespace!;
  });

  test('the site configuration is the site its file declares, its actions in the executions namespace', () => {
    const config = parse(find('ConfigMap', 'ryax-worker-config').data['config.yaml']);
    expect(config.site).toMatchObject({
      id: env.site!.id,
      name: env.site!.name,
      type: 'KUBERNETES',
      spec: { namespace: namespaceOf<string>(env, 'executions') },
    });
    expect(config.site.spec.nodePools).toEqual(env.site!.nodePools);
  });

  test('the worker: one, recreated, as uid 1200, its database migrated first, reading what its contract names', () => {
    const deployment = find('Deployment', 'ryax-worker');
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1200, fsGroup: 1200 });
    expect(pod.initContainers.map((init: any) => init.command)).toEqual([['ryax-worker-update-db']]);
    // The migration is given the site configuration RYAX_CONFIG names, as the service is.
    expect(pod.initContainers[0].volumeMounts).toContainEqual({ name: 'site-config', mountPath: '/data/config', readOnly: true });
    const variables = Object.fromEntries(pod.containers[0].env.map((variable: any) => [variable.name, variable.value ?? variable.valueFrom]));
    expect(variables).toMatchObject({
      RYAX_WORKER_DATABASE_URL: { secretKeyRef: { name: 'ryax-datastore-secret', key: 'datastore-worker' } },
      RYAX_BROKER: { secretKeyRef: { name: 'ryax-broker-secret', key: 'broker' } },
      RYAX_FILESTORE: { secretKeyRef: { name: 'ryax-minio-secret', key: 'filestore' } },
      RYAX_ACTIONS_PULL_SECRET: 'ryax-registry-creds-secret',
      RYAX_CONFIG: '/data/config/config.yaml',
      RYAX_INTELLISCALE_ENABLED: '',
      RYAX_INTELLISCALE_SVC_HOST: 'ryax-worker-intelliscale',
      RYAX_INTELLISCALE_SVC_PORT: '8326',
    });
    // The actions' logs, where the environment installs the logs stack, queried as often as the chart does.
    if (installs(env, 'logs')) expect(variables).toMatchObject({ RYAX_LOKI_API_URL: lokiAddress(env), RYAX_LOKI_QUERY_INTERVAL_IN_SECONDS: '5' });
    else expect(variables).not.toHaveProperty('RYAX_LOKI_API_URL');
    expect(pod.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'site-config', mountPath: '/data/config', readOnly: true },
        { name: 'registry-credentials', mountPath: '/home/ryax/.docker', readOnly: true },
      ]),
    );
    // Each Secret it reads is in its namespace, with the key.
    for (const { secretKeyRef } of Object.values(variables).filter((value: any) => value?.secretKeyRef !== undefined) as any[]) {
      const secret = find('ExternalSecret', secretKeyRef.name, namespace);
      const keys = [...(secret.spec.data ?? []).map((item: any) => item.secretKey), ...Object.keys(secret.spec.target?.template?.data ?? {})];
      expect(keys).toContain(secretKeyRef.key);
    }
    // Its database is the datastore's beside it: its URL made from the parts the store holds.
    const database = find('ExternalSecret', 'ryax-datastore-secret', namespace);
    expect(database.spec.target.template.data['datastore-worker']).toMatch(/^postgresql:\/\/.*@ryax-datastore\//);
    expect(find('StatefulSet', 'ryax-datastore').metadata.namespace).toBe(namespace);
    expect(find('ExternalSecret', 'ryax-registry-creds-secret', namespace)).toBeDefined();
  });

  test('it may deploy into the executions namespace only, and read the nodes and namespaces', () => {
    const roles = state.manifests.filter((m) => m.kind === 'Role' && m.metadata.name.startsWith('ryax-worker-'));
    expect(roles.length).toBeGreaterThan(0);
    expect(new Set(roles.map((role) => role.metadata.namespace))).toEqual(new Set([namespaceOf<string>(env, 'executions')]));
    const clusterRoles = state.manifests.filter((m) => m.kind === 'ClusterRole' && m.metadata.name.startsWith('ryax-worker-'));
    expect(clusterRoles.map((role) => role.rules)).toEqual([
      [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      ],
    ]);
  });
});

describe.each(SITES)('%s: a site of its own cluster', (name) => {
  const { state } = rendered(name);
  let env: SiteEnvironment;
  beforeAll(async () => {
    env = (await loadedReal(name)).env as SiteEnvironment;
  });

  test("its actions' images are pulled from the engine's registry with the site's credentials", () => {
    const credentials = state.manifests.filter((m) => m.kind === 'ExternalSecret' && m.metadata.name === 'ryax-registry-creds-secret');
    expect(credentials.map((m) => m.metadata.namespace).sort()).toEqual([namespaceOf(env, 'worker'), namespaceOf(env, 'executions')].sort());
    // A template until external-secrets renders it: the registries are its `"<address>":{"auth":` entries.
    for (const secret of credentials) {
      const registries = [...(secret.spec.target.template.data['.dockerconfigjson'] as string).matchAll(/"([^"]+)":\{"auth"/g)].map((match) => match[1]);
      expect(registries).toEqual([`registry.${env.engine.host}`]);
    }
  });

  test("its Applications deploy to the site's cluster, from an app-of-apps of its own", () => {
    const applications = state.manifests.filter((m) => m.kind === 'Application' && m.metadata.name !== `${name}-ryax-worker-apps`);
    expect(applications.length).toBeGreaterThan(0);
    for (const application of applications) expect(application.spec.destination.server).toBe(env.argocd.destinationServer);
  });
});

describe.each(ENGINE_SITES)('%s: an engine whose cluster is a site too', (name) => {
  const { state, find } = rendered(name);
  let env: WorkerEnvironment;
  beforeAll(async () => {
    env = (await loadedReal(name)).env as WorkerEnvironment;
  });

  test("the worker's database is made sure of with the services' ones, from the keys the Secret fetches", () => {
    const job = find('Job', 'ryax-datastore-databases');
    const variables = Object.fromEntries(
      job.spec.template.spec.containers[0].env.map((variable: any) => [variable.name, variable.valueFrom?.secretKeyRef?.key]),
    );
    expect(variables).toMatchObject({
      RYAX_DATASTORE_WORKER_USER: 'datastore-worker-user',
      RYAX_DATASTORE_WORKER_PASS: 'datastore-worker-pass',
      RYAX_DATASTORE_WORKER_DB: 'datastore-worker-db',
    });
    expect(find('ConfigMap', 'ryax-datastore-databases').data['databases.sql']).toContain('\\getenv database RYAX_DATASTORE_WORKER_DB');
    const fetched = find('ExternalSecret', 'ryax-datastore-secret').spec.data.map((item: any) => item.remoteRef.property);
    expect(fetched).toEqual(expect.arrayContaining(['datastore-worker-user', 'datastore-worker-pass', 'datastore-worker-db']));
  });

  test("the actions reach the worker's API and nothing else of the services' namespace", () => {
    const WORKER_PODS = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['ryax-worker'] }] };
    const [services, executions] = [namespaceOf<string>(env, 'services'), namespaceOf<string>(env, 'executions')];
    const ingress = find('NetworkPolicy', 'allow-actions-to-worker-ingress', services);
    expect(ingress.spec).toEqual({
      podSelector: WORKER_PODS,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: namespacesNamed([executions]) }], ports: [{ port: 8880, protocol: 'TCP' }] }],
    });
    const egress = find('NetworkPolicy', 'allow-actions-to-worker-egress', executions);
    expect(egress.spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: namespacesNamed([services]),
            podSelector: WORKER_PODS,
          },
        ],
        ports: [{ port: 8880, protocol: 'TCP' }],
      },
    ]);
    // Every other flow from the actions into the services' namespace stays the broker's and the filestore's.
    const into = state.manifests.filter(
      (m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === services && JSON.stringify(m.spec.ingress ?? []).includes(`"${executions}"`),
    );
    expect(into.map((m) => m.metadata.name).sort()).toEqual(['allow-actions-to-worker-ingress', 'allow-backbone-ingress']);
  });
});

test('an engine without a site has no worker, and may not switch one on', async () => {
  const text = readFileSync(`environments/${ENGINE_SITES[0]}.yaml`, 'utf8').replace(/^site:\n( {2}.*\n|\n(?= ))+/m, '');
  const env = parseEnvironment(RYAX, 'unit', 'unit.yaml', text);
  expect((env as WorkerEnvironment).site).toBeUndefined();
  const withWorker = text.replace(/^components:\n/m, 'components:\n  worker: { enabled: true }\n');
  expect(() => parseEnvironment(RYAX, 'unit', 'unit.yaml', withWorker)).toThrow(ProblemsError);
  try {
    parseEnvironment(RYAX, 'unit', 'unit.yaml', withWorker);
  } catch (error) {
    expect((error as ProblemsError).problems.map((problem) => `${problem.keyPath}: ${problem.message}`)).toEqual([
      "components.worker.enabled: is true, but the environment declares no site: the worker is configured with the site's id and node pools from the Ryax UI; add `site:` (id, name, nodePools)",
    ]);
  }
});

test("a site's node pools each have their own id and name", () => {
  const file = `environments/${SITES[0]}.yaml`;
  const text = readFileSync(file, 'utf8');
  const pools = /(\n {4}- id: (NodePool-[^\n]+)\n {6}name: ([^\n]+))/g;
  const [first, second] = [...text.matchAll(pools)];
  const copied = text.replace(second![1]!, `\n    - id: ${first![2]}\n      name: ${first![3]}`);
  try {
    parseEnvironment(RYAX_WORKER, 'unit', file, copied);
    throw new Error('accepted');
  } catch (error) {
    if (!(error instanceof ProblemsError)) throw error;
    expect(error.problems.map((problem) => `${problem.keyPath}: ${problem.message}`)).toEqual([
      `site.nodePools[1].id: "${first![2]}" is also the id of site.nodePools[0]; each pool has its own`,
      `site.nodePools[1].name: "${first![3]}" is also the name of site.nodePools[0]; each pool has its own`,
    ]);
  }
});

test('a site has one worker', async () => {
  const env = (await loadedReal(SITES[0]!)).env as SiteEnvironment;
  const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'worker' });
  expect(() => new Worker(chart, 'Worker', { env, namespace: 'ryaxns', replicas: 2 })).toThrow(
    'Worker: replicas is 2, but a site has one worker (two would both register it); use 1',
  );
});
