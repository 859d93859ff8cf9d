// Bundles the CLI straight from the TypeScript sources, with no separate build step: esbuild bundles
// platforms/cli.ts (the CLI with the Thoth platform) and its dependencies into a cached entry file and
// the chunks its dynamic imports load (the platform, each command), rebuilt only when a source it
// was built from (or package-lock.json) has changed. A few files load much faster than a loader
// that transforms every module on each start, and than Node resolving hundreds of dependency files;
// chunks mean a start loads only what its command needs. bin/thoth-gitops.js and bin/cdk8s-app.js run it.
import { build as esbuild } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'thoth-gitops');
const inputsFile = path.join(cacheDir, 'inputs.json');
/** A build older than this that is not the current one is removed (a process may still load its chunks until then). */
const KEEP_OLD_BUILDS_MS = 60 * 60_000;

async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The current build's entry file, or undefined when a source changed since it was built. */
async function freshBundle() {
  let record;
  try {
    record = JSON.parse(await readFile(inputsFile, 'utf8'));
  } catch {
    return undefined;
  }
  // Another checkout sharing this node_modules (a git worktree) builds from its own sources.
  if (record.root !== root || typeof record.startedAt !== 'number' || !Array.isArray(record.inputs) || typeof record.build !== 'string') return undefined;
  const entry = path.join(cacheDir, record.build, 'cli.mjs');
  if ((await mtime(entry)) === undefined) return undefined;
  // Against the time the build began, not the bundle's: a source saved while esbuild was reading
  // the others is newer than the build, though older than the file it wrote.
  const times = await Promise.all([...record.inputs, 'package.json', 'package-lock.json', 'bin/bundle.js'].map((input) => mtime(path.join(root, input))));
  return times.every((time) => time !== undefined && time < record.startedAt) ? entry : undefined;
}

async function rebuild() {
  await mkdir(cacheDir, { recursive: true });
  // Each build in a folder of its own, made current by renaming the record: a process started from
  // the previous build still finds its chunks, and concurrent starts never run a half-written one.
  const startedAt = Date.now();
  const build = `build-${startedAt}-${process.pid}`;
  const result = await esbuild({
    absWorkingDir: root,
    // The CLI, and synth's helper thread (src/synth/helper-thread.ts), which the CLI finds beside it.
    entryPoints: { cli: 'platforms/cli.ts', 'helper-worker': 'platforms/helper-worker.ts' },
    outdir: path.join(cacheDir, build),
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled too, but for the schema models validate imports by name at run time, and esbuild.
    external: ['kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'esbuild'],
    // CommonJS dependencies call require(); an ES module has none unless it makes one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // A linked map costs nothing at start; NODE_OPTIONS=--enable-source-maps maps a stack to the sources.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'error',
  });
  // The project's own sources; dependencies change only with package-lock.json, which is checked too.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
  await writeFile(`${inputsFile}.${process.pid}.tmp`, JSON.stringify({ root, startedAt, build, inputs }));
  await rename(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  await removeOldBuilds(build);
  return path.join(cacheDir, build, 'cli.mjs');
}

async function removeOldBuilds(current) {
  for (const entry of await readdir(cacheDir)) {
    if (entry === current || !/^build-\d+-\d+$/.test(entry)) continue;
    const builtAt = Number(entry.split('-')[1]);
    if (Date.now() - builtAt > KEEP_OLD_BUILDS_MS) await rm(path.join(cacheDir, entry), { recursive: true, force: true });
  }
  // What the single-file bundle of earlier versions left.
  for (const old of ['cli.mjs', 'cli.mjs.map']) await rm(path.join(cacheDir, old), { force: true });
}

/** The bundled module of platforms/cli.ts, rebuilt first if a source changed. */
export async function loadCli() {
  const entry = (await freshBundle()) ?? (await rebuild());
  return import(pathToFileURL(entry).href);
}
