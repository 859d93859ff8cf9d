/**
 * What the API server, its admission plugins and Argo CD would refuse, found by validate: each rule
 * on a broken object, then the mistakes of a new user made in a real environment file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseEnvironment } from '../../src/config/load.js';
import type { Manifest, RenderedEnvironment } from '../../src/synth/manifest.js';
import { renderEnvironment } from '../../src/synth/render.js';
import { metadataProblems } from '../../src/validate/admission/metadata.js';
import { quotaUsage } from '../../src/validate/admission/quota.js';
import { plaintextCredentialProblems } from '../../src/validate/credentials.js';
import { validateEnvironments } from '../../src/validate/index.js';
import { REPO_ROOT, TEST_IMAGE_TAGS } from '../helpers.js';
import { THOTH } from '../../platforms/thoth/platform.js';

const labels = {
  'app.kubernetes.io/name': 'x',
  'app.kubernetes.io/component': 'x',
  'app.kubernetes.io/part-of': 'thoth',
  'app.kubernetes.io/managed-by': 'thoth-gitops',
};
const container = (resources: Record<string, Record<string, string>>, name = 'main') => ({ name, image: 'x:1', resources });
const deployment = (name: string, containers: unknown[], replicas = 1): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns', labels },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } } },
});
const limitRange = (limits: Record<string, unknown>): Manifest => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'limits', namespace: 'ns', labels },
  spec: { limits: [{ type: 'Container', ...limits }] },
});
const quota = (hard: Record<string, string>): Manifest => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'quota', namespace: 'ns', labels },
  spec: { hard },
});
const unit = (manifests: Manifest[], name = 'unit'): RenderedEnvironment => ({
  name,
  applications: [
    {
      name: 'app',
      wave: 0,
      namespace: 'ns',
      objects: manifests.map((manifest, index) => ({ manifest, application: 'app', file: `app/${index}.yaml`, constructPath: `unit/${index}` })),
    },
  ],
});
const messages = async (envs: RenderedEnvironment[], rule: string) =>
  (await validateEnvironments(envs))
    .filter((finding) => finding.rule === rule)
    .map((finding) => `${finding.environment} ${finding.kind} ${finding.name}: ${finding.message}`);

describe('names and metadata, by the API server’s rules', () => {
  const named = (kind: string, name: string, extra: Partial<Manifest> = {}): Manifest => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'ns', labels },
    ...extra,
  });

  test.each([
    ['Deployment', 'User_API', /metadata.name "User_API" must be a DNS-1123 subdomain/],
    ['Service', '1api', /metadata.name "1api" must be a DNS-1035 label: .*starting with a letter/],
    ['CronJob', 'c'.repeat(53), /is 53 characters long; at most 52 are allowed: the CronJob controller appends 11 characters/],
    ['ConfigMap', `a${'.b'.repeat(130)}`, /is 261 characters long; at most 253/],
  ])('%s named %s', (kind, name, message) => {
    expect(metadataProblems(named(kind, name)).map((problem) => problem.message)).toEqual([expect.stringMatching(message)]);
  });

  test('Role names are path segments: upper case and "_" are allowed, "/" is not', () => {
    expect(metadataProblems(named('Role', 'Reader_Role'))).toEqual([]);
    expect(metadataProblems(named('Role', 'a/b'))).toEqual([{ rule: 'admission/name', message: 'metadata.name "a/b" may not contain "/" or "%"' }]);
  });

  test('label keys and values, annotation keys and the annotations’ total size', () => {
    const manifest = named('ConfigMap', 'c', {
      metadata: {
        name: 'c',
        namespace: 'ns',
        labels: { ...labels, team: 'Thoth Team', 'Bad Key': 'x', 'example.com/ok': 'y' },
        annotations: { '/x': 'a', big: 'x'.repeat(300_000) },
      },
    });
    expect(metadataProblems(manifest)).toEqual([
      { rule: 'admission/labels', message: expect.stringMatching(/^metadata.labels: team="Thoth Team" must be empty or letters, digits/) },
      { rule: 'admission/labels', message: expect.stringMatching(/^metadata.labels: key "Bad Key" must be letters, digits/) },
      { rule: 'admission/annotations', message: 'metadata.annotations: key "/x" has a prefix "" that is empty' },
      { rule: 'admission/annotations', message: 'metadata.annotations hold 300006 bytes; the API server allows at most 262144 (256 KiB) per object' },
    ]);
  });

  test('container, port and volume names inside a pod, and ConfigMap keys', () => {
    const pod = {
      containers: [{ name: 'Main', image: 'x:1', ports: [{ name: 'metrics-exporter-http', containerPort: 8080 }] }],
      volumes: [{ name: 'tmp_dir', emptyDir: {} }],
    };
    const workload = deployment('d', pod.containers);
    (workload.spec as any).template.spec.volumes = pod.volumes;
    expect(metadataProblems(workload).map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^container name "Main" must be a DNS-1123 label/),
      'container Main: port name "metrics-exporter-http" is 21 characters long; a port name has at most 15',
      expect.stringMatching(/^volume name "tmp_dir" must be a DNS-1123 label/),
    ]);
    expect(metadataProblems(named('ConfigMap', 'c', { data: { 'config.yaml': 'a', 'a b': 'c' } })).map((problem) => problem.message)).toEqual([
      'data key "a b" must be letters, digits, "-", "_" and "."',
    ]);
  });
});

describe('LimitRange, as the LimitRanger admission plugin applies it', () => {
  const range = limitRange({
    default: { cpu: '500m', memory: '512Mi' },
    defaultRequest: { cpu: '100m', memory: '128Mi' },
    max: { cpu: '4', memory: '12Gi' },
    maxLimitRequestRatio: { cpu: '10' },
  });

  test('limits above the max', async () => {
    const api = deployment('user-api', [container({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '6', memory: '20Gi' } })]);
    expect(await messages([unit([range, api])], 'admission/limit-range')).toEqual([
      "unit Deployment user-api: container main: its cpu limit 6 is above the namespace's LimitRange max 4: the pod is refused; lower it or raise limitRange.max",
      "unit Deployment user-api: container main: its memory limit 20Gi is above the namespace's LimitRange max 12Gi: the pod is refused; lower it or raise limitRange.max",
    ]);
  });

  test('a request above the default limit it gets, and a limit too many times its request', async () => {
    const greedy = deployment('greedy', [
      container({ requests: { cpu: '1', memory: '128Mi' } }),
      container({ requests: { cpu: '100m' }, limits: { cpu: '2' } }, 'spiky'),
    ]);
    expect(await messages([unit([range, greedy])], 'admission/limit-range')).toEqual([
      'unit Deployment greedy: container main: its cpu request 1 exceeds its limit 500m (the LimitRange default, as it sets no limit): the API server refuses the pod',
      "unit Deployment greedy: container spiky: its cpu limit 2 is 20 times its request 100m; the namespace's LimitRange allows at most 10: the pod is refused",
    ]);
  });

  test('a container within the range, with defaults filling what it leaves out, passes', async () => {
    expect(await messages([unit([range, deployment('fine', [container({ requests: { cpu: '200m' } })])])], 'admission/limit-range')).toEqual([]);
  });
});

describe('ResourceQuota, against the namespace’s steady state', () => {
  test('replicas times their requests over the quota names the largest', async () => {
    const api = deployment('user-api', [container({ requests: { cpu: '6', memory: '1Gi' }, limits: { cpu: '6', memory: '1Gi' } })], 3);
    expect(await messages([unit([quota({ 'requests.cpu': '6', 'requests.memory': '8Gi' }), api])], 'admission/quota')).toEqual([
      'unit ResourceQuota quota: ns needs 18 of requests.cpu at steady state, over its quota of 6; the most: Deployment user-api 18: the pods or claims beyond it are refused; raise the quota or lower the workloads',
    ]);
  });

  test('a quota on limits makes a container without one (and no LimitRange default) refused', async () => {
    expect(
      await messages([unit([quota({ 'limits.memory': '8Gi' }), deployment('d', [container({ requests: { memory: '1Gi' } })])])], 'admission/quota'),
    ).toEqual([
      "unit Deployment d: container main: states no memory limit, and the namespace's quota limits limits.memory: the pod is refused; set it, or give the LimitRange a default",
    ]);
  });

  test('usage counts StatefulSet claims per replica, suspended CronJobs not, and object counts; the rest is headroom', () => {
    const statefulSet: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'ns', labels },
      spec: {
        replicas: 2,
        template: { spec: { containers: [container({ requests: { cpu: '1' }, limits: { cpu: '1' } })] } },
        volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '10Gi' } } } }],
      },
    };
    const cronJob = (suspend: boolean): Manifest => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: `job-${suspend}`, namespace: 'ns', labels },
      spec: { suspend, jobTemplate: { spec: { template: { spec: { containers: [container({ requests: { cpu: '500m' }, limits: { cpu: '500m' } })] } } } } },
    });
    const { usage } = quotaUsage(
      unit([
        quota({ 'requests.cpu': '4', 'requests.storage': '15Gi', persistentvolumeclaims: '5', 'count/cronjobs.batch': '1' }),
        statefulSet,
        cronJob(true),
        cronJob(false),
      ]),
    );
    expect(Object.fromEntries(usage.map((row) => [row.resource, [row.used, row.hard]]))).toEqual({
      'requests.cpu': [2.5, 4],
      'requests.storage': [20 * 2 ** 30, 15 * 2 ** 30],
      persistentvolumeclaims: [2, 5],
      'count/cronjobs.batch': [2, 1],
    });
  });

  test('a RabbitmqCluster counts as the StatefulSet its operator makes: its pods at its resources, its claims, the defaults where it sets none', async () => {
    const cluster = (spec: Record<string, unknown>, name = 'broker'): Manifest => ({
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name, namespace: 'ns', labels },
      spec,
    });
    const sized = cluster({
      replicas: 3,
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      persistence: { storage: '20Gi' },
    });
    const { usage } = quotaUsage(
      unit([
        quota({ 'requests.cpu': '8', 'limits.memory': '16Gi', 'requests.storage': '100Gi', persistentvolumeclaims: '10' }),
        sized,
        cluster({}, 'defaults'),
      ]),
    );
    // 3 × 250m and 1 CPU (the operator's default); 3 × 1Gi and 2Gi; 3 × 20Gi and 10Gi; 3 claims and 1.
    expect(Object.fromEntries(usage.map((row) => [row.resource, row.used]))).toEqual({
      'requests.cpu': 1.75,
      'limits.memory': 5 * 2 ** 30,
      'requests.storage': 70 * 2 ** 30,
      persistentvolumeclaims: 4,
    });
    // The override's replicas and claims replace the cluster's; storage "0" is an emptyDir, no claim.
    const overridden = cluster({
      replicas: 1,
      persistence: { storage: '0' },
      override: { statefulSet: { spec: { replicas: 2, volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '5Gi' } } } }] } } },
    });
    const byOverride = quotaUsage(
      unit([quota({ 'requests.storage': '100Gi', persistentvolumeclaims: '10' }), overridden, cluster({ persistence: { storage: '0' } }, 'memory')]),
    );
    expect(Object.fromEntries(byOverride.usage.map((row) => [row.resource, row.used]))).toEqual({
      'requests.storage': 10 * 2 ** 30,
      persistentvolumeclaims: 2,
    });
    // A cluster with requests only, under a quota on limits: its pod is refused, as a Deployment's would be.
    expect(
      await messages([unit([quota({ 'limits.cpu': '4' }), cluster({ resources: { requests: { cpu: '1', memory: '1Gi' } } }, 'unlimited')])], 'admission/quota'),
    ).toEqual([expect.stringContaining('container rabbitmq: states no cpu limit')]);
    expect(await messages([unit([quota({ 'requests.storage': '50Gi' }), sized])], 'admission/quota')).toEqual([
      'unit ResourceQuota quota: ns needs 60Gi of requests.storage at steady state, over its quota of 50Gi; the most: RabbitmqCluster broker 60Gi: the pods or claims beyond it are refused; raise the quota or lower the workloads',
    ]);
  });
});

describe('plaintext credentials', () => {
  const withEnv = (env: { name: string; value: string }[]) => deployment('d', [{ ...container({}), env }]);

  test('by value (token formats, URLs with a password) and by name, never quoting the value', () => {
    const problems = plaintextCredentialProblems(
      withEnv([
        { name: 'GITHUB_TOKEN', value: `ghp_${'a'.repeat(36)}` },
        { name: 'DATABASE_URL', value: 'postgres://u:s3cret@db/x' },
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'SECRET_FROM_ENV', value: '$(OTHER)' },
        { name: 'LOG_LEVEL', value: 'info' },
      ]),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^spec.template.spec.containers\[main\].env\[GITHUB_TOKEN\].value holds a GitHub token in plain text; keep it in the secret store and render an ExternalSecret/,
      ),
      expect.stringMatching(/^spec.template.spec.containers\[main\].env\[DATABASE_URL\].value holds a URL with a password in plain text/),
      expect.stringMatching(/^spec.template.spec.containers\[main\].env\[DB_PASSWORD\].value sets DB_PASSWORD to a literal/),
    ]);
    expect(problems.join('\n')).not.toMatch(/s3cret|hunter2|aaaa/);
  });

  test('ConfigMap keys and annotations named like a credential; a URL whose password is a reference is not one', () => {
    const configMap: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'ns', labels, annotations: { 'example.com/api-key': 'k' } },
      data: { API_TOKEN: 'abc', url: 'postgres://u:$(PGPASSWORD)@db/x' },
    };
    expect(plaintextCredentialProblems(configMap)).toEqual([
      expect.stringMatching(/^data.API_TOKEN is named like a credential/),
      expect.stringMatching(/^metadata.annotations.example.com\/api-key is named like a credential/),
    ]);
  });
});

describe('a new user’s mistakes in a real environment file', () => {
  let stage: string;
  beforeAll(async () => {
    stage = await readFile(path.join(REPO_ROOT, 'environments/stage.yaml'), 'utf8');
  });
  const render = (name: string, edit: (document: ReturnType<typeof parseDocument>) => void = () => {}) => {
    const document = parseDocument(stage);
    edit(document);
    return renderEnvironment(THOTH, parseEnvironment(THOTH, name, `environments/${name}.yaml`, document.toString()), TEST_IMAGE_TAGS);
  };

  test('user-api at 6 CPU / 20Gi: over the LimitRange max; 3 replicas: over the frontend quota', async () => {
    const env = render('stage', (document) => {
      document.setIn(['components', 'user-api', 'resources'], { requests: { cpu: '6', memory: '4Gi' }, limits: { cpu: '6', memory: '20Gi' } });
      document.setIn(['components', 'user-api', 'replicas'], 3);
    });
    expect(await messages([env], 'admission/limit-range')).toEqual([
      expect.stringMatching(/^stage Deployment user-api: container user-api: its cpu limit 6 is above the namespace's LimitRange max 4/),
      expect.stringMatching(/^stage Deployment user-api: container user-api: its cpu request 6 is above the namespace's LimitRange max 4/),
      expect.stringMatching(/^stage Deployment user-api: container user-api: its memory limit 20Gi is above the namespace's LimitRange max 12Gi/),
    ]);
    expect(await messages([env], 'admission/quota')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^stage ResourceQuota thoth-quota: thoth-frontend-stage needs [\d.]+ of requests.cpu at steady state, over its quota of 6; the most: Deployment user-api 18/,
        ),
      ]),
    );
  });

  test('postgresql.storage: 500Gi is over the graph namespace’s storage quota', async () => {
    const env = render('stage', (document) => document.setIn(['components', 'postgresql', 'storage'], '500Gi'));
    expect(await messages([env], 'admission/quota')).toEqual([
      expect.stringMatching(/^stage ResourceQuota thoth-quota: thoth-graph-stage needs 500Gi of requests.storage at steady state, over its quota of 80Gi/),
    ]);
  });

  test('a GitHub token and a database URL with a password in a component’s env', async () => {
    const env = render('stage', (document) =>
      document.setIn(['components', 'user-api', 'env'], { GITHUB_TOKEN: `ghp_${'b'.repeat(36)}`, DATABASE_URL: 'postgres://u:s3cret@db/x' }),
    );
    const found = await messages([env], 'policy/plaintext-credential');
    expect(found).toEqual([
      expect.stringMatching(
        /^stage Deployment user-api: spec.template.spec.containers\[user-api\].env\[DATABASE_URL\].value holds a URL with a password in plain text/,
      ),
      expect.stringMatching(
        /^stage Deployment user-api: spec.template.spec.containers\[user-api\].env\[GITHUB_TOKEN\].value holds a GitHub token in plain text/,
      ),
    ]);
  });

  test('a copy of stage as dev claims stage’s namespaces, project, topics, secrets and hosts', async () => {
    const found = await messages([render('stage'), render('dev')], 'collision/object');
    const dev = found.filter((message) => message.startsWith('dev '));
    expect(dev).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^dev Namespace thoth-graph-stage: Namespace thoth-graph-stage is also rendered by stage on the same cluster: .*; \d+ object\(s\) in it collide too$/,
        ),
        expect.stringMatching(/^dev AppProject thoth-stage: /),
        expect.stringMatching(/^dev KafkaTopic ocp4-stage\.thoth\.adviser-trigger: /),
      ]),
    );
    expect(found.filter((message) => message.startsWith('stage '))).toHaveLength(dev.length);
    expect(await messages([render('stage'), render('dev')], 'collision/ingress-host')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev Ingress user-api: Ingress host stage.thoth-station.ninja is also claimed by stage/)]),
    );
    expect((await messages([render('stage'), render('dev')], 'collision/secret-keys')).sort()).toEqual([
      expect.stringMatching(/^dev ExternalSecret .*: reads \d+ secret key\(s\) that stage reads too \(ClusterSecretStore\/thoth-vault:thoth\/stage\//),
      expect.stringMatching(/^stage ExternalSecret .*: reads \d+ secret key\(s\) that dev reads too/),
    ]);
  });

  test('the same copy renamed throughout (sed s/stage/dev/g) collides with nothing', async () => {
    const dev = parseEnvironment(THOTH, 'dev', 'environments/dev.yaml', stage.replaceAll('stage', 'dev'));
    const found = await validateEnvironments([render('stage'), renderEnvironment(THOTH, dev, TEST_IMAGE_TAGS)]);
    expect(found.filter((finding) => finding.rule.startsWith('collision/'))).toEqual([]);
  });
});
