import type { Manifest, RenderedEnvironment } from '../../src/synth/manifest.js';
import { validateEnvironments } from '../../src/validate/index.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';

const labels = {
  'app.kubernetes.io/name': 'x',
  'app.kubernetes.io/component': 'x',
  'app.kubernetes.io/part-of': 'thoth',
  'app.kubernetes.io/managed-by': 'thoth-gitops',
};
const meta = (name: string, namespace?: string, annotations?: Record<string, string>) => ({
  name,
  ...(namespace === undefined ? {} : { namespace }),
  labels,
  ...(annotations === undefined ? {} : { annotations }),
});
const environment = (manifests: Manifest[], kubernetesVersion = '1.30'): RenderedEnvironment => ({
  name: 'unit',
  kubernetesVersion,
  applications: [
    {
      name: 'app',
      wave: 0,
      namespace: 'ns',
      objects: manifests.map((manifest, index) => ({ manifest, application: 'app', file: `app/object-${index}.yaml`, constructPath: `unit/Object${index}` })),
    },
  ],
});
const namespace: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: meta('ns') };
const networkPolicy: Manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: meta('deny', 'ns'),
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};
const role = (verbs: string[], annotations?: Record<string, string>): Manifest => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: meta('r', 'ns', annotations),
  rules: [{ apiGroups: [''], resources: ['pods'], verbs }],
});
const service = (app: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('s', 'ns'),
  spec: { selector: { app }, ports: [{ port: 80 }] },
});
const deployment: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('d', 'ns'),
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'main', image: 'x:1' }] } },
  },
};

async function findings(manifests: Manifest[], rules: string[], kubernetesVersion?: string) {
  return (await validateEnvironments([environment(manifests, kubernetesVersion)]))
    .filter((finding) => rules.includes(finding.rule))
    .map((finding) => `${finding.kind} ${finding.name} [${finding.rule}] ${finding.message}`);
}

test('a namespace without a NetworkPolicy', async () => {
  expect(await findings([namespace], ['policy/network-policy'])).toEqual([
    expect.stringMatching(/^Namespace ns \[policy\/network-policy\] namespace ns has no NetworkPolicy/),
  ]);
  expect(await findings([namespace, networkPolicy], ['policy/network-policy'])).toEqual([]);
});

test('a Role that grants "*"', async () => {
  expect(await findings([role(['*'])], ['policy/rbac-wildcard'])).toEqual([
    'Role r [policy/rbac-wildcard] rules[0] grants "*" in verbs; name the groups, resources and verbs the program needs',
  ]);
  expect(await findings([role(['get'])], ['policy/rbac-wildcard'])).toEqual([]);
});

test('a Service whose selector matches no workload’s pods; ExternalName and selector-less Services select none', async () => {
  expect(await findings([service('apj'), deployment], ['reference/service-selector'])).toEqual([
    "Service s [reference/service-selector] selects app=apj, which no workload's pods in ns carry",
  ]);
  expect(await findings([service('api'), deployment], ['reference/service-selector'])).toEqual([]);
  const externalName: Manifest = { ...service('apj'), spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'apj' } } };
  const noSelector: Manifest = { ...service('apj'), spec: { selector: {}, ports: [{ port: 80 }] } };
  expect(await findings([externalName, noSelector], ['reference/service-selector'])).toEqual([]);
});

test('API versions removed or deprecated at the environment’s Kubernetes version', async () => {
  const cronJob: Manifest = { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: meta('c', 'ns'), spec: {} };
  const hpa: Manifest = { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: meta('h', 'ns'), spec: {} };
  expect(await findings([cronJob, hpa], ['deprecation'], '1.30')).toEqual([
    'CronJob c [deprecation] batch/v1beta1 CronJob is no longer served (removed in Kubernetes 1.25; this environment runs 1.30); use batch/v1',
    'HorizontalPodAutoscaler h [deprecation] autoscaling/v2beta2 HorizontalPodAutoscaler is no longer served (removed in Kubernetes 1.26; this environment runs 1.30); use autoscaling/v2',
  ]);
  expect(await findings([hpa], ['deprecation'], '1.24')).toEqual([
    'HorizontalPodAutoscaler h [deprecation] autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated and removed in Kubernetes 1.26; use autoscaling/v2',
  ]);
  const old: Manifest[] = [
    { apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: meta('a', 'ns'), spec: {} },
    { apiVersion: 'storage.k8s.io/v1beta1', kind: 'StorageClass', metadata: meta('s') },
    { apiVersion: 'scheduling.k8s.io/v1beta1', kind: 'PriorityClass', metadata: meta('p') },
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind: 'FlowSchema', metadata: meta('f') },
  ];
  expect((await findings(old, ['deprecation'], '1.30')).map((finding) => finding.split(' [')[0])).toEqual([
    'Deployment a',
    'StorageClass s',
    'PriorityClass p',
    'FlowSchema f',
  ]);
});

test('a waiver with a reason hides one rule’s finding on one object; without a reason, or waiving nothing, it is a finding', async () => {
  const waived = role(['*'], waiverAnnotation('policy/rbac-wildcard', 'the operator it installs needs every verb'));
  expect(await findings([waived], ['policy/rbac-wildcard', 'waiver'])).toEqual([]);
  expect(await findings([role(['*'], waiverAnnotation('policy/rbac-wildcard', ' '))], ['policy/rbac-wildcard', 'waiver'])).toEqual([
    'Role r [policy/rbac-wildcard] rules[0] grants "*" in verbs; name the groups, resources and verbs the program needs',
    'Role r [waiver] the waiver of policy/rbac-wildcard gives no reason; say why the finding does not apply here',
  ]);
  expect(await findings([role(['get'], waiverAnnotation('policy/rbac-wildcard', 'no longer needed'))], ['waiver'])).toEqual([
    'Role r [waiver] waives policy/rbac-wildcard, which finds nothing on this object in any environment; remove the waiver',
  ]);
});

test('a waiver of a check that did not run, or one another environment needs, is not called unused', async () => {
  // promtool is off here: its waiver cannot be judged.
  expect(await findings([role(['get'], waiverAnnotation('alert-rules', 'rules loaded elsewhere'))], ['waiver'])).toEqual([]);
  // The same construct: it grants "*" in one environment only.
  const needed = environment([role(['*'], waiverAnnotation('policy/rbac-wildcard', 'prod only'))]);
  const notNeeded = { ...environment([role(['get'], waiverAnnotation('policy/rbac-wildcard', 'prod only'))]), name: 'other' };
  expect((await validateEnvironments([needed, notNeeded])).filter((finding) => ['waiver', 'policy/rbac-wildcard'].includes(finding.rule))).toEqual([]);
});

test('promtool checks the rule groups of every environment at once, and each finding is its own environment’s', async () => {
  const rule = (expr: string): Manifest => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: meta('rules', 'ns'),
    spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr, for: '5m', labels: { severity: 'warning' } }] }] },
  });
  const sound = { ...environment([namespace, rule('up == 0')]), name: 'sound' };
  const broken = { ...environment([namespace, rule('up{')]), name: 'broken' };
  const found = (await validateEnvironments([sound, broken, { ...sound, name: 'sound-too' }], { promtool: true })).filter(
    (finding) => finding.rule === 'alert-rules',
  );
  expect(found.map((finding) => [finding.environment, finding.file])).toEqual([['broken', 'generated/broken/app/object-1.yaml']]);
  expect(found[0]!.message).toMatch(/^promtool check rules: .*could not parse expression/);
});
