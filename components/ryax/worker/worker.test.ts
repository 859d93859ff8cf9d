/**
 * A Ryax site as rendered from its environment file: the worker's site configuration is the site the
 * file declares; the worker runs as the chart's services do, reads its database, the engine's broker
 * and filestore and the pull credentials by the names its contract gives, may deploy only into the
 * executions namespace and read the nodes; the site's Applications deploy to its own cluster.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { App } from 'cdk8s';
import { ProblemsError } from '../../../src/errors.js';
import { namespaceOf } from '../../../src/config/environment.js';
import { parseEnvironment } from '../../../src/config/load.js';
import { PlatformChart } from '../../../src/platform/chart.js';
import { ENVIRONMENTS, loadedReal, manifestsOf, renderReal } from '../../../test/helpers.js';
import { RYAX_WORKER } from '../../../platforms/ryax-worker/platform.js';
import type { SiteEnvironment } from './environment.js';
import { Worker } from './index.js';

type Manifest = ReturnType<typeof manifestsOf>[number] & { spec?: any; data?: any; rules?: any };

const SITES = (await Promise.all(ENVIRONMENTS.map(loadedReal))).filter((loaded) => loaded.platform.name === 'ryax-worker').map((loaded) => loaded.env.name);

test('there is a site to test', () => expect(SITES.length).toBeGreaterThan(0));

describe.each(SITES)('%s', (name) => {
  let manifests: Manifest[];
  let env: SiteEnvironment;
  beforeAll(async () => {
    manifests = manifestsOf(await renderReal(name)) as Manifest[];
    env = (await loadedReal(name)).env as SiteEnvironment;
  });
  const find = (kind: string, object: string) => manifests.find((m) => m.kind === kind && m.metadata.name === object)!;

  test('the site configuration is the site its file declares, its actions in the executions namespace', () => {
    const config = parse(find('ConfigMap', 'ryax-worker-config').data['config.yaml']);
    expect(config.site).toMatchObject({ id: env.site.id, name: env.site.name, type: 'KUBERNETES', spec: { namespace: namespaceOf(env, 'executions') } });
    expect(config.site.spec.nodePools).toEqual(env.site.nodePools);
  });

  test('the worker: one, recreated, as uid 1200, its database migrated first, reading what its contract names', () => {
    const deployment = find('Deployment', 'ryax-worker');
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1200, fsGroup: 1200 });
    expect(pod.initContainers.map((init: any) => init.command)).toEqual([['ryax-worker-update-db']]);
    const variables = Object.fromEntries(pod.containers[0].env.map((variable: any) => [variable.name, variable.value ?? variable.valueFrom]));
    expect(variables).toMatchObject({
      RYAX_WORKER_DATABASE_URL: { secretKeyRef: { name: 'ryax-datastore-secret', key: 'datastore-worker' } },
      RYAX_BROKER: { secretKeyRef: { name: 'ryax-broker-secret', key: 'broker' } },
      RYAX_FILESTORE: { secretKeyRef: { name: 'ryax-minio-secret', key: 'filestore' } },
      RYAX_ACTIONS_PULL_SECRET: 'ryax-registry-creds-secret',
      RYAX_CONFIG: '/data/config/config.yaml',
      RYAX_INTELLISCALE_ENABLED: '',
    });
    expect(pod.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'site-config', mountPath: '/data/config', readOnly: true },
        { name: 'registry-credentials', mountPath: '/home/ryax/.docker', readOnly: true },
      ]),
    );
    // The database it reads is the site's own: its URL made from the parts the store holds.
    const database = find('ExternalSecret', 'ryax-datastore-secret');
    expect(database.spec.target.template.data['datastore-worker']).toMatch(/^postgresql:\/\/.*@ryax-datastore\//);
    expect(find('StatefulSet', 'ryax-datastore').metadata.namespace).toBe(namespaceOf(env, 'worker'));
  });

  test('it may deploy into the executions namespace only, and read the nodes and namespaces', () => {
    const roles = manifests.filter((m) => m.kind === 'Role');
    expect(new Set(roles.map((role) => role.metadata.namespace))).toEqual(new Set([namespaceOf(env, 'executions')]));
    const clusterRoles = manifests.filter((m) => m.kind === 'ClusterRole');
    expect(clusterRoles.map((role) => role.rules)).toEqual([
      [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      ],
    ]);
  });

  test("its actions' images are pulled from the engine's registry with the site's credentials", () => {
    const credentials = manifests.filter((m) => m.kind === 'ExternalSecret' && m.metadata.name === 'ryax-registry-creds-secret');
    expect(credentials.map((m) => m.metadata.namespace).sort()).toEqual([namespaceOf(env, 'worker'), namespaceOf(env, 'executions')].sort());
    // A template until external-secrets renders it: the registries are its `"<address>":{"auth":` entries.
    for (const secret of credentials) {
      const registries = [...(secret.spec.target.template.data['.dockerconfigjson'] as string).matchAll(/"([^"]+)":\{"auth"/g)].map((match) => match[1]);
      expect(registries).toEqual([`registry.${env.engine.host}`]);
    }
  });

  test("its Applications deploy to the site's cluster, from an app-of-apps of its own", () => {
    const applications = manifests.filter((m) => m.kind === 'Application' && m.metadata.name !== `${name}-ryax-worker-apps`);
    expect(applications.length).toBeGreaterThan(0);
    for (const application of applications) expect(application.spec.destination.server).toBe(env.argocd.destinationServer);
  });
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
