#!/usr/bin/env node
// Runs the fault harness (scripts/faults/main.ts), bundled with esbuild as the benches are, so that
// it uses the tests' local servers (test/services/) as they are.
//   node scripts/faults.js [--rev <git revision>] [--trials <n>] [--only <part of a fault name>]
import path from 'node:path';
import { bundleSources } from './bench/services.js';

// The tests' .mjs helpers read files next to them: they are imported where they are, not bundled.
const inPlace = {
  name: 'mjs-in-place',
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), external: true }));
  },
};
const bundle = await bundleSources('scripts/faults/main.ts', 'faults', { packages: 'external', plugins: [inPlace] });
await import(bundle);
