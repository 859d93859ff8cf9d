/**
 * The messages file on the step's disk: read whole, and replaced whole (written beside it, then
 * renamed), so a step killed while writing leaves the previous list, never half of one.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

export async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function replaceFile(path: string, text: string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, text);
  await rename(partial, path);
}
