#!/usr/bin/env node
// Bundles a job program's entry point and its dependencies into one ES module: what its image runs
// (generated/images/<job>/Dockerfile), and what the tests and benchmarks run, so they run the same
// code. Usage: node scripts/build-job.mjs <entry.ts> <out.mjs>
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (entry === undefined || outfile === undefined) {
  process.stderr.write('usage: node scripts/build-job.mjs <entry.ts> <out.mjs>\n');
  process.exit(1);
}
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pg's native binding is optional and not installed.
  external: ['pg-native'],
  // CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
