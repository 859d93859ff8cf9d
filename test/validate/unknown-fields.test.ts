import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unknownFieldProblems } from '../../src/validate/unknown-fields.js';
import type { Manifest } from '../../src/synth/manifest.js';
import { manifestsOf, renderReal } from '../helpers.js';

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'n', labels: { app: 'd' } },
  spec: {
    selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'main', image: 'x:1', ...container }] } },
    ...extra,
  },
});

test('a misspelt field is reported with its path, the likely field and the known ones', async () => {
  const problems = await unknownFieldProblems(deployment({ imagePullPolicyy: 'Always' }, { replica: 2 }));
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(
    /^spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field; did you mean imagePullPolicy\? \(Kubernetes apps\/v1 allows args, command, env, /,
  );
  expect(problems[1]).toMatch(/^spec\.replica: unknown field; did you mean replicas\?/);
});

test('labels, annotations and other maps take any key; known fields pass', async () => {
  expect(
    await unknownFieldProblems(
      deployment({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }], resources: { limits: { cpu: '1' } } }),
    ),
  ).toEqual([]);
});

test('custom resources are checked against their vendored CRDs, free-form parts left alone', async () => {
  const template = (step: Record<string, unknown>): Manifest => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name: 'w', namespace: 'n' },
    spec: { entrypoint: 'main', templates: [{ name: 'main', ...step }] },
  });
  expect(
    await unknownFieldProblems(template({ container: { image: 'x:1', args: ['a'] }, outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] } })),
  ).toEqual([]);
  const [problem] = await unknownFieldProblems(template({ contianer: { image: 'x:1' } }));
  expect(problem).toMatch(/^spec\.templates\[0\]\.contianer: unknown field; did you mean container\? \(the CRD allows /);
  const rule: Manifest = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'r', namespace: 'n' },
    spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', severity: 'critical' }] }] },
  };
  expect(await unknownFieldProblems(rule)).toEqual([expect.stringMatching(/^spec\.groups\[0\]\.rules\[0\]\.severity: unknown field; did you mean /)]);
});

test('k8s-fields.ts is what scripts/k8s-fields.mjs makes of the installed @kubernetes/client-node', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-fields-')), 'k8s-fields.ts');
  execFileSync(process.execPath, ['scripts/k8s-fields.mjs', out]);
  expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/validate/k8s-fields.ts', 'utf8'));
});

// The vendored CRDs live beside the repository (../shared/crds), as in this project's CI; a checkout
// without them (a GitHub pull request) cannot regenerate the file, so the comparison runs where they are.
const CRDS = path.resolve('..', 'shared', 'crds');
(existsSync(CRDS) ? test : test.skip)('crd-fields.ts is what scripts/crd-fields.mjs makes of the vendored CRDs', () => {
  const crds = CRDS;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'crd-fields-')), 'crd-fields.ts');
  execFileSync(process.execPath, ['scripts/crd-fields.mjs', crds, out]);
  expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/validate/crd-fields.ts', 'utf8'));
});

test('nothing unknown in what prod renders', async () => {
  const problems = await Promise.all(manifestsOf(await renderReal('prod')).map(unknownFieldProblems));
  expect(problems.flat()).toEqual([]);
});
