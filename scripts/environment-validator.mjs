#!/usr/bin/env node
// Writes platforms/thoth/environment-validator.generated.ts, Thoth's environment schema compiled ahead of time
// by ajv (src/config/environment-validator.ts), which spares every start of the CLI compiling it.
// Run it after a change to the schema (a component, a setting, a key of the environment files);
// test/config/environment-validator.test.ts fails until it is run.
//   node scripts/environment-validator.mjs
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = await mkdtemp(path.join(tmpdir(), 'environment-validator-'));
try {
  const bundle = path.join(dir, 'generator.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['scripts/environment-validator-entry.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'esbuild'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const { environmentValidatorModule, THOTH_ENVIRONMENT_SHAPE, THOTH_ENVIRONMENT_VALIDATOR } = await import(pathToFileURL(bundle).href);
  const { file, checksImport, generator } = THOTH_ENVIRONMENT_VALIDATOR;
  await writeFile(path.join(root, file), environmentValidatorModule(THOTH_ENVIRONMENT_SHAPE, checksImport, generator));
  console.log(`wrote ${file}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
