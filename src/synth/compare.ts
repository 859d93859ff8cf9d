/** Compares what the code renders with what generated/ holds (the `check` command). */
import path from 'node:path';
import { environmentDirs, filesOf, listFiles, readIfExists } from './files.js';
import type { RenderedEnvironment } from './manifest.js';
import { GENERATED_DIR } from './paths.js';

export interface Drift {
  /** Files whose content differs from what the code renders. */
  readonly changed: readonly string[];
  /** Files the code renders that generated/ lacks. */
  readonly missing: readonly string[];
  /** Files in generated/ that the code no longer renders. */
  readonly extra: readonly string[];
}

export function hasDrift(drift: Drift): boolean {
  return drift.changed.length + drift.missing.length + drift.extra.length > 0;
}

/** Paths are relative to the repository root, e.g. `generated/prod/namespaces/namespace_thoth-graph-prod.yaml`. */
export async function compareGenerated(
  cwd: string,
  environments: readonly RenderedEnvironment[],
  options: { readonly includeOtherEnvironments: boolean },
): Promise<Drift> {
  const generated = path.join(cwd, GENERATED_DIR);
  const expected = new Map<string, string>();
  for (const env of environments) for (const [file, content] of filesOf(env)) expected.set(file, content);

  const dirs = new Set(environments.map((env) => env.name));
  if (options.includeOtherEnvironments) for (const dir of await environmentDirs(generated)) dirs.add(dir);
  const present = (await Promise.all([...dirs].map((dir) => listFiles(path.join(generated, dir), generated)))).flat();

  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of expected) {
    const actual = await readIfExists(path.join(generated, file));
    if (actual === undefined) missing.push(file);
    else if (actual !== content) changed.push(file);
  }
  const extra = present.filter((file) => !expected.has(file));
  const prefix = (files: string[]) => files.sort().map((file) => `${GENERATED_DIR}/${file}`);
  return { changed: prefix(changed), missing: prefix(missing), extra: prefix(extra) };
}
