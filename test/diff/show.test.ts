import { compareTrees } from '../../src/diff/compare.js';
import { formatText } from '../../src/diff/format.js';
import { formatMarkdown } from '../../src/diff/markdown.js';
import { tree, type Body } from './trees.js';

const errorRatio = (threshold: string) =>
  `sum by (namespace, job) (rate(http_requests_total{namespace="thoth-frontend-prod", job="user-api", code=~"5.."}[5m])) / sum by (namespace, job) (rate(http_requests_total{namespace="thoth-frontend-prod", job="user-api"}[5m])) > ${threshold} and on (job) up{job="user-api"} == 1`;
const rules = (threshold: string): Body => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'user-api', namespace: 'thoth-frontend-prod' },
  spec: { groups: [{ name: 'user-api', rules: [{ alert: 'UserApiErrors', expr: errorRatio(threshold), for: '10m' }] }] },
});
const role: Body = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'read-workflow-pods', namespace: 'thoth-amun-inspection-prod' },
  rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }],
};
const EXPR = 'spec.groups[name=user-api].rules[name=UserApiErrors].expr';

test('a threshold changed inside a long PromQL expression: the change itself, with the text around it, never two identical strings', () => {
  const diff = compareTrees(tree(['prod', 'frontend', rules('0.25')]), tree(['prod', 'frontend', rules('0.5')]));
  const line = formatText(diff)
    .split('\n')
    .find((candidate) => candidate.includes(EXPR))!;
  expect(line).toBe(`      ${EXPR}: …", job="user-api"}[5m])) > [-0.25-]{+0.5+} and on (job) up{job="user-api"} == 1"`);
  expect(formatMarkdown(diff)[0]).toContain(`\n  ${EXPR}: …", job="user-api"}[5m])) > [-0.25-]{+0.5+} and on (job) up{job="user-api"} == 1"\n`);
  // On a terminal, git's colours instead of the marks.
  expect(formatText(diff, { color: true })).toContain('[5m])) > \u001b[31m0.25\u001b[0m\u001b[32m0.5\u001b[0m and on (job)');
});

test('changes far apart in a long value: each with its context, the unchanged middle cut', () => {
  const long = (first: string, last: string) => `${first} ${'middle '.repeat(300)}${last}`;
  const object = (value: string): Body => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { 'config.txt': value } });
  const text = formatText(compareTrees(tree(['prod', 'core', object(long('start=1', 'end=1'))]), tree(['prod', 'core', object(long('start=2', 'end=2'))])));
  const line = text.split('\n').find((candidate) => candidate.includes('data.config.txt'))!;
  expect(line).toMatch(/^ {6}data\.config\.txt: "start=\[-1-\]\{\+2\+\} middle middle .*….* middle middle end=\[-1-\]\{\+2\+\}"$/);
  expect(line.length).toBeLessThan(200);
});

test('a long value rewritten throughout: one change between the common start and end, each side cut to its ends', () => {
  const words = (letter: string) => Array.from({ length: 1_200 }, (_, i) => `${letter}${i}`).join(' ');
  const object = (value: string): Body => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { script: value } });
  const text = formatText(
    compareTrees(tree(['prod', 'core', object(`prefix ${words('a')} suffix`)]), tree(['prod', 'core', object(`prefix ${words('b')} suffix`)])),
  );
  const line = text.split('\n').find((candidate) => candidate.includes('data.script'))!;
  expect(line).toMatch(/^ {6}data\.script: "prefix \[-a0 a1 a2 .*….* a1198 a-\]\{\+b0 b1 b2 .*….* b1198 b\+\}1199 suffix"$/);
  expect(line.length).toBeLessThan(500);
});

test('an added object shows its content: in a terminal under its heading, in a comment collapsed; a removed one its title (and collapsed content)', () => {
  const added = compareTrees(tree(), tree(['prod', 'amun-api', role]));
  expect(formatText(added)).toContain(
    [
      '    + Role thoth-amun-inspection-prod/read-workflow-pods (added)',
      '        apiVersion: rbac.authorization.k8s.io/v1',
      '        kind: Role',
      '        metadata:',
      '          name: read-workflow-pods',
      '          namespace: thoth-amun-inspection-prod',
      '        rules:',
      '          - apiGroups:',
      '              - ""',
      '            resources:',
      '              - pods',
      '              - pods/log',
      '            verbs:',
      '              - get',
    ].join('\n'),
  );
  const [markdown] = formatMarkdown(added);
  expect(markdown).toContain(
    '```diff\n+ Role thoth-amun-inspection-prod/read-workflow-pods (added)\n```\n\n<details><summary>Role thoth-amun-inspection-prod/read-workflow-pods: the added object</summary>\n\n```yaml\n',
  );
  expect(markdown).toContain('rules:\n  - apiGroups:\n      - ""\n    resources:\n      - pods\n      - pods/log\n');

  const removed = compareTrees(tree(['prod', 'amun-api', role]), tree());
  expect(formatText(removed)).toContain('    - Role thoth-amun-inspection-prod/read-workflow-pods (removed)\n1 object(s)');
  expect(formatMarkdown(removed)[0]).toContain('<details><summary>Role thoth-amun-inspection-prod/read-workflow-pods: the removed object</summary>');
});

test('an added object’s content: credentials redacted, a long one cut with a count of the lines left out', () => {
  const secret: Body = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'postgresql', namespace: 'n' },
    stringData: { 'database-password': 'hunter2' },
    data: { token: 'aHVudGVyMw==' },
  };
  const config: Body = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'big', namespace: 'n' },
    data: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`key-${i}`, `value-${i}`])),
  };
  const diff = compareTrees(tree(), tree(['prod', 'core', secret], ['prod', 'core', config]));
  for (const output of [formatText(diff), formatMarkdown(diff).join(''), JSON.stringify(diff)]) {
    expect({ shown: output.includes('hunter2') || output.includes('aHVudGVyMw==') }).toEqual({ shown: false });
  }
  const text = formatText(diff);
  expect(text).toContain('        data: (redacted)');
  // 39 lines of YAML (apiVersion, kind, 3 of metadata, data:, key-0 to key-32) and the count of the other 67.
  expect(text).toContain('          key-32: value-32\n        … 67 more lines\n');
  expect(text).not.toContain('key-33');
  expect(formatMarkdown(diff)[0]).toContain('key-99: value-99');
});

test('a comment cut into parts around added objects: every part closes its code blocks and collapsed sections', () => {
  const roles = Array.from(
    { length: 40 },
    (_, i) => ['prod', `app-${i % 3}`, { ...role, metadata: { name: `role-${i}`, namespace: 'n' } }] as [string, string, Body],
  );
  const parts = formatMarkdown(compareTrees(tree(), tree(...roles)), 2_500);
  expect(parts.length).toBeGreaterThan(5);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(2_500);
    expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    expect(part.match(/<details>/g)?.length ?? 0).toBe(part.match(/<\/details>/g)?.length ?? 0);
  }
  for (let i = 0; i < 40; i++) expect(parts.filter((part) => part.includes(`+ Role n/role-${i} (added)\n`))).toHaveLength(1);
});
