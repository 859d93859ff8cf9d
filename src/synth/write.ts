/**
 * Writes rendered environments into generated/. Everything is written into a temporary folder first
 * and each environment folder is swapped in by rename only after all of them were written, so a
 * failure leaves generated/ as it was. Replacing whole folders also removes the files of objects that
 * no longer exist.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { environmentDirs, filesOf } from './files.js';
import type { RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';

export interface WriteResult {
  readonly files: number;
  /** Environment folders removed because their environment no longer exists. */
  readonly removedEnvironments: readonly string[];
}

export async function writeGenerated(
  cwd: string,
  environments: readonly RenderedEnvironment[],
  options: { readonly removeOtherEnvironments: boolean },
): Promise<WriteResult> {
  const generated = path.join(cwd, GENERATED_DIR);
  await mkdir(generated, { recursive: true });
  const staging = path.join(generated, `.tmp-synth-${process.pid}`);
  const retired = path.join(generated, `.tmp-retired-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  let count = 0;
  try {
    for (const env of environments) {
      const files = filesOf(env);
      const dirs = new Set([...files.keys()].map((file) => path.dirname(file)));
      await Promise.all([...dirs].map((dir) => mkdir(path.join(staging, dir), { recursive: true })));
      await Promise.all([...files].map(([file, content]) => writeFile(path.join(staging, file), content)));
      count += files.size;
    }
    await mkdir(retired, { recursive: true });
    const rendered = new Set(environments.map((env) => env.name));
    const removedEnvironments = options.removeOtherEnvironments ? (await environmentDirs(generated)).filter((name) => !rendered.has(name)) : [];
    for (const name of removedEnvironments) await rename(path.join(generated, name), path.join(retired, name));
    for (const env of environments) {
      await rename(path.join(generated, env.name), path.join(retired, env.name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(path.join(staging, env.name), path.join(generated, env.name));
    }
    return { files: count, removedEnvironments };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(retired, { recursive: true, force: true });
  }
}
