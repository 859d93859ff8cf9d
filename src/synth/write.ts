/**
 * Writes environments into generated/, rendering them one at a time: each is rendered, its files
 * compared with generated/'s, the changed ones written into a temporary folder, and the rendering
 * let go before the next (memory stays that of one environment, whatever their number). Nothing in
 * generated/ changes until every environment has rendered; then the changed files are renamed into
 * place, and files of objects that no longer exist (and folders of environments that no longer
 * exist) are removed. The job images' builds (generated/images/) are written alike. Unchanged files
 * are not touched. A folder that cannot be written (read-only, a file in its place, a full disk) is
 * a UserError naming it, and leaves every file of generated/ as it was.
 */
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { ImageBuild } from '../images/plan.js';
import { isMachineFailure, reasonOf, shownPath } from '../system-error.js';
import { diffFiles, environmentDirs, filesOf, IMAGES_DIR, imageFiles, readGenerated } from './files.js';
import type { RenderedEnvironment } from './manifest.js';

/** An environment to write, rendered when the writer gets to it. */
export interface PendingEnvironment {
  readonly name: string;
  render(): RenderedEnvironment;
}
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
  environments: readonly PendingEnvironment[],
  images: readonly ImageBuild[],
  options: { readonly removeOtherEnvironments: boolean; readonly onRendered?: (env: RenderedEnvironment) => void },
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

  const rendered = new Set(environments.map((env) => env.name));
  const removedEnvironments = attempt(explain('read'), () =>
    options.removeOtherEnvironments ? environmentDirs(generated).filter((name) => !rendered.has(name)) : [],
  );
  const toWrite: string[] = [];
  const extra: string[] = [];
  let staged = false;
  let total = 0;
  /** Compares one folder's files with what should be there and stages the changed ones. */
  const stage = (folder: string, expected: ReadonlyMap<string, string>) => {
    const changes = attempt(explain('read'), () => diffFiles(expected, readGenerated(generated, [folder])));
    total += expected.size;
    extra.push(...changes.extra);
    attempt(explain('write'), () => {
      for (const file of [...changes.changed, ...changes.missing]) {
        // Made on its own first, so that a generated/ that cannot be written is named as such.
        if (!staged) {
          mkdirSync(staging, { recursive: true });
          staged = true;
        }
        mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
        writeFileSync(path.join(staging, file), expected.get(file)!);
        toWrite.push(file);
      }
    });
  };

  try {
    for (const pending of environments) {
      const env = pending.render();
      options.onRendered?.(env);
      stage(env.name, filesOf(env));
    }
    for (const name of removedEnvironments) stage(name, new Map());
    stage(IMAGES_DIR, imageFiles(images));
    attempt(explain('write'), () => {
      // Every folder that gains or loses a file is made and checked before the first file moves, so
      // that one which cannot take it (a file in its place, read-only) stops the run with no file changed.
      for (const dir of new Set([...toWrite, ...extra].map((file) => path.dirname(path.join(generated, file))))) {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
      }
      for (const file of toWrite) renameSync(path.join(staging, file), path.join(generated, file));
      for (const file of extra) rmSync(path.join(generated, file));
      for (const dir of [...rendered, ...removedEnvironments, IMAGES_DIR]) removeEmptyDirs(path.join(generated, dir));
    });
  } finally {
    if (staged) rmSync(staging, { recursive: true, force: true });
  }
  return { written: toWrite.length, removed: extra.length, unchanged: total - toWrite.length, removedEnvironments };
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
