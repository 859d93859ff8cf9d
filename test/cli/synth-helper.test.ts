/**
 * synth with its helper thread (six or more environments, from the bundled CLI): the files are those
 * the main thread alone renders, byte for byte, the report lists the environments in their order, and
 * a failure in the helper's share is the same one-line error, with generated/ unchanged.
 */
import { execFile } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { listFiles } from '../../src/synth/files.js';
import { REPO_ROOT, runCli, temporaryRepository } from '../helpers.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin', 'thoth-gitops.js');
/** Six environments: the repository's three, and each again under another name. */
const NAMES = ['prod', 'prod-again', 'stage', 'stage-again', 'test', 'test-again'];

async function sixEnvironments() {
  const repo = await temporaryRepository();
  for (const name of ['prod', 'stage', 'test']) {
    await copyFile(path.join(repo.dir, 'environments', `${name}.yaml`), path.join(repo.dir, 'environments', `${name}-again.yaml`));
  }
  return repo;
}

async function filesOf(dir: string): Promise<Map<string, string>> {
  const generated = path.join(dir, 'generated');
  return new Map(await Promise.all(listFiles(generated).map(async (file) => [file, await readFile(path.join(generated, file), 'utf8')] as const)));
}

test('the helper thread renders what the main thread alone renders, and the report keeps the environments’ order', async () => {
  const helped = await sixEnvironments();
  const alone = await sixEnvironments();
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
  const repo = await sixEnvironments();
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
