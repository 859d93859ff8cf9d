import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { listFiles } from '../../src/synth/files.js';
import { REPO_ROOT, temporaryRepository } from '../helpers.js';

const run = promisify(execFile);

async function synthWith(dir: string, environment: Record<string, string>): Promise<Map<string, string>> {
  await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'thoth-gitops.js'), 'synth', '--cwd', dir], {
    env: { ...process.env, ...environment },
  });
  const generated = path.join(dir, 'generated');
  const files = listFiles(generated);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(generated, file), 'utf8')] as const)));
}

test('two renders with different time zones and locales write identical bytes', async () => {
  const first = await temporaryRepository();
  const second = await temporaryRepository();
  try {
    const a = await synthWith(first.dir, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const b = await synthWith(second.dir, { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', CDK8S_DISABLE_SORT: '1' });
    expect(a.size).toBeGreaterThan(100);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, content] of a) expect(b.get(file)).toBe(content);
  } finally {
    await first.remove();
    await second.remove();
  }
  // Two cold renders in fresh copies of the repository: about 10 s alone, several times that when
  // the machine's two cores are shared with the rest of the suite.
}, 120_000);
