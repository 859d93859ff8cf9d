/** writeGenerated with a helper (src/synth/write.ts): a failure on this thread waits for the helper before it clears the staging folder. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { HELP_FROM } from '../../src/synth/helper-thread.js';
import { writeGenerated } from '../../src/synth/write.js';

test('a failure on this thread waits for the helper, then clears the staging folder: nothing is left behind', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'thoth-write-helper-'));
  try {
    let staging = '';
    const helper = async (names: readonly string[], folder: string) => {
      staging = folder;
      // Still writing well after this thread has failed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await mkdir(path.join(folder, names[0]!), { recursive: true });
      await writeFile(path.join(folder, names[0]!, 'object.yaml'), 'late\n');
      return { toWrite: [`${names[0]}/object.yaml`], extra: [], total: 1, rendered: [] };
    };
    // Enough for a helper to take its share.
    const environments = Array.from({ length: HELP_FROM }, (_, index) => ({
      name: `env-${index}`,
      render: () => {
        throw new UserError(`env-${index} cannot be rendered`);
      },
    }));
    await expect(writeGenerated(cwd, environments, [], { removeOtherEnvironments: false, helper })).rejects.toThrow('env-0 cannot be rendered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(staging).not.toBe('');
    expect(existsSync(staging)).toBe(false);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
});
