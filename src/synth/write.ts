/**
 * Writes rendered environments into generated/. Nothing is written until every environment has
 * rendered; then only files whose content changed are written, each into a temporary folder first
 * and renamed into place, and files of objects that no longer exist (and folders of environments
 * that no longer exist) are removed. The job images' builds (generated/images/) are written alike. Unchanged files are not touched.
 */
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageBuild } from '../images/plan.js';
import { diffFiles, environmentDirs, filesOf, IMAGES_DIR, imageFiles, readGenerated } from './files.js';
import type { RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';

export interface WriteResult {
  readonly written: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Environment folders removed because their environment no longer exists. */
  readonly removedEnvironments: readonly string[];
}

export function writeGenerated(
  cwd: string,
  environments: readonly RenderedEnvironment[],
  images: readonly ImageBuild[],
  options: { readonly removeOtherEnvironments: boolean },
): WriteResult {
  const generated = path.join(cwd, GENERATED_DIR);
  const expected = new Map([...environments.flatMap((env) => [...filesOf(env)]), ...imageFiles(images)]);
  const rendered = new Set(environments.map((env) => env.name));
  const removedEnvironments = options.removeOtherEnvironments ? environmentDirs(generated).filter((name) => !rendered.has(name)) : [];
  const changes = diffFiles(expected, readGenerated(generated, [...rendered, ...removedEnvironments, IMAGES_DIR]));
  const toWrite = [...changes.changed, ...changes.missing];

  const staging = path.join(generated, `.tmp-synth-${process.pid}`);
  try {
    for (const file of toWrite) {
      mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      writeFileSync(path.join(staging, file), expected.get(file)!);
    }
    for (const file of toWrite) {
      mkdirSync(path.dirname(path.join(generated, file)), { recursive: true });
      renameSync(path.join(staging, file), path.join(generated, file));
    }
    for (const file of changes.extra) rmSync(path.join(generated, file));
    for (const dir of [...rendered, ...removedEnvironments, IMAGES_DIR]) removeEmptyDirs(path.join(generated, dir));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { written: toWrite.length, removed: changes.extra.length, unchanged: expected.size - toWrite.length, removedEnvironments };
}

/** Removes `dir` and the folders below it that hold no file. */
function removeEmptyDirs(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) removeEmptyDirs(path.join(dir, entry.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
