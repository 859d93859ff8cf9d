/**
 * The case end to end: postgresql.storage changed in an environment file changes a
 * StatefulSet's volumeClaimTemplates, which the API server refuses to update. `diff` flags it and
 * `validate --base` reports it as a finding, run from anywhere in the repository.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli, temporaryRepository } from '../helpers.js';
import { git } from './trees.js';

const ENV = 'test';
let repo: Awaited<ReturnType<typeof temporaryRepository>>;

beforeAll(async () => {
  repo = await temporaryRepository();
  expect((await runCli(['synth', '--env', ENV, '--cwd', repo.dir])).code).toBe(0);
  git(repo.dir, 'init', '-q', '-b', 'main');
  git(repo.dir, 'add', '-A');
  git(repo.dir, 'commit', '-qm', 'base');
  const file = path.join(repo.dir, 'environments', `${ENV}.yaml`);
  const text = await readFile(file, 'utf8');
  expect(text).toContain('postgresql: { storage: 20Gi }');
  await writeFile(file, text.replace('postgresql: { storage: 20Gi }', 'postgresql: { storage: 30Gi }'));
  expect((await runCli(['synth', '--env', ENV, '--cwd', repo.dir])).code).toBe(0);
}, 120_000);

afterAll(() => repo.remove());

test('validate --base: an immutable-field warning with the procedure, which does not fail the gate (exit 0); none without --base', async () => {
  const run = await runCli(['validate', '--env', ENV, '--base', 'main', '--format', 'json', '--cwd', repo.dir]);
  expect(run.code).toBe(0);
  const findings = (JSON.parse(run.out) as { findings: { rule: string; namespace: string }[] }).findings.filter(
    (finding) => finding.rule === 'immutable-field',
  );
  const namespace = findings[0]?.namespace;
  expect(findings).toEqual([
    {
      environment: ENV,
      application: 'graph',
      kind: 'StatefulSet',
      namespace,
      name: 'postgresql',
      file: `generated/test/graph/statefulset_${namespace}_postgresql.yaml`,
      constructPath: 'graph/postgresql/StatefulSet',
      rule: 'immutable-field',
      severity: 'warning',
      message: expect.stringMatching(
        new RegExp(
          `^spec\\.volumeClaimTemplates changed since main, and a StatefulSet's spec may change only in .*; to apply it: kubectl -n ${namespace} delete statefulset postgresql --cascade=orphan .* patch pvc `,
        ),
      ),
    },
  ]);
  const github = await runCli(['validate', '--env', ENV, '--base', 'main', '--format', 'github', '--cwd', repo.dir]);
  expect(github.out).toMatch(/^::warning file=generated\/test\/graph\/statefulset_.*_postgresql\.yaml,title=immutable-field%3A StatefulSet /m);
  expect(github.out).toMatch(/: 1 warning\(s\)$/m);
  const plain = await runCli(['validate', '--env', ENV, '--format', 'json', '--cwd', repo.dir]);
  expect((JSON.parse(plain.out) as { findings: { rule: string }[] }).findings.filter((finding) => finding.rule === 'immutable-field')).toEqual([]);
}, 120_000);

test('validate --base with a ref that is not a commit: bad input, exit 1, no stack', async () => {
  expect(await runCli(['validate', '--env', ENV, '--base', 'no-such-ref', '--cwd', repo.dir])).toMatchObject({
    code: 1,
    err: `error: --base: "no-such-ref" is not a commit of the repository in ${repo.dir}; give a branch, tag or commit\n`,
  });
}, 120_000);

test('diff from a folder inside the repository: the storage change, flagged with the procedure', async () => {
  const started = process.cwd();
  process.chdir(path.join(repo.dir, 'generated', ENV));
  try {
    const text = await runCli(['diff', '--base', 'main']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/~ StatefulSet [\w-]+\/postgresql\n {6}! the API server refuses this update of spec\.volumeClaimTemplates: /);
    expect(text.out).toContain('spec.volumeClaimTemplates[0].spec.resources.requests.storage: "20Gi" → "30Gi"');
    expect(text.out).toMatch(/to apply it: kubectl -n [\w-]+ delete statefulset postgresql --cascade=orphan /);
    const markdown = await runCli(['diff', '--base', 'main', '--format', 'markdown']);
    expect(markdown.out).toMatch(/> - \*\*test \/ graph\*\*: StatefulSet [\w-]+\/postgresql: `spec\.volumeClaimTemplates`: /);
    expect(JSON.parse((await runCli(['diff', '--base', 'main', '--format', 'json'])).out)).toMatchObject({ refused: 1 });
  } finally {
    process.chdir(started);
  }
}, 120_000);
