/**
 * What a job program's bundle is made of: its source files, as esbuild follows the imports from its
 * entry point, and the packages they import. Following the imports runs esbuild (about 0.2 s a
 * program); the answer is kept in node_modules/.cache with a digest of each source, and reused while
 * every source is as it was: a program's set of files changes through a change to one of them (an
 * import is in a source), to tsconfig.json or to esbuild, which the record is checked against; short
 * of a new file that shadows how an import resolves (an `x.js` beside the `x.ts` a `./x.js` import
 * meant), which `rm -rf node_modules/.cache` clears. A missing or unwritable cache only costs the time.
 */
import { buildSync, type Metafile, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JOB_PROGRAMS } from './programs.js';

type Program = (typeof JOB_PROGRAMS)[number];

interface FollowedImports {
  /** Repository-relative, sorted. */
  readonly sources: readonly string[];
  /** Package names the sources import (`pg`, `@kubernetes/client-node`), Node's own modules left out. */
  readonly externals: readonly string[];
}

export interface BundleInputs extends FollowedImports {
  /** Each source's text, read once: to check the record against, and for the image's tag. */
  readonly texts: ReadonlyMap<string, string>;
}

interface CachedInputs extends FollowedImports {
  /** What else decides how imports resolve. */
  readonly resolution: string;
  /** The sha256 of each source when esbuild followed them, in the order of `sources`. */
  readonly digests: readonly string[];
}

const CACHE_VERSION = 1;

/** The program's inputs; recorded under `root`'s node_modules when it has one (a copy of the sources gets none). */
export function bundleInputs(root: string, program: Program): BundleInputs {
  const file = cacheFile(root, program);
  const resolution = resolutionKey(root);
  const cached = readCache(file);
  if (cached !== undefined && cached.resolution === resolution && cached.sources.length === cached.digests.length) {
    const texts = readSources(root, cached.sources);
    if (texts !== undefined && cached.sources.every((source, index) => digestOf(texts.get(source)!) === cached.digests[index])) {
      return { sources: cached.sources, externals: cached.externals, texts };
    }
  }
  const followed = followImports(root, program);
  // esbuild has just read every one of them.
  const texts = readSources(root, followed.sources)!;
  if (existsSync(path.join(root, 'node_modules')))
    writeCache(file, { ...followed, resolution, digests: followed.sources.map((source) => digestOf(texts.get(source)!)) });
  return { ...followed, texts };
}

function followImports(root: string, program: Program): FollowedImports {
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [program.entry],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return { sources: Object.keys(metafile.inputs).sort(), externals: externalPackages(metafile) };
}

function externalPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || imported.path.startsWith('node:')) continue;
      const parts = imported.path.split('/');
      names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...names].sort();
}

/** The sources' texts; undefined when one is gone (the record is then out of date). */
function readSources(root: string, sources: readonly string[]): Map<string, string> | undefined {
  try {
    return new Map(sources.map((source) => [source, readFileSync(path.join(root, source), 'utf8')]));
  } catch {
    return undefined;
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function resolutionKey(root: string): string {
  const tsconfig = readSources(root, ['tsconfig.json'])?.get('tsconfig.json');
  return `${CACHE_VERSION} esbuild ${esbuildVersion} tsconfig ${tsconfig === undefined ? 'none' : digestOf(tsconfig)}`;
}

function cacheFile(root: string, program: Program): string {
  return path.join(root, 'node_modules', '.cache', 'thoth-gitops', 'images', `${program.image}.json`);
}

function readCache(file: string): CachedInputs | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as CachedInputs;
    return Array.isArray(value.sources) && Array.isArray(value.externals) && Array.isArray(value.digests) && typeof value.resolution === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, inputs: CachedInputs): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: a concurrent start reads the old record or the new one, never half.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(inputs));
    renameSync(temporary, file);
  } catch {
    // A read-only node_modules: the next start follows the imports again.
  }
}
