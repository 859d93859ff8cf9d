/**
 * The Ryax environments as rendered: every route of the chart's path map (ryax-inventory.md §5) under
 * the environment's host, prefixes stripped where the chart strips them; TLS by the host's
 * certificate and an HTTPS redirect where the environment has Let's Encrypt, none where it has not;
 * the runner publishing actions' routes in the executions namespace only; and the environment rule
 * that ties the issuer rendered to the one the routes name.
 */
import { ProblemsError } from '../../src/errors.js';
import { parseEnvironment } from '../../src/config/load.js';
import { ENVIRONMENTS, loadedReal, manifestsOf, renderReal } from '../../test/helpers.js';
import { podsOf } from '../../src/validate/workload-policy.js';
import { RYAX } from '../../platforms/ryax/platform.js';
import type { RyaxEnvironment } from './shared/environment.js';
import { readFileSync } from 'node:fs';

type Manifest = ReturnType<typeof manifestsOf>[number] & { spec?: any };

/** Each route as `path match → service:port`, with `(stripped)` where a Middleware of its Ingress strips the path. */
function routeTable(manifests: readonly Manifest[]): string[] {
  const stripped = new Map<string, string[]>();
  for (const middleware of manifests.filter((m) => m.kind === 'Middleware' && m.spec?.stripPrefix !== undefined)) {
    stripped.set(`${middleware.metadata.namespace}-${middleware.metadata.name}@kubernetescrd`, middleware.spec.stripPrefix.prefixes);
  }
  return (
    manifests
      // The Ingresses that serve (not those that only redirect plain HTTP to them).
      .filter((m) => m.kind === 'Ingress' && m.metadata.annotations?.['traefik.ingress.kubernetes.io/router.entrypoints'] !== 'web')
      .flatMap((ingress) => {
        const middlewares = (ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares'] ?? '').split(',');
        const strips = middlewares.flatMap((name: string) => stripped.get(name) ?? []);
        return ingress.spec.rules.flatMap((rule: any) =>
          rule.http.paths.map(
            (path: any) =>
              `${rule.host}${path.path} ${path.pathType} → ${path.backend.service.name}:${path.backend.service.port.number}${strips.includes(path.path) ? ' (stripped)' : ''}`,
          ),
        );
      })
      .sort()
  );
}

describe.each([
  ['ryax-dev', 'ryax-dev.example.org', false],
  ['ryax-prod', 'ryax.example.org', true],
] as const)('%s', (name, host, tls) => {
  test("serves the chart's path map under its host", async () => {
    const manifests = manifestsOf(await renderReal(name)) as Manifest[];
    expect(routeTable(manifests)).toEqual(
      [
        `${host}/ Exact → ryax-front:80`,
        `${host}/app Prefix → ryax-front:80 (stripped)`,
        `${host}/authorization Prefix → ryax-authorization:8080 (stripped)`,
        `${host}/api/authorization Prefix → ryax-authorization:8080 (stripped)`,
        `${host}/runner Prefix → ryax-runner:8080 (stripped)`,
        `${host}/api/runner Prefix → ryax-runner:8080 (stripped)`,
        `${host}/user-api Prefix → ryax-runner:10080`,
        `${host}/studio Prefix → ryax-studio:8080 (stripped)`,
        `${host}/api/studio Prefix → ryax-studio:8080 (stripped)`,
        `${host}/repository Prefix → ryax-repository:8080 (stripped)`,
        `${host}/api/repository Prefix → ryax-repository:8080 (stripped)`,
        // With TLS the nodes pull the actions' images from the registry's own host, without from its NodePort.
        ...(tls ? [`registry.${host}/ Prefix → ryax-registry:5000`] : []),
      ].sort(),
    );
    // Every route reaches a Service port of that name.
    const services = new Map(manifests.filter((m) => m.kind === 'Service').map((m) => [m.metadata.name, m.spec.ports.map((port: any) => port.port)]));
    for (const route of routeTable(manifests)) {
      const [, service, port] = /→ ([\w-]+):(\d+)/.exec(route)!;
      expect({ route, ports: services.get(service!) }).toEqual({ route, ports: expect.arrayContaining([Number(port)]) });
    }
  });

  test(tls ? "serves the host's certificate and redirects HTTP to HTTPS" : 'serves plain HTTP: no certificate, no redirect', async () => {
    const manifests = manifestsOf(await renderReal(name)) as Manifest[];
    const ingresses = manifests.filter((m) => m.kind === 'Ingress');
    const redirects = manifests.filter((m) => m.kind === 'Middleware' && m.spec?.redirectScheme !== undefined);
    if (!tls) {
      expect([ingresses.flatMap((i) => i.spec.tls ?? []), redirects, manifests.filter((m) => ['Certificate', 'ClusterIssuer'].includes(m.kind))]).toEqual([
        [],
        [],
        [],
      ]);
      return;
    }
    const entrypoint = (ingress: Manifest) => ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.entrypoints'];
    const serving = ingresses.filter((ingress) => entrypoint(ingress) === 'websecure');
    const redirecting = ingresses.filter((ingress) => entrypoint(ingress) === 'web');
    expect(serving.length).toBe(6);
    const certificates = new Map([
      [host, 'ryax-tls'],
      [`registry.${host}`, 'ryax-registry-tls'],
    ]);
    for (const ingress of serving) {
      const served = ingress.spec.rules[0].host;
      expect(ingress.spec.tls).toEqual([{ hosts: [served], secretName: certificates.get(served) }]);
      expect(ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares'] ?? '').not.toContain('https-redirect');
      // Its plain-HTTP twin: the same paths, no TLS, only the redirect.
      const twin = redirecting.find((other) => other.metadata.name === `${ingress.metadata.name}-http`)!;
      expect(twin.spec.tls).toBeUndefined();
      expect(twin.spec.rules).toEqual(ingress.spec.rules);
      expect(twin.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares']).toBe(
        `${ingress.metadata.namespace}-${ingress.metadata.name}-https-redirect@kubernetescrd`,
      );
    }
    expect(redirects.map((m) => m.spec.redirectScheme)).toEqual(serving.map(() => ({ scheme: 'https', permanent: true })));
    expect(manifests.filter((m) => m.kind === 'Certificate').map((m) => m.spec)).toEqual(
      expect.arrayContaining(
        [...certificates].map(([dnsName, secretName]) => ({
          secretName,
          dnsNames: [dnsName],
          issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-production' },
        })),
      ),
    );
    expect(manifests.filter((m) => m.kind === 'Certificate')).toHaveLength(certificates.size);
    const issuer = manifests.find((m) => m.kind === 'ClusterIssuer')!;
    expect(issuer.metadata.name).toBe('letsencrypt-production');
    expect(issuer.spec.acme).toMatchObject({
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }],
    });
  });

  test("the runner may publish routes in the executions namespace, the registry's nightly restart delete its one pod, and nothing else anywhere", async () => {
    // The worker's, where the environment runs its own site's, are its test's (worker/worker.test.ts).
    const manifests = (manifestsOf(await renderReal(name)) as Manifest[]).filter((m) => !m.metadata.name.startsWith('ryax-worker-'));
    expect(manifests.filter((m) => m.kind === 'ClusterRole' || m.kind === 'ClusterRoleBinding')).toEqual([]);
    const roles = manifests.filter((m) => m.kind === 'Role');
    const [platform, executions] = name === 'ryax-dev' ? ['ryaxns-dev', 'ryaxns-dev-execs'] : ['ryaxns', 'ryaxns-execs'];
    expect(roles.map((role) => [role.metadata.namespace, role.metadata.name])).toEqual([
      [platform, 'ryax-registry-garbage-collect-restart-registry'],
      [executions, 'ryax-runner-publish-routes'],
    ]);
    expect((roles[0] as any).rules).toEqual([{ apiGroups: [''], resources: ['pods'], resourceNames: ['ryax-registry-0'], verbs: ['delete'] }]);
    roles.shift();
    expect((roles[0] as any).rules.map((rule: any) => `${rule.apiGroups[0]}/${rule.resources[0]}`)).toEqual([
      '/services',
      'networking.k8s.io/ingresses',
      'traefik.io/middlewares',
    ]);
  });

  test("every service with a database migrates it before it starts, with the service's own settings", async () => {
    const manifests = manifestsOf(await renderReal(name)) as Manifest[];
    const migrations = manifests
      .filter((m) => m.kind === 'Deployment')
      .flatMap((deployment: any) =>
        (deployment.spec.template.spec.initContainers ?? [])
          // The action-builder's init containers prepare its Nix store and home; it has no database.
          .filter((init: any) => init.command?.[0]?.endsWith('-update-db'))
          .map((init: any) => [deployment.metadata.name, init.command, init.env.length > 0]),
      );
    expect(migrations).toEqual([
      ['ryax-authorization', ['ryax-authorization-update-db'], true],
      ['ryax-repository', ['ryax-repository-update-db'], true],
      ['ryax-runner', ['ryax-runner-update-db'], true],
      ['ryax-studio', ['ryax-studio-update-db'], true],
      // The engine's own site's worker.
      ...(((await loadedReal(name)).env as RyaxEnvironment).site === undefined ? [] : [['ryax-worker', ['ryax-worker-update-db'], true]]),
    ]);
  });
});

test("letsEncrypt's issuer must be the one the routes name", () => {
  const text = readFileSync('environments/ryax-prod.yaml', 'utf8');
  const problems = (edited: string) => {
    try {
      parseEnvironment(RYAX, 'unit', 'unit.yaml', edited);
      return [];
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      return error.problems.map((problem) => `${problem.keyPath}: ${problem.message}`);
    }
  };
  expect(problems(text)).toEqual([]);
  expect(problems(text.replace('tlsClusterIssuer: letsencrypt-production', 'tlsClusterIssuer: letsencrypt-staging'))).toEqual([
    'network.tlsClusterIssuer: names "letsencrypt-staging", but letsEncrypt renders "letsencrypt-production"; name that one, or remove letsEncrypt to use an issuer of your own',
  ]);
  expect(problems(text.replace('  tlsClusterIssuer: letsencrypt-production\n', ''))).toEqual([
    expect.stringMatching(/^nodeCidrs: is missing: without TLS the nodes pull/),
    'network.tlsClusterIssuer: must name the ClusterIssuer letsEncrypt renders, "letsencrypt-production", or the routes get no certificate',
  ]);
  // Without TLS and without the registry, no NodePort: the nodes' addresses are not needed.
  const withoutTls = text.replace('  tlsClusterIssuer: letsencrypt-production\n', '').replace(/^letsEncrypt:\n( {2}.*\n)+/m, '');
  expect(problems(withoutTls)).toEqual([expect.stringMatching(/^nodeCidrs: is missing/)]);
  expect(problems(withoutTls.replace('components:\n', 'components:\n  registry: { enabled: false }\n'))).toEqual([]);
});

describe('the datastore', () => {
  test("is PostgreSQL 18 under the name the services' URLs give, its data on a claim that outlives it; its databases are made sure of before the services sync", async () => {
    const rendered = await renderReal('ryax-prod');
    const manifests = manifestsOf(rendered) as Manifest[];
    const database = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'ryax-datastore')!;
    const container = database.spec.template.spec.containers[0];
    expect(container.image).toBe('docker.io/library/postgres:18.3');
    expect(container.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(database.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(database.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(manifests.some((m) => m.kind === 'Service' && m.metadata.name === 'ryax-datastore')).toBe(true);
    const applicationOf = (kind: string, name: string) =>
      rendered.applications.find((application) => application.objects.some((object) => object.manifest.kind === kind && object.manifest.metadata.name === name))
        ?.name;
    expect(applicationOf('StatefulSet', 'ryax-datastore')).toBe('backbone');
    expect(applicationOf('Job', 'ryax-datastore-databases')).toBe('services');
    const job = manifests.find((m) => m.kind === 'Job')!;
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync' });
    expect(job.spec.template.spec.containers[0].args).toEqual(['psql', '--no-psqlrc', '--file', '/scripts/databases.sql']);
  });
});

test("the users' actions reach the broker and the filestore, nothing else where the services run but the worker's API; the backbone stays with the services", async () => {
  const manifests = manifestsOf(await renderReal('ryax-dev')) as Manifest[];
  const policies = manifests.filter((m) => m.kind === 'NetworkPolicy' && /allow-(backbone|actions)/.test(m.metadata.name));
  // Of the backbone, the actions reach the broker's and the filestore's pods only, on both ends.
  const backbone = ['ryax-broker', 'ryax-minio'];
  const ingress = policies.find((policy) => policy.metadata.name === 'allow-backbone-ingress')!;
  expect(ingress.spec.podSelector.matchExpressions).toEqual([{ key: 'app.kubernetes.io/name', operator: 'In', values: backbone }]);
  const egress = policies.find((policy) => policy.metadata.name === 'allow-backbone-egress')!;
  expect(egress.spec.egress[0].to[0].podSelector.matchExpressions).toEqual([{ key: 'app.kubernetes.io/name', operator: 'In', values: backbone }]);
  // MinIO's pods carry the label; the broker's are the Cluster Operator's, labelled with the cluster's name.
  const minio = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'ryax-minio')!;
  expect(minio.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('ryax-minio');
  expect(manifests.filter((m) => m.kind === 'RabbitmqCluster').map((m) => m.metadata.name)).toEqual(['ryax-broker']);
  const summary = policies.map((policy) => {
    const rule = (policy.spec.ingress ?? policy.spec.egress)[0];
    const peer = rule[policy.spec.ingress === undefined ? 'to' : 'from'][0].namespaceSelector.matchExpressions[0].values;
    return [policy.metadata.namespace, policy.metadata.name, peer, (rule.ports ?? []).map((port: any) => port.port)];
  });
  expect(summary.sort()).toEqual(
    [
      ['ryaxns-dev', 'allow-backbone-ingress', ['ryaxns-dev-execs'], [5672, 9000]],
      ['ryaxns-dev-execs', 'allow-backbone-egress', ['ryaxns-dev'], [5672, 9000]],
      ['ryaxns-dev', 'allow-actions-egress', ['ryaxns-dev-execs'], []],
      ['ryaxns-dev-execs', 'allow-actions-ingress', ['ryaxns-dev'], []],
      // Only the worker's pods (worker/worker.test.ts).
      ['ryaxns-dev', 'allow-actions-to-worker-ingress', ['ryaxns-dev-execs'], [8880]],
      ['ryaxns-dev-execs', 'allow-actions-to-worker-egress', ['ryaxns-dev'], [8880]],
    ].sort(),
  );
  const split = readFileSync('environments/ryax-dev.yaml', 'utf8').replace(
    '  ryaxns-dev:\n    tiers: [backbone, services]\n',
    '  ryaxns-dev-backbone:\n    tiers: [backbone]\n    quota:\n      cpu: { requests: "2", limits: "4" }\n      memory: { requests: 4Gi, limits: 4Gi }\n  ryaxns-dev:\n    tiers: [services]\n',
  );
  expect(() => parseEnvironment(RYAX, 'split', 'split.yaml', split)).toThrow(
    'namespaces.ryaxns-dev-backbone.tiers: places backbone apart from services (in ryaxns-dev); the services reach the datastore and the broker by their short names and read the Secrets they share there: put backbone in ryaxns-dev',
  );
});

test('each URL a service reads is made from the parts the database Job and the broker read, so a rotated password reaches both', async () => {
  const manifests = manifestsOf(await renderReal('ryax-prod')) as Manifest[];
  const secret = (name: string) => manifests.find((m) => m.kind === 'ExternalSecret' && m.metadata.name === name)!.spec;
  const datastore = secret('ryax-datastore-secret');
  expect(datastore.target.template).toMatchObject({ mergePolicy: 'Merge' });
  expect(datastore.target.template.data['datastore-runner']).toBe(
    'postgresql://{{ index . "datastore-runner-user" | urlquery }}:{{ index . "datastore-runner-pass" | urlquery }}@ryax-datastore/{{ index . "datastore-runner-db" }}',
  );
  const job = manifests.find((m) => m.kind === 'Job')!;
  const jobKeys = job.spec.template.spec.containers[0].env.map((variable: any) => variable.valueFrom?.secretKeyRef?.key).filter(Boolean);
  expect(jobKeys).toEqual(expect.arrayContaining(['datastore-runner-user', 'datastore-runner-pass', 'datastore-runner-db']));
  expect(secret('ryax-broker-secret').target.template.data.broker).toBe(
    'amqp://{{ index . "broker-user" | urlquery }}:{{ index . "rabbitmq-password" | urlquery }}@ryax-broker.ryaxns:5672/',
  );
  const user = secret('ryax-broker-default-user');
  expect(user.data.map((entry: any) => entry.remoteRef.key)).toEqual(['ryax/prod/ryax-broker-secret', 'ryax/prod/ryax-broker-secret']);
  expect(Object.keys(user.target.template.data).sort()).toEqual(['default_user.conf', 'password', 'username']);
});

test('one namespace for every tier renders, the ingress controller let in on every port there (the actions’ endpoints)', async () => {
  const text = readFileSync('environments/ryax-dev.yaml', 'utf8')
    .replace('tiers: [backbone, services]', 'tiers: [backbone, services, executions]')
    .replace(/ {2}ryaxns-dev-execs:\n(?: {4}.*\n| {6}.*\n)+/, '');
  const { renderEnvironment } = await import('../../src/synth/render.js');
  const manifests = manifestsOf(renderEnvironment(RYAX, parseEnvironment(RYAX, 'one', 'one.yaml', text), new Map())) as Manifest[];
  const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'allow-ingress-controller')!;
  expect(policy.metadata.namespace).toBe('ryaxns-dev');
  expect(policy.spec.ingress).toEqual([
    { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['traefik'] }] } }] },
  ]);
});

const RYAX_ENVIRONMENTS = (await Promise.all(ENVIRONMENTS.map(loadedReal)))
  .filter((loaded) => loaded.platform.name === 'ryax')
  .map((loaded) => loaded.env.name);

test.each(RYAX_ENVIRONMENTS)(
  "%s: every pod ranks by one of the environment's PriorityClasses, the stores above the services above what watches them",
  async (name) => {
    const manifests = manifestsOf(await renderReal(name)) as Manifest[];
    const classes = new Map(manifests.filter((m) => m.kind === 'PriorityClass').map((m: any) => [m.metadata.name, m.value]));
    expect([...classes.keys()].sort()).toEqual([`${name}-backbone`, `${name}-microservices`, `${name}-monitoring`]);
    expect(classes.get(`${name}-backbone`)).toBeGreaterThan(classes.get(`${name}-microservices`));
    expect(classes.get(`${name}-microservices`)).toBeGreaterThan(classes.get(`${name}-monitoring`));
    const priorities = manifests.flatMap((m: any) => {
      const pod = m.kind === 'RabbitmqCluster' ? m.spec.override.statefulSet.spec.template.spec : podsOf(m as never)[0]?.pod;
      // Run-once jobs (the PreSync Jobs, the registry's nightly restart) keep the cluster's default rank.
      return pod === undefined || m.kind === 'Job' || m.kind === 'CronJob' ? [] : [[`${m.kind}/${m.metadata.name}`, (pod as any).priorityClassName]];
    });
    const rank = (priority: string) => `${name}-${priority}`;
    expect(Object.fromEntries(priorities)).toEqual({
      'StatefulSet/ryax-datastore': rank('backbone'),
      'StatefulSet/ryax-minio': rank('backbone'),
      'StatefulSet/ryax-registry': rank('backbone'),
      'Deployment/ryax-action-builder': rank('microservices'),
      'RabbitmqCluster/ryax-broker': rank('backbone'),
      'Deployment/ryax-datastore-exporter': rank('monitoring'),
      ...Object.fromEntries(
        [
          'authorization',
          'runner',
          'studio',
          'repository',
          'front',
          ...(((await loadedReal(name)).env as RyaxEnvironment).site === undefined ? [] : ['worker']),
        ].map((service) => [`Deployment/ryax-${service}`, rank('microservices')]),
      ),
    });
  },
);

test.each(RYAX_ENVIRONMENTS)(
  "%s: installs the stacks its file names, each its chart's Application in a project of its own, after the namespace it runs in",
  async (name) => {
    const rendered = await renderReal(name);
    const { env } = await loadedReal(name);
    const manifests = manifestsOf(rendered) as Manifest[];
    const charts = rendered.chartApplications ?? [];
    // The logs stack is two charts: Loki, and Alloy that ships the logs to it.
    const stacks = ((env as { stacks?: string[] }).stacks ?? []).flatMap((stack) => (stack === 'logs' ? ['loki', 'alloy'] : [stack]));
    expect(charts.map((chart) => chart.name).sort()).toEqual(stacks.sort());
    const waveOf = (application: string) =>
      Number(
        manifests.find((m) => m.kind === 'Application' && m.metadata.name === `${name}-ryax-${application}`)!.metadata.annotations?.[
          'argocd.argoproj.io/sync-wave'
        ] ?? 0,
      );
    for (const chart of charts) {
      const application = manifests.find((m) => m.kind === 'Application' && m.metadata.name === `${name}-ryax-${chart.name}`)!;
      expect(application.spec.source).toMatchObject({
        repoURL: chart.chart.repoURL,
        chart: chart.chart.name,
        targetRevision: chart.chart.version,
        helm: { releaseName: chart.releaseName },
      });
      const project = manifests.find((m) => m.kind === 'AppProject' && m.metadata.name === application.spec.project)!;
      expect(project.spec.sourceRepos).toEqual([chart.chart.repoURL]);
      // Its namespace, and those it writes to besides (Alloy's Roles where it reads the logs).
      expect(project.spec.destinations.map((destination: any) => destination.namespace)).toEqual([chart.namespace, ...(chart.otherNamespaces ?? [])]);
      expect(project.spec.clusterResourceWhitelist).toEqual(chart.clusterKinds);
      // Its namespace, and what its chart reads from it, are there a wave before it.
      const namespace = rendered.applications.find((app) =>
        app.objects.some((o) => o.manifest.kind === 'Namespace' && o.manifest.metadata.name === chart.namespace),
      )!;
      expect(waveOf(namespace.name)).toBeLessThan(waveOf(chart.name));
    }
    // The backbone's and the services' Middlewares need Traefik's CRDs; the stacks' pods, the PriorityClasses.
    if (charts.some((chart) => chart.name === 'traefik')) expect(waveOf('traefik')).toBeLessThan(waveOf('backbone'));
    const grafanaSecret = manifests.filter((m) => m.kind === 'ExternalSecret' && m.metadata.name === 'grafana-credentials');
    expect(grafanaSecret.map((m) => m.metadata.namespace)).toEqual(
      charts.some((chart) => chart.name === 'kube-prometheus-stack') ? [env.network.monitoringNamespace] : [],
    );
    // The runner sends its traces to Tempo where it is installed, nowhere (the empty text) elsewhere.
    const runner = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'ryax-runner')!;
    const endpoint = runner.spec.template.spec.containers[0].env.find((variable: any) => variable.name === 'RYAX_OTLP_ENDPOINT').value;
    expect(endpoint).toBe(charts.some((chart) => chart.name === 'tempo') ? `ryax-tempo.${env.network.monitoringNamespace}:4317` : '');
  },
);
