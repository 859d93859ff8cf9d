import { unknownFieldProblems } from '../../src/validate/unknown-fields.js';
import type { Manifest } from '../../src/synth/manifest.js';
import { manifestsOf, renderReal } from '../helpers.js';

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'n', labels: { app: 'd' } },
  spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'main', image: 'x:1', ...container }] } }, ...extra },
});

test('a misspelt field is reported with its path, the likely field and the known ones', async () => {
  const problems = await unknownFieldProblems(deployment({ imagePullPolicyy: 'Always' }, { replica: 2 }));
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field; did you mean imagePullPolicy\? \(the fields of Container are args, command, env, /);
  expect(problems[1]).toMatch(/^spec\.replica: unknown field; did you mean replicas\?/);
});

test('labels, annotations and other maps take any key; known fields pass; custom resources are left to their schemas', async () => {
  expect(await unknownFieldProblems(deployment({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }], resources: { limits: { cpu: '1' } } }))).toEqual([]);
  expect(await unknownFieldProblems({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { whatever: 1 } })).toEqual([]);
});

test('nothing unknown in what prod renders', async () => {
  const problems = await Promise.all(manifestsOf(await renderReal('prod')).map(unknownFieldProblems));
  expect(problems.flat()).toEqual([]);
});
