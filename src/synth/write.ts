/**
 * Writes environments into generated/, rendering them one at a time (./stage.ts): each is rendered,
 * its files compared with generated/'s, the changed ones written into a temporary folder, and the
 * rendering let go before the next (memory stays that of one environment per thread, whatever their
 * number); with many environments, a helper thread stages every other one. Nothing in
 * generated/ changes until every environment has rendered; then the changed files are renamed into
 * place, and files of objects that no longer exist (and folders of environments that no longer
 * exist) are removed. The job images' builds (generated/images/) are written alike. Unchanged files
 * are not touched. A folder that cannot be written (read-only, a file in its place, a full disk) is
 * a UserError naming it, and leaves every file of generated/ as it was.
 */
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ImageBuild } from '../images/plan.js';
import { environmentDirs, IMAGES_DIR, imageFiles } from './files.js';
import type { RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';
import { helpersShare } from './helper-thread.js';
import { attempt, type Staged, Stager } from './stage.js';

/** An environment to write, rendered when the writer gets to it. */
export interface PendingEnvironment {
  readonly name: string;
  render(): RenderedEnvironment;
}

export interface WriteResult {
  readonly written: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Environment folders removed because their environment no longer exists. */
  readonly removedEnvironments: readonly string[];
}

/** Stages `names` in another thread into `staging` (./helper-thread.ts), while this one stages the others. */
export type StagingHelper = (names: readonly string[], staging: string) => Promise<Staged>;

export async function writeGenerated(
  cwd: string,
  environments: readonly PendingEnvironment[],
  images: readonly ImageBuild[],
  options: { readonly removeOtherEnvironments: boolean; readonly helper?: StagingHelper },
): Promise<WriteResult & { readonly rendered: Staged['rendered'] }> {
  const staging = path.join(cwd, GENERATED_DIR, `.tmp-synth-${process.pid}`);
  const stager = new Stager(cwd, staging);
  const { generated, staged } = stager;
  const rendered = new Set(environments.map((env) => env.name));
  const removedEnvironments = attempt(stager.explain('read'), () =>
    options.removeOtherEnvironments ? environmentDirs(generated).filter((name) => !rendered.has(name)) : [],
  );
  const helped = helpersShare(environments, options.helper !== undefined);
  const helping =
    helped.length > 0
      ? options.helper!(
          helped.map((env) => env.name),
          staging,
        )
      : undefined;
  // Its refusal is taken below, once this thread's share is staged, not as an unhandled rejection meanwhile.
  helping?.catch(() => {});
  try {
    for (const pending of environments) if (!helped.includes(pending)) stager.stageEnvironment(pending.render());
    if (helping !== undefined) {
      const theirs = await helping;
      staged.toWrite.push(...theirs.toWrite);
      staged.extra.push(...theirs.extra);
      staged.total += theirs.total;
      staged.rendered.push(...theirs.rendered);
    }
    for (const name of removedEnvironments) stager.stage(name, new Map());
    stager.stage(IMAGES_DIR, imageFiles(images));
    const { toWrite, extra } = staged;
    attempt(stager.explain('write'), () => {
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
    // A failure on this thread must not remove the folder while the helper still writes into it.
    await helping?.catch(() => {});
    removeStaging(staging);
  }
  const order = new Map(environments.map((env, index) => [env.name, index]));
  return {
    written: staged.toWrite.length,
    removed: staged.extra.length,
    unchanged: staged.total - staged.toWrite.length,
    removedEnvironments,
    rendered: staged.rendered.sort((a, b) => order.get(a.name)! - order.get(b.name)!),
  };
}

/** Removes the staging folder, if there is one (there is none where generated/ could not be written). */
function removeStaging(staging: string): void {
  try {
    rmSync(staging, { recursive: true, force: true });
  } catch {
    // A generated/ that is a file: nothing was staged.
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
