/** Compares what the code renders with what generated/ holds (the `check` command). */
import path from 'node:path';
import type { ImageBuild } from '../images/plan.js';
import { diffFiles, environmentDirs, type FileChanges, filesOf, IMAGES_DIR, imageFiles, readGenerated } from './files.js';
import type { RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';

/** Paths relative to the repository root, e.g. `generated/prod/namespaces/namespace_thoth-graph-prod.yaml`. */
export type Drift = FileChanges;

export function hasDrift(drift: Drift): boolean {
  return drift.changed.length + drift.missing.length + drift.extra.length > 0;
}

export function compareGenerated(
  cwd: string,
  environments: readonly RenderedEnvironment[],
  images: readonly ImageBuild[],
  options: { readonly includeOtherEnvironments: boolean },
): Drift {
  return joinDrift([
    ...environments.map((env) => environmentDrift(cwd, env)),
    otherDrift(
      cwd,
      environments.map((env) => env.name),
      images,
      options,
    ),
  ]);
}

/** How one environment's folder of generated/ differs from its rendering. */
export function environmentDrift(cwd: string, env: RenderedEnvironment): Drift {
  return compareFolders(cwd, filesOf(env), [env.name]);
}

/**
 * How the rest of generated/ differs: the job images' builds and, with `includeOtherEnvironments`,
 * the folders of environments not among `rendered` (all of whose files are extra).
 */
export function otherDrift(
  cwd: string,
  rendered: readonly string[],
  images: readonly ImageBuild[],
  options: { readonly includeOtherEnvironments: boolean },
): Drift {
  const others = options.includeOtherEnvironments ? environmentDirs(path.join(cwd, GENERATED_DIR)).filter((dir) => !rendered.includes(dir)) : [];
  return compareFolders(cwd, imageFiles(images), [IMAGES_DIR, ...others]);
}

/** Drifts of separate folders as one, each list sorted. */
export function joinDrift(drifts: readonly Drift[]): Drift {
  const all = (pick: (drift: Drift) => readonly string[]) => drifts.flatMap(pick).sort();
  return { changed: all((drift) => drift.changed), missing: all((drift) => drift.missing), extra: all((drift) => drift.extra) };
}

function compareFolders(cwd: string, expected: ReadonlyMap<string, string>, dirs: readonly string[]): Drift {
  const changes = diffFiles(expected, readGenerated(path.join(cwd, GENERATED_DIR), dirs));
  const prefix = (files: readonly string[]) => files.map((file) => `${GENERATED_DIR}/${file}`);
  return { changed: prefix(changes.changed), missing: prefix(changes.missing), extra: prefix(changes.extra) };
}
