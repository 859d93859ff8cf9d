/** The files an environment renders to, and the files generated/ holds now. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageBuild } from '../images/plan.js';
import { serialize, type RenderedEnvironment } from './manifest.js';

/** The folder of generated/ that holds the job images' builds (src/images/), not an environment. */
export const IMAGES_DIR = 'images';

/** Folders of generated/ that belong to other commands, not to an environment. */
export const NON_ENVIRONMENT_DIRS = new Set([IMAGES_DIR]);

/** Path (relative to generated/) → content, for every job image build. */
export function imageFiles(builds: readonly ImageBuild[]): Map<string, string> {
  return new Map(builds.flatMap((build) => [...build.files]));
}

/** Path (relative to generated/) → content, for every object of the environment. */
export function filesOf(env: RenderedEnvironment): Map<string, string> {
  const files = new Map<string, string>();
  for (const application of env.applications) {
    for (const object of application.objects) files.set(`${env.name}/${object.file}`, serialize(object));
  }
  return files;
}

/** Every file under `dir`, as paths relative to `base` with "/" separators, sorted. */
export function listFiles(dir: string, base: string = dir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort();
}

/** The environment folders currently in generated/. */
export function environmentDirs(generatedDir: string): string[] {
  try {
    return readdirSync(generatedDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NON_ENVIRONMENT_DIRS.has(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The files of the given environment folders, path (relative to generated/) → content. Read
 * synchronously: for many small files that is an order of magnitude faster than the thread pool.
 */
export function readGenerated(generatedDir: string, environments: Iterable<string>): Map<string, string> {
  const files = new Map<string, string>();
  for (const env of environments) {
    for (const file of listFiles(path.join(generatedDir, env), generatedDir)) files.set(file, readFileSync(path.join(generatedDir, file), 'utf8'));
  }
  return files;
}

export interface FileChanges {
  /** Files whose content differs from what the code renders. */
  readonly changed: readonly string[];
  /** Files the code renders that generated/ lacks. */
  readonly missing: readonly string[];
  /** Files in generated/ that the code no longer renders. */
  readonly extra: readonly string[];
}

/** What differs between the rendered files and the present ones (paths relative to generated/). */
export function diffFiles(expected: ReadonlyMap<string, string>, present: ReadonlyMap<string, string>): FileChanges {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of expected) {
    const actual = present.get(file);
    if (actual === undefined) missing.push(file);
    else if (actual !== content) changed.push(file);
  }
  const extra = [...present.keys()].filter((file) => !expected.has(file));
  return { changed: changed.sort(), missing: missing.sort(), extra: extra.sort() };
}
