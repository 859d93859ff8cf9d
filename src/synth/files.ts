/** The files an environment renders to, and the files generated/ holds now. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { serialize, type RenderedEnvironment } from './manifest.js';

/** Folders of generated/ that belong to other commands, not to an environment. */
export const NON_ENVIRONMENT_DIRS = new Set(['images']);

/** Path (relative to generated/) → content, for every object of the environment. */
export function filesOf(env: RenderedEnvironment): Map<string, string> {
  const files = new Map<string, string>();
  for (const application of env.applications) {
    for (const object of application.objects) files.set(`${env.name}/${object.file}`, serialize(object));
  }
  return files;
}

/** Every file under `dir`, as paths relative to `base` with "/" separators. */
export async function listFiles(dir: string, base: string = dir): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    }),
  );
  return nested.flat().sort();
}

/** The environment folders currently in generated/. */
export async function environmentDirs(generatedDir: string): Promise<string[]> {
  try {
    const entries = await readdir(generatedDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NON_ENVIRONMENT_DIRS.has(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
