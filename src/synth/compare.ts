/** Compares what the code renders with what generated/ holds (the `check` command). */
import path from 'node:path';
import type { ImageBuild } from '../images/plan.js';
import { diffFiles, environmentDirs, filesOf, IMAGES_DIR, imageFiles, readGenerated, type FileChanges } from './files.js';
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
  const generated = path.join(cwd, GENERATED_DIR);
  const expected = new Map([...environments.flatMap((env) => [...filesOf(env)]), ...imageFiles(images)]);
  const dirs = new Set([...environments.map((env) => env.name), IMAGES_DIR]);
  if (options.includeOtherEnvironments) for (const dir of environmentDirs(generated)) dirs.add(dir);
  const changes = diffFiles(expected, readGenerated(generated, dirs));
  const prefix = (files: readonly string[]) => files.map((file) => `${GENERATED_DIR}/${file}`);
  return { changed: prefix(changes.changed), missing: prefix(changes.missing), extra: prefix(changes.extra) };
}
