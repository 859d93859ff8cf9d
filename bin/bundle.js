// Bundles the CLI straight from the TypeScript sources, with no separate build step: esbuild bundles
// thoth/cli.ts (the CLI with the Thoth platform) and its dependencies into one cached file, rebuilt
// only when a source it was built from (or package-lock.json) has changed. One file loads much faster
// than a loader that transforms every module on each start, and than Node resolving hundreds of
// dependency files. bin/thoth-gitops.js and bin/cdk8s-app.js run it.
import { build } from 'esbuild';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'thoth-gitops');
const bundle = path.join(cacheDir, 'cli.mjs');
const inputsFile = path.join(cacheDir, 'inputs.json');

async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function isFresh() {
  if ((await mtime(bundle)) === undefined) return false;
  let record;
  try {
    record = JSON.parse(await readFile(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  // Another checkout sharing this node_modules (a git worktree) builds from its own sources.
  if (record.root !== root || typeof record.startedAt !== 'number' || !Array.isArray(record.inputs)) return false;
  // Against the time the build began, not the bundle's: a source saved while esbuild was reading
  // the others is newer than the build, though older than the file it wrote.
  const times = await Promise.all([...record.inputs, 'package.json', 'package-lock.json', 'bin/bundle.js'].map((input) => mtime(path.join(root, input))));
  return times.every((time) => time !== undefined && time < record.startedAt);
}

async function rebuild() {
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed, so that concurrent starts never run a half-written bundle; the
  // temporary folder keeps the file names the source map link refers to.
  const temporaryDir = path.join(cacheDir, `tmp-${process.pid}`);
  const temporary = path.join(temporaryDir, 'cli.mjs');
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['thoth/cli.ts'],
    outfile: temporary,
    bundle: true,
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
  await writeFile(`${inputsFile}.${process.pid}.tmp`, JSON.stringify({ root, startedAt, inputs }));
  await rename(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  await rename(`${temporary}.map`, `${bundle}.map`);
  await rename(temporary, bundle);
  await rm(temporaryDir, { recursive: true, force: true });
}

/** The bundled module of thoth/cli.ts, rebuilt first if a source changed. */
export async function loadCli() {
  if (!(await isFresh())) await rebuild();
  return import(pathToFileURL(bundle).href);
}
