/**
 * synth, validate and check with their helper thread (HELP_FROM or more environments, from the bundled
 * CLI): synth's files are those the main thread alone renders, byte for byte, and the report lists
 * the environments in their order; validate's and check's reports are those of the main thread alone,
 * findings across the two threads' shares (collisions, waivers, --base) included; a failure in the
 * helper's share is the same one-line error, with generated/ unchanged.
 */
import { execFile } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { listFiles } from '../../src/synth/files.js';
import { git } from '../diff/trees.js';
import { ENVIRONMENTS, REPO_ROOT, runCli, temporaryRepository } from '../helpers.js';
import { HELP_FROM } from '../../src/synth/helper-thread.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin', 'thoth-gitops.js');
/** The repository's environments, of every platform, and Thoth's three again under other names. */
const AGAIN = ['prod', 'stage', 'test'];
/**
 * More copies of test, as many as the helper needs to start, named to sort after the others so that
 * which thread takes each of those (every other one) stays as the tests below say.
 */
const PADDING = Array.from({ length: Math.max(0, HELP_FROM - ENVIRONMENTS.length - AGAIN.length) }, (_, index) => `test-padding-${index + 1}`);
/** Each copy, and the environment it copies. */
const COPIES: readonly (readonly [string, string])[] = [
  ...AGAIN.map((name) => [`${name}-again`, name] as const),
  ...PADDING.map((copy) => [copy, 'test'] as const),
];
const NAMES = [...ENVIRONMENTS, ...COPIES.map(([copy]) => copy)].sort();

async function environmentsAndCopies() {
  const repo = await temporaryRepository();
  for (const [copy, name] of COPIES) {
    await copyFile(path.join(repo.dir, 'environments', `${name}.yaml`), path.join(repo.dir, 'environments', `${copy}.yaml`));
  }
  return repo;
}

async function filesOf(dir: string): Promise<Map<string, string>> {
  const generated = path.join(dir, 'generated');
  return new Map(await Promise.all(listFiles(generated).map(async (file) => [file, await readFile(path.join(generated, file), 'utf8')] as const)));
}

test('the helper thread renders what the main thread alone renders, and the report keeps the environments’ order', async () => {
  const helped = await environmentsAndCopies();
  const alone = await environmentsAndCopies();
  try {
    const { stdout } = await run(process.execPath, [BIN, 'synth', '--cwd', helped.dir]);
    expect(
      stdout
        .split('\n')
        .filter((line) => line.includes(' objects in '))
        .map((line) => line.split(':')[0]),
    ).toEqual(NAMES);
    // In process, the CLI has no helper: every environment is rendered on this thread.
    expect((await runCli(['synth', '--cwd', alone.dir])).code).toBe(0);
    const [a, b] = [await filesOf(helped.dir), await filesOf(alone.dir)];
    expect(a.size).toBeGreaterThan(2_000);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [file, content] of a) expect(b.get(file) === content ? '' : file).toBe('');
  } finally {
    await helped.remove();
    await alone.remove();
  }
}, 120_000);

test('a folder the helper cannot read is the same one-line error, and generated/ is left as it was', async () => {
  const repo = await environmentsAndCopies();
  try {
    await run(process.execPath, [BIN, 'synth', '--cwd', repo.dir]);
    const before = await filesOf(repo.dir);
    // prod-again is the helper's (every other environment); its folder becomes a file.
    await rm(path.join(repo.dir, 'generated', 'prod-again'), { recursive: true });
    await writeFile(path.join(repo.dir, 'generated', 'prod-again'), 'not a folder\n');
    await writeFile(
      path.join(repo.dir, 'environments', 'stage.yaml'),
      `${await readFile(path.join(repo.dir, 'environments', 'stage.yaml'), 'utf8')}\n# changed\n`,
    );
    const failed = await run(process.execPath, [BIN, 'synth', '--cwd', repo.dir]).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: 'error: generated/prod-again: cannot read (it is a file, not a folder)\n' });
    const after = await filesOf(repo.dir);
    before.delete('prod-again');
    for (const file of [...before.keys()].filter((file) => file.startsWith('prod-again/'))) before.delete(file);
    after.delete('prod-again');
    expect([...after].filter(([file, content]) => before.get(file) !== content).map(([file]) => file)).toEqual([]);
  } finally {
    await repo.remove();
  }
}, 120_000);

/** The bundled CLI's exit code and stdout (it runs the helper), as runCli gives the in-process one's (it has none). */
async function runBundled(argv: readonly string[]): Promise<{ code: number; out: string }> {
  const done = await run(process.execPath, [BIN, ...argv], { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  return { code: done.code, out: done.stdout };
}

test('validate: the same report with the helper as without, collisions between the shares and --base in the helper’s included', async () => {
  const repo = await environmentsAndCopies();
  try {
    expect((await runCli(['synth', '--cwd', repo.dir])).code).toBe(0);
    git(repo.dir, 'init', '-q', '-b', 'main');
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'base');
    // test-again is the helper's, stage this thread's: each changes a StatefulSet's volume claim, which the API server refuses.
    for (const [name, from, to] of [
      ['test-again', 'postgresql: { storage: 20Gi }', 'postgresql: { storage: 30Gi }'],
      ['stage', 'postgresql: { storage: 60Gi }', 'postgresql: { storage: 70Gi }'],
    ] as const) {
      const file = path.join(repo.dir, 'environments', `${name}.yaml`);
      const text = await readFile(file, 'utf8');
      expect(text).toContain(from);
      await writeFile(file, text.replace(from, to));
    }
    const argv = ['validate', '--cwd', repo.dir, '--base', 'main', '--format', 'json'];
    const [helped, alone] = [await runBundled(argv), await runCli(argv)];
    expect(helped.code).toBe(alone.code);
    expect(JSON.parse(helped.out)).toEqual(JSON.parse(alone.out));
    const findings = (JSON.parse(helped.out) as { findings: { environment: string; rule: string }[] }).findings;
    const seen = (rule: string) => [...new Set(findings.filter((finding) => finding.rule === rule).map((finding) => finding.environment))].sort();
    // Each copy collides with its original, across the threads' shares.
    expect(seen('collision/object')).toEqual([...new Set(COPIES.flat())].sort());
    expect(seen('immutable-field')).toEqual(['stage', 'test-again']);
  } finally {
    await repo.remove();
  }
}, 180_000);

test('check: the same drift with the helper as without, in either thread’s folders and beside them', async () => {
  const repo = await environmentsAndCopies();
  try {
    expect((await runCli(['synth', '--cwd', repo.dir])).code).toBe(0);
    const generated = path.join(repo.dir, 'generated');
    const [helpers, mine] = ['prod-again', 'stage'].map((name) => listFiles(path.join(generated, name)).map((file) => path.join(generated, name, file)));
    await writeFile(helpers![0]!, '# edited by hand\n');
    await rm(mine![0]!);
    await writeFile(path.join(generated, 'test-again', 'left-over.yaml'), 'kind: ConfigMap\n');
    const argv = ['check', '--cwd', repo.dir, '--format', 'json'];
    const [helped, alone] = [await runBundled(argv), await runCli(argv)];
    expect(helped.code).toBe(2);
    expect(JSON.parse(helped.out)).toEqual(JSON.parse(alone.out));
    const shown = (file: string) => path.relative(repo.dir, file);
    expect(JSON.parse(helped.out).drift).toEqual({
      changed: [shown(helpers![0]!)],
      missing: [shown(mine![0]!)],
      extra: ['generated/test-again/left-over.yaml'],
    });
  } finally {
    await repo.remove();
  }
}, 180_000);
