import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareTrees } from '../src/diff/compare.js';
import { formatText } from '../src/diff/format.js';
import { COMMENT_LIMIT, formatMarkdown } from '../src/diff/markdown.js';
import { cronJob, git as gitIn, tree, type Body } from './diff/trees.js';
import { runCli } from './helpers.js';

const container = (body: Body) => ((body.spec as any).jobTemplate.spec.template.spec.containers as any[])[0];

test('a changed schedule: one changed object, the field with before and after', () => {
  const diff = compareTrees(tree(['prod', 'frontend', cronJob('graph-refresh', '@hourly')]), tree(['prod', 'frontend', cronJob('graph-refresh', '0 * * * *')]));
  expect(diff.environments).toEqual([
    {
      env: 'prod',
      applications: [
        {
          application: 'frontend',
          changes: [
            {
              change: 'changed',
              object: expect.objectContaining({ kind: 'CronJob', name: 'graph-refresh' }),
              fields: [{ path: 'spec.schedule', segments: ['spec', 'schedule'], before: '@hourly', after: '0 * * * *' }],
            },
          ],
        },
      ],
    },
  ]);
  expect(formatText(diff)).toContain('~ CronJob thoth-frontend-prod/graph-refresh\n      spec.schedule: "@hourly" → "0 * * * *"');
});

test('a removed component: each of its objects removed, in its application', () => {
  const base = tree(
    ['prod', 'frontend', cronJob('graph-refresh', '@hourly')],
    ['prod', 'frontend', cronJob('cve-update', '@daily')],
    ['stage', 'frontend', cronJob('cve-update', '@daily', 'thoth-frontend-stage')],
  );
  const diff = compareTrees(base, tree(['prod', 'frontend', cronJob('graph-refresh', '@hourly')]));
  expect(
    diff.environments.map((env) => [
      env.env,
      env.applications.flatMap((application) => application.changes.map((change) => `${change.change} ${change.object.name}`)),
    ]),
  ).toEqual([
    ['prod', ['removed cve-update']],
    ['stage', ['removed cve-update']],
  ]);
  expect(compareTrees(base, base, ['prod']).environments).toEqual([]);
});

test('a renamed object is recognised, with what else changed; a moved one names its old application', () => {
  const renamed = cronJob('graph-refresh-job', '@hourly');
  (renamed.metadata as any).labels['app.kubernetes.io/name'] = 'graph-refresh-job';
  const diff = compareTrees(
    tree(['prod', 'frontend', cronJob('graph-refresh', '@hourly')], ['prod', 'infra', cronJob('metrics', '@daily')]),
    tree(['prod', 'frontend', renamed], ['prod', 'core', cronJob('metrics', '@daily')]),
  );
  const changes = diff.environments[0]!.applications.flatMap((application) => application.changes);
  expect(changes).toEqual([
    expect.objectContaining({
      change: 'moved',
      object: expect.objectContaining({ name: 'metrics', application: 'core' }),
      from: expect.objectContaining({ application: 'infra' }),
      fields: [],
    }),
    expect.objectContaining({
      change: 'renamed',
      object: expect.objectContaining({ name: 'graph-refresh-job' }),
      from: expect.objectContaining({ name: 'graph-refresh' }),
      fields: [
        {
          path: 'metadata.labels.app.kubernetes.io/name',
          segments: ['metadata', 'labels', 'app.kubernetes.io/name'],
          before: 'graph-refresh',
          after: 'graph-refresh-job',
        },
      ],
    }),
  ]);
  expect(formatText(diff)).toContain('> CronJob thoth-frontend-prod/graph-refresh-job (renamed from graph-refresh)');
});

test('a changed secret reference: the reference shows, a credential that replaces it does not; Secret data never', () => {
  const literal = cronJob('graph-refresh', '@hourly');
  container(literal).env[1] = { name: 'DB_PASSWORD', value: 'hunter2' };
  const otherKey = cronJob('graph-refresh', '@hourly');
  container(otherKey).env[1].valueFrom.secretKeyRef.key = 'password';
  const secret = (value: string): Body => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' }, data: { token: value } });
  const base = tree(['prod', 'frontend', cronJob('graph-refresh', '@hourly')], ['prod', 'frontend', secret('b2xk')]);

  const toLiteral = compareTrees(base, tree(['prod', 'frontend', literal], ['prod', 'frontend', secret('bmV3')]));
  const text = formatText(toLiteral);
  expect(text).not.toContain('hunter2');
  expect(text).not.toContain('bmV3');
  expect(text).toContain('env[name=DB_PASSWORD].value: added (redacted)');
  expect(text).toContain('data.token: (redacted) → (redacted)');
  expect(JSON.stringify(toLiteral)).not.toContain('hunter2');

  const toOtherKey = formatText(compareTrees(base, tree(['prod', 'frontend', otherKey], ['prod', 'frontend', secret('b2xk')])));
  expect(toOtherKey).toContain('env[name=DB_PASSWORD].valueFrom.secretKeyRef.key: "database-password" → "password"');
});

test('a diff larger than one comment: parts under the limit, the summary first, every object in exactly one part', () => {
  const objects = (schedule: string) =>
    Array.from({ length: 400 }, (_, i) => ['prod', `app-${i % 7}`, { ...cronJob(`job-${i}`, schedule), note: 'x'.repeat(300) }] as [string, string, Body]);
  const diff = compareTrees(
    tree(...objects('@hourly')),
    tree(...objects('@daily').map(([env, app, body]) => [env, app, { ...body, note: 'y'.repeat(300) }] as [string, string, Body])),
  );
  const parts = formatMarkdown(diff);
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) expect(part.length).toBeLessThan(COMMENT_LIMIT);
  expect(parts[0]).toMatch(/^### thoth-gitops diff \(part 1 of \d+\)\n\n\| environment \| application \|/);
  expect(parts.at(-1)).toContain(`(part ${parts.length} of ${parts.length})`);
  for (let i = 0; i < 400; i++) expect(parts.filter((part) => part.includes(`CronJob thoth-frontend-prod/job-${i}\n`))).toHaveLength(1);
  // Every part's code blocks are closed.
  for (const part of parts) expect((part.match(/```/g) ?? []).length % 2).toBe(0);
});

test('an object with more changes than a comment holds is continued in the next parts, each part closed', () => {
  const keys = (value: string) => Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`key-${i}`, value]));
  const configMap = (value: string): Body => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'n' }, data: keys(value) });
  const many = (schedule: string) => Array.from({ length: 60 }, (_, i) => ['prod', 'frontend', cronJob(`job-${i}`, schedule)] as [string, string, Body]);
  const diff = compareTrees(tree(['prod', 'core', configMap('a')], ...many('@hourly')), tree(['prod', 'core', configMap('b')], ...many('@daily')));
  const limit = 3_000;
  const parts = formatMarkdown(diff, limit);
  expect(parts.length).toBeGreaterThan(10);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(limit);
    expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    expect(part.match(/<details>/g)?.length ?? 0).toBe(part.match(/<\/details>/g)?.length ?? 0);
  }
  const all = parts.join('');
  for (let i = 0; i < 2_000; i++) expect(all).toContain(`  data.key-${i}: "a" → "b"\n`);
  expect(parts[1]).toContain('<b>prod</b> / core (1), continued');
});

test('a secret never shows, however it arrives: whole items, containers, ConfigMap keys, dotted keys, embedded JSON, URLs, Argo defaults', () => {
  const withEnv = (env: unknown[]): Body => ({
    ...cronJob('j', '@hourly'),
    spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'main', image: 'x:1', env }] } } } } },
  });
  const base = tree(
    ['prod', 'frontend', withEnv([])],
    ['prod', 'frontend', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { mode: 'a' } }],
  );
  const head = tree(
    [
      'prod',
      'frontend',
      withEnv([
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: 'hunter3' },
        { name: 'DATABASE_URL', value: 'postgres://thoth:hunter4@db/kg' },
        { name: 'CONFIG', value: '{"token":"hunter5"}' },
      ]),
    ],
    [
      'prod',
      'frontend',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { mode: 'b', DB_PASSWORD: 'hunter6', 'password.txt': 'hunter7' } },
    ],
    [
      'prod',
      'frontend',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'WorkflowTemplate',
        metadata: { name: 'w', namespace: 'n' },
        spec: { arguments: { parameters: [{ name: 'registry-password', default: 'hunter8' }] } },
      },
    ],
  );
  const diff = compareTrees(base, head);
  for (const output of [formatText(diff), JSON.stringify(diff), formatMarkdown(diff).join('')]) {
    for (const secret of ['hunter2', 'hunter3', 'hunter4', 'hunter5', 'hunter6', 'hunter7'])
      expect({ secret, shown: output.includes(secret) }).toEqual({ secret, shown: false });
  }
  const text = formatText(diff);
  expect(text).toContain('postgres://thoth:(redacted)@db/kg');
  expect(text).toContain('data.mode: "a" → "b"');
});

test('unrelated small objects are not taken for a rename; among equals the closest name wins', () => {
  const topic = (name: string): Body => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: { name, namespace: 'kafka' },
    spec: { partitions: 1, replicas: 1 },
  });
  const changes = (base: Map<string, string>, head: Map<string, string>) =>
    compareTrees(base, head).environments.flatMap((env) =>
      env.applications.flatMap((application) =>
        application.changes.map((change) => `${change.change} ${change.object.name}${change.from ? ` from ${change.from.name}` : ''}`),
      ),
    );
  expect(changes(tree(['prod', 'kafka', topic('a.adviser-trigger')]), tree(['prod', 'kafka', topic('a.cve-provided')]))).toEqual([
    'removed a.adviser-trigger',
    'added a.cve-provided',
  ]);
  expect(
    changes(
      tree(['prod', 'frontend', cronJob('alpha', '@daily')], ['prod', 'frontend', cronJob('graph-refresh', '@daily')]),
      tree(['prod', 'frontend', cronJob('alpha', '@daily')], ['prod', 'frontend', cronJob('graph-refresh-job', '@daily')]),
    ),
  ).toEqual(['renamed graph-refresh-job from graph-refresh']);
});

describe('the diff command between git refs', () => {
  let repo: string;
  const git = (...args: string[]) => gitIn(repo, ...args);
  const write = async (trees: Map<string, string>) => {
    await rm(path.join(repo, 'generated'), { recursive: true, force: true });
    for (const [file, content] of trees) {
      await mkdir(path.dirname(path.join(repo, 'generated', file)), { recursive: true });
      await writeFile(path.join(repo, 'generated', file), content);
    }
  };
  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'thoth-diff-'));
    // What makes it a repository's root for the CLI, run from any folder inside.
    await mkdir(path.join(repo, 'environments'));
    git('init', '-q', '-b', 'main');
    await write(tree(['prod', 'frontend', cronJob('graph-refresh', '@hourly')]));
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'change');
    await write(tree(['prod', 'frontend', cronJob('graph-refresh', '@daily')]));
    git('commit', '-qam', 'change');
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  test('default: the merge base with main against the working tree; --exit-code says whether anything changed', async () => {
    const changed = await runCli(['diff', '--cwd', repo, '--exit-code']);
    expect(changed).toMatchObject({ code: 2, err: '' });
    expect(changed.out).toContain('spec.schedule: "@hourly" → "@daily"');
    expect(await runCli(['diff', '--cwd', repo, '--base', 'HEAD', '--exit-code'])).toMatchObject({ code: 0, out: 'no changes\n' });
  });

  test('two refs, as JSON', async () => {
    const { code, out } = await runCli(['diff', '--cwd', repo, '--base', 'main', '--head', 'change', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ base: 'main', head: 'change', changes: 1 });
  });

  test('an environment that is on neither side is bad input, not "no changes"', async () => {
    expect(await runCli(['diff', '--cwd', repo, '--env', 'prd', '--exit-code'])).toMatchObject({
      code: 1,
      out: '',
      err: 'thoth-gitops diff: no environment prd in generated/ at either side; known: prod\n',
    });
  });

  test('run from a folder inside the repository, or given one as --cwd: the changes at the root, not "no changes"', async () => {
    const inside = path.join(repo, 'generated', 'prod');
    const started = process.cwd();
    process.chdir(inside);
    try {
      const fromInside = await runCli(['diff', '--base', 'main', '--head', 'change', '--exit-code']);
      expect(fromInside).toMatchObject({ code: 2, err: '' });
      expect(fromInside.out).toContain('spec.schedule: "@hourly" → "@daily"');
    } finally {
      process.chdir(started);
    }
    expect((await runCli(['diff', '--cwd', inside, '--base', 'main', '--exit-code'])).out).toContain('spec.schedule: "@hourly" → "@daily"');
  });

  test('a folder with no rendered manifests on either side is bad input, not "no changes"', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'thoth-diff-empty-'));
    try {
      gitIn(empty, 'init', '-q', '-b', 'main');
      gitIn(empty, 'commit', '-q', '--allow-empty', '-m', 'nothing');
      expect(await runCli(['diff', '--cwd', empty, '--base', 'main'])).toMatchObject({
        code: 1,
        out: '',
        err: `thoth-gitops diff: no rendered manifests in ${empty}/generated/, at main or in the working tree; run it in the repository, or give --cwd\n`,
      });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  test('an unknown ref is bad input, exit 1, with git’s reason', async () => {
    const { code, err } = await runCli(['diff', '--cwd', repo, '--base', 'no-such-ref']);
    expect(code).toBe(1);
    expect(err).toBe(`thoth-gitops diff: "no-such-ref" is not a commit of the repository in ${repo}; give a branch, tag or commit\n`);
  });
});
