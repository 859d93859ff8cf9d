/**
 * What each job program's image is built from, and the tag derived from it: the program's own
 * source files (as esbuild follows its imports from the entry point), the locked versions of the
 * packages they import and of everything those depend on, the build script and the Dockerfile.
 * Any change to one of them is a new tag, so a code change shows in the manifests that run it; a
 * change to anything else (another program, a dev dependency) is not.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleInputs } from './bundle-inputs.js';
import { dockerfile, dockerfileTemplate } from './dockerfile.js';
import { JOB_PROGRAMS, type JobImageTags } from './programs.js';

export type Program = (typeof JOB_PROGRAMS)[number];

export interface ImageBuild {
  readonly program: Program;
  readonly tag: string;
  /** Repository-relative source files the bundle is made of. */
  readonly sources: readonly string[];
  /** `name@version` of every package in the image's dependency closure. */
  readonly packages: readonly string[];
  /** Path relative to generated/ → content. */
  readonly files: ReadonlyMap<string, string>;
}

export const BUILD_SCRIPT = 'scripts/build-job.mjs';
const TAG_LENGTH = 12;

const plans = new Map<string, readonly ImageBuild[]>();

/** The image builds of every job program, from the sources under `root` (read once per process). */
export function planImages(root: string = sourceRoot()): readonly ImageBuild[] {
  let builds = plans.get(root);
  if (builds === undefined) {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as PackageLock;
    builds = JOB_PROGRAMS.map((program) => planImage(root, program, lock));
    plans.set(root, builds);
  }
  return builds;
}

export function imageTags(builds: readonly ImageBuild[]): JobImageTags {
  return new Map(builds.map((build) => [build.program.image, build.tag]));
}

function planImage(root: string, program: Program, lock: PackageLock): ImageBuild {
  const { sources, externals, texts } = bundleInputs(root, program);
  // esbuild makes the bundle in the image, so its version is part of what the image is built from.
  const packages = packageClosure(lock, [...externals, 'esbuild']);
  const hash = createHash('sha256');
  const add = (label: string, content: string) => hash.update(`${label}\0${content.length}\0${content}\0`);
  add('Dockerfile', dockerfileTemplate(program));
  add(BUILD_SCRIPT, readFileSync(path.join(root, BUILD_SCRIPT), 'utf8'));
  for (const source of sources) add(source, texts.get(source)!);
  for (const pkg of packages) add('package', pkg);
  const tag = hash.digest('hex').slice(0, TAG_LENGTH);
  const manifest = {
    image: program.image,
    tag,
    entry: program.entry,
    build: `docker build -f generated/images/${program.image}/Dockerfile .`,
    sources,
    packages,
  };
  return {
    program,
    tag,
    sources,
    packages,
    files: new Map([
      [`images/${program.image}/Dockerfile`, dockerfile(program, tag)],
      [`images/${program.image}/image.json`, `${JSON.stringify(manifest, null, 2)}\n`],
    ]),
  };
}

interface PackageLock {
  readonly packages: Readonly<
    Record<string, { readonly version?: string; readonly dependencies?: Record<string, string>; readonly optionalDependencies?: Record<string, string> }>
  >;
}

/** The packages npm installs for these names, and theirs, resolved as Node resolves them in node_modules. */
function packageClosure(lock: PackageLock, names: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (from: string, name: string) => {
    const location = resolveInLock(lock, from, name);
    if (location === undefined || found.has(location)) return;
    found.add(location);
    const entry = lock.packages[location]!;
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(location, dependency);
  };
  for (const name of names) visit('', name);
  return [...found]
    .map((location) => `${location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${lock.packages[location]!.version}`)
    .sort();
}

function resolveInLock(lock: PackageLock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** This tool's repository: the folder holding its package.json, from the sources or the CLI's bundle alike. */
export function sourceRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'thoth-gitops') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no thoth-gitops package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
