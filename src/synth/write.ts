/**
 * Writes rendered environments into generated/. Nothing is written until every environment has
 * rendered; then only files whose content changed are written, each into a temporary folder first
 * and renamed into place, and files of objects that no longer exist (and folders of environments
 * that no longer exist) are removed. The job images' builds (generated/images/) are written alike. Unchanged files are not touched.
 * A folder that cannot be written (read-only, a file in its place, a full disk) is a UserError
 * naming it, and leaves every file of generated/ as it was.
 */
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { ImageBuild } from '../images/plan.js';
import { isMachineFailure, reasonOf, shownPath } from '../system-error.js';
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
  const staging = path.join(generated, `.tmp-synth-${process.pid}`);
  // The machine's failures become a UserError naming the file of generated/ (the one a temporary file was for).
  const explain = (verb: string) => (error: unknown) => {
    if (!isMachineFailure(error)) return error;
    const file = error.dest ?? error.path ?? generated;
    const inGenerated = file.startsWith(staging) ? generated + file.slice(staging.length) : file;
    return new UserError(`${shownPath(inGenerated, cwd)}: cannot ${verb} (${reasonOf(error, cwd)})`);
  };

  const expected = new Map([...environments.flatMap((env) => [...filesOf(env)]), ...imageFiles(images)]);
  const rendered = new Set(environments.map((env) => env.name));
  const { removedEnvironments, changes } = attempt(explain('read'), () => {
    const removedEnvironments = options.removeOtherEnvironments ? environmentDirs(generated).filter((name) => !rendered.has(name)) : [];
    return { removedEnvironments, changes: diffFiles(expected, readGenerated(generated, [...rendered, ...removedEnvironments, IMAGES_DIR])) };
  });
  const toWrite = [...changes.changed, ...changes.missing];

  attempt(explain('write'), () => {
    // Made on its own first, so that a generated/ that cannot be written is named as such.
    if (toWrite.length > 0) mkdirSync(staging, { recursive: true });
    try {
      for (const file of toWrite) {
        mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
        writeFileSync(path.join(staging, file), expected.get(file)!);
      }
      // Every folder that gains or loses a file is made and checked before the first file moves, so
      // that one which cannot take it (a file in its place, read-only) stops the run with no file changed.
      for (const dir of new Set([...toWrite, ...changes.extra].map((file) => path.dirname(path.join(generated, file))))) {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
      }
      for (const file of toWrite) renameSync(path.join(staging, file), path.join(generated, file));
      for (const file of changes.extra) rmSync(path.join(generated, file));
      for (const dir of [...rendered, ...removedEnvironments, IMAGES_DIR]) removeEmptyDirs(path.join(generated, dir));
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  });
  return { written: toWrite.length, removed: changes.extra.length, unchanged: expected.size - toWrite.length, removedEnvironments };
}

/** Runs `work`, throwing what `explain` makes of its error. */
function attempt<T>(explain: (error: unknown) => unknown, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw explain(error);
  }
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
