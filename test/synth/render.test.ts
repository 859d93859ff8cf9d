import { readFileSync } from 'node:fs';
import path from 'node:path';
import { filesOf, listFiles } from '../../src/synth/files.js';
import { ENVIRONMENTS, findObject, loadedReal, manifestsOf, renderReal, REPO_ROOT, THOTH_ENVIRONMENTS } from '../helpers.js';

const TIER_NAMESPACES = ['frontend', 'middletier', 'backend', 'graph', 'infra', 'amun-api', 'amun-inspection'];

describe.each(ENVIRONMENTS)('%s', (name) => {
  // generated/ is the golden copy (what `check` compares in CI); no second copy is kept here.
  test('renders exactly the files generated/ holds', async () => {
    const rendered = filesOf(await renderReal(name));
    const committed = listFiles(path.join(REPO_ROOT, 'generated', name)).map((file) => `${name}/${file}`);
    expect([...rendered.keys()].sort()).toEqual(committed);
    for (const [file, content] of rendered) expect([file, readFileSync(path.join(REPO_ROOT, 'generated', file), 'utf8')]).toEqual([file, content]);
  });

  test('never renders a Secret (secrets come from ExternalSecrets)', async () => {
    expect(manifestsOf(await renderReal(name)).filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
  });

  test("every namespace enforces the restricted Pod Security Standard (baseline only for Amun inspections and third-party charts' pods), and warns on restricted", async () => {
    const env = await renderReal(name);
    const namespaces = manifestsOf(env).filter((manifest) => manifest.kind === 'Namespace');
    const stacks = new Set((env.chartApplications ?? []).map((chart) => chart.namespace));
    expect(namespaces.length).toBeGreaterThan(0);
    for (const namespace of namespaces) {
      const baseline = namespace.metadata.labels?.['thoth-station.ninja/tier'] === 'amun-inspection' || stacks.has(namespace.metadata.name);
      expect(namespace.metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': baseline ? 'baseline' : 'restricted',
        'pod-security.kubernetes.io/enforce-version': expect.stringMatching(/^v1\.\d+$/),
        'pod-security.kubernetes.io/warn': 'restricted',
      });
      expect(namespace.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });

  test("every namespace starts from default-deny but a third-party chart's, which says why not (and a Thoth namespace gets the five shared ConfigMaps)", async () => {
    const env = await renderReal(name);
    const stacks = new Set((env.chartApplications ?? []).map((chart) => chart.namespace));
    for (const namespace of manifestsOf(env).filter((manifest) => manifest.kind === 'Namespace')) {
      const ns = namespace.metadata.name;
      if (stacks.has(ns)) {
        expect(namespace.metadata.annotations?.['validate.thoth-station.ninja/policy.network-policy']).toMatch(/the charts' own/);
        continue;
      }
      expect(findObject(env, 'NetworkPolicy', 'default-deny', ns).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      if (!THOTH_ENVIRONMENTS.includes(name)) continue;
      for (const configMap of ['thoth', 'kafka', 'ceph', 'prometheus', 'solvers']) expect(findObject(env, 'ConfigMap', configMap, ns)).toBeDefined();
    }
  });

  test('the app-of-apps has an Application per application folder and a root that syncs its own folder', async () => {
    const env = await renderReal(name);
    const { platform } = (await loadedReal(name)).env;
    const folders = env.applications.map((application) => application.name).filter((folder) => folder !== 'argocd');
    for (const folder of folders) {
      const application = findObject(env, 'Application', `${name}-${platform}-${folder}`, 'argocd');
      expect(application.spec).toMatchObject({ source: { path: `generated/${name}/${folder}` } });
    }
    expect(findObject(env, 'Application', `${name}-${platform}-apps`, 'argocd').spec).toMatchObject({ source: { path: `generated/${name}/argocd` } });
  });
});

describe('prod', () => {
  test('has one namespace per tier, named thoth-<tier>-prod, with the reference quotas', async () => {
    const env = await renderReal('prod');
    const names = manifestsOf(env)
      .filter((m) => m.kind === 'Namespace')
      .map((m) => m.metadata.name);
    expect(names.sort()).toEqual(TIER_NAMESPACES.map((tier) => `thoth-${tier}-prod`).sort());
    expect(findObject(env, 'ResourceQuota', 'thoth-quota', 'thoth-middletier-prod').spec).toEqual({
      hard: {
        'requests.cpu': '48',
        'limits.cpu': '48',
        'requests.memory': '32Gi',
        'limits.memory': '48Gi',
        'requests.storage': '64Gi',
        pods: '1000',
        'count/workflows.argoproj.io': '3000',
      },
    });
  });

  test('syncs by hand: no automated policy on any Application', async () => {
    const env = await renderReal('prod');
    for (const application of manifestsOf(env).filter((m) => m.kind === 'Application')) {
      expect((application.spec as { syncPolicy: object }).syncPolicy).not.toHaveProperty('automated');
    }
  });

  test('confines Applications to the environment namespaces, this repository and the kinds they render', async () => {
    const env = await renderReal('prod');
    const project = findObject(env, 'AppProject', 'thoth', 'argocd').spec as Record<string, unknown>;
    expect(project.sourceRepos).toEqual(['https://github.com/thoth-station/thoth-gitops.git']);
    expect((project.destinations as { namespace: string }[]).map((d) => d.namespace)).toEqual(TIER_NAMESPACES.map((tier) => `thoth-${tier}-prod`).sort());
    // The Kafka topics go into the Strimzi operator's namespace, through a project that allows nothing else.
    expect(findObject(env, 'AppProject', 'thoth-kafka-topics', 'argocd').spec).toMatchObject({
      destinations: [{ namespace: 'opf-kafka' }],
      namespaceResourceWhitelist: [{ group: 'kafka.strimzi.io', kind: 'KafkaTopic' }],
      clusterResourceWhitelist: [],
    });
    expect(findObject(env, 'Application', 'prod-thoth-kafka-topics', 'argocd').spec).toMatchObject({ project: 'thoth-kafka-topics' });
    expect(project.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    const root = findObject(env, 'AppProject', 'thoth-bootstrap', 'argocd').spec as Record<string, unknown>;
    expect(root.clusterResourceWhitelist).toEqual([]);
    expect(root.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
  });

  test('syncs the namespaces application first and the namespace before what goes into it', async () => {
    const env = await renderReal('prod');
    expect(findObject(env, 'Application', 'prod-thoth-namespaces', 'argocd').metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-wave': '-1' });
    expect(findObject(env, 'Application', 'prod-thoth-graph', 'argocd').metadata.annotations).not.toHaveProperty(['argocd.argoproj.io/sync-wave']);
    expect(findObject(env, 'Application', 'prod-thoth-frontend', 'argocd').metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-wave': '2' });
    expect(findObject(env, 'Namespace', 'thoth-graph-prod').metadata.annotations).not.toHaveProperty(['argocd.argoproj.io/sync-wave']);
    expect(findObject(env, 'ConfigMap', 'thoth', 'thoth-graph-prod').metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-wave': '1' });
  });

  test('notifies the team when an Application synced and when a sync failed (the reference hook Jobs)', async () => {
    const env = await renderReal('prod');
    expect(findObject(env, 'Application', 'prod-thoth-frontend', 'argocd').metadata.annotations).toMatchObject({
      'notifications.argoproj.io/subscribe.on-sync-succeeded.googlechat': 'thoth-devops',
      'notifications.argoproj.io/subscribe.on-sync-failed.googlechat': 'thoth-devops',
    });
    expect(findObject(env, 'Application', 'prod-thoth-apps', 'argocd').metadata.annotations).toBeUndefined();
  });

  test('shared ConfigMaps point at the knowledge graph and the Pushgateway of this environment', async () => {
    const env = await renderReal('prod');
    expect(findObject(env, 'ConfigMap', 'thoth', 'thoth-frontend-prod').data).toMatchObject({
      'deployment-name': 'smaug-prod',
      'postgresql-host': 'pgbouncer.thoth-graph-prod.svc',
      'infra-namespace': 'thoth-infra-prod',
    });
    expect(findObject(env, 'ConfigMap', 'prometheus', 'thoth-backend-prod').data).toMatchObject({
      'pushgateway-url': 'http://pushgateway.thoth-infra-prod.svc:9091',
    });
    expect(findObject(env, 'ConfigMap', 'solvers', 'thoth-middletier-prod').data).toEqual({
      solvers: 'solver-rhel-8-py38\nsolver-fedora-34-py39\nsolver-fedora-35-py310\n',
    });
  });

  test('secrets come from the secret store, under the environment prefix', async () => {
    const env = await renderReal('prod');
    expect(findObject(env, 'ExternalSecret', 'postgresql', 'thoth-graph-prod').spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'thoth-vault' },
      target: { name: 'postgresql', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'database-name', remoteRef: { key: 'thoth/prod/postgresql', property: 'database-name' } },
        { secretKey: 'database-password', remoteRef: { key: 'thoth/prod/postgresql', property: 'database-password' } },
        { secretKey: 'database-user', remoteRef: { key: 'thoth/prod/postgresql', property: 'database-user' } },
      ],
    });
    // Every tier runs workflow steps (send-messages at least), which pass artifacts through S3.
    expect(findObject(env, 'ExternalSecret', 'argo-artifact-repository-secrets', 'thoth-frontend-prod')).toBeDefined();
  });

  test('lets every tier reach the knowledge graph, and only pgbouncer accept it', async () => {
    const env = await renderReal('prod');
    const ingress = findObject(env, 'NetworkPolicy', 'allow-knowledge-graph-ingress', 'thoth-graph-prod').spec as Record<string, unknown>;
    expect(ingress.podSelector).toEqual({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['pgbouncer'] }] });
    expect(findObject(env, 'NetworkPolicy', 'allow-knowledge-graph-egress', 'thoth-frontend-prod')).toBeDefined();
    expect(() => findObject(env, 'NetworkPolicy', 'allow-knowledge-graph-egress', 'thoth-graph-prod')).toThrow();
  });

  test('grants each program exactly these permissions, each in the namespace it acts on', async () => {
    const env = await renderReal('prod');
    const all = manifestsOf(env)
      .filter((m) => m.kind === 'RoleBinding')
      .map((m: any) => `${m.subjects[0].namespace}/${m.subjects[0].name} → ${m.metadata.namespace}: ${m.roleRef.name}`)
      .sort();
    // The accounts of workflow steps and controllers act in their own namespace only.
    const workflowAccounts = /^([^/]+)\/(argo-workflow|send-webhooks|argo-workflow-controller) → \1: /;
    for (const grant of all.filter((each) => workflowAccounts.test(each))) {
      expect(grant).toMatch(
        /: (argo-workflow-run-workflow-steps|send-webhooks-run-workflow-steps|send-webhooks-delete-secrets|argo-workflow-controller-control-workflows)$/,
      );
    }
    const grants = all.filter((each) => !workflowAccounts.test(each));
    expect(grants).toEqual(
      [
        'thoth-amun-api-prod/amun-api → thoth-amun-inspection-prod: amun-api-read-workflow-pods',
        'thoth-amun-api-prod/amun-api → thoth-amun-inspection-prod: amun-api-submit-workflows',
        'thoth-frontend-prod/management-api → thoth-amun-inspection-prod: management-api-read-workflow-pods',
        'thoth-frontend-prod/management-api → thoth-infra-prod: management-api-read-configmaps',
        'thoth-frontend-prod/management-api → thoth-middletier-prod: management-api-read-workflow-pods',
        'thoth-frontend-prod/management-api → thoth-middletier-prod: management-api-submit-workflows',
        'thoth-frontend-prod/user-api → thoth-backend-prod: user-api-keep-secrets',
        'thoth-frontend-prod/user-api → thoth-backend-prod: user-api-read-workflow-pods',
        'thoth-frontend-prod/user-api → thoth-infra-prod: user-api-read-configmaps',
        'thoth-frontend-prod/user-api → thoth-middletier-prod: user-api-read-workflow-pods',
        'thoth-infra-prod/investigator → thoth-backend-prod: investigator-submit-workflows',
        'thoth-infra-prod/investigator → thoth-middletier-prod: investigator-submit-workflows',
        'thoth-infra-prod/metrics-exporter → thoth-infra-prod: metrics-exporter-read-configmaps',
        'thoth-middletier-prod/mi-scheduler → thoth-middletier-prod: mi-scheduler-submit-workflows',
        'thoth-middletier-prod/revsolver → thoth-middletier-prod: revsolver-read-configmaps',
        'thoth-middletier-prod/revsolver → thoth-middletier-prod: revsolver-run-workflow-steps',
      ].sort(),
    );
  });
});

describe('stage', () => {
  test('syncs automatically, pruning and self-healing', async () => {
    const env = await renderReal('stage');
    expect((findObject(env, 'Application', 'stage-thoth-namespaces', 'argocd').spec as { syncPolicy: object }).syncPolicy).toMatchObject({
      automated: { prune: true, selfHeal: true },
    });
  });
});

describe('test', () => {
  test('puts every tier in the one namespace thoth-test-core, but Amun inspections (which run as root)', async () => {
    const env = await renderReal('test');
    expect(
      manifestsOf(env)
        .filter((m) => m.kind === 'Namespace')
        .map((m) => m.metadata.name),
    ).toEqual(['thoth-test-amun-inspection', 'thoth-test-core']);
    expect(findObject(env, 'ConfigMap', 'thoth', 'thoth-test-core').data).toMatchObject({
      'frontend-namespace': 'thoth-test-core',
      'graph-namespace': 'thoth-test-core',
      'logging-no-json': '1',
    });
  });

  test('syncs automatically without pruning or self-healing', async () => {
    const env = await renderReal('test');
    expect((findObject(env, 'Application', 'test-thoth-namespaces', 'argocd').spec as { syncPolicy: object }).syncPolicy).toMatchObject({
      automated: { prune: false, selfHeal: false },
    });
  });

  test('needs no flow between the tiers of the core namespace: same-namespace traffic covers them', async () => {
    const names = manifestsOf(await renderReal('test'))
      .filter((m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'thoth-test-core')
      .map((m) => m.metadata.name);
    expect(names.filter((policy) => policy.endsWith('-egress') && policy !== 'allow-external-egress')).toEqual([]);
  });
});
