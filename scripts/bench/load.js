#!/usr/bin/env node
// Measures loading one environment file with many problems: environments/stage.yaml with N unknown
// top-level keys appended (`k0: 1`, ...: 60,000 stay under the 1 MB limit), parsed and validated in
// process (src/config/load.ts with Thoth's schema, bundled here), the problems formatted as the CLI prints them.
//   node scripts/bench/load.js [keys=20000] [keys...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleSources, root } from './services.js';

const counts = process.argv.slice(2).map(Number);
const { THOTH, parseEnvironment } = await import(await bundleSources('scripts/bench/validate-entry.ts', 'validate'));

const stage = readFileSync(path.join(root, 'environments/stage.yaml'), 'utf8');
// The first load compiles the schema: timed on its own, so the figures below are the file's.
let started = performance.now();
parseEnvironment(THOTH, 'stage', 'environments/stage.yaml', stage);
console.log(`stage.yaml as it is, first load: ${((performance.now() - started) / 1000).toFixed(2)} s`);
for (const keys of counts.length > 0 ? counts : [20000]) {
  const text = stage + Array.from({ length: keys }, (_, index) => `k${index}: 1\n`).join('');
  started = performance.now();
  let outcome;
  try {
    parseEnvironment(THOTH, 'stage', 'environments/stage.yaml', text);
    outcome = 'accepted';
  } catch (error) {
    if (error?.problems === undefined) throw error;
    outcome = `${error.problems.length.toLocaleString('en')} problems, message of ${error.message.length.toLocaleString('en')} characters`;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${keys.toLocaleString('en')} unknown keys (${(text.length / 1e6).toFixed(2)} MB): ${seconds.toFixed(2)} s, ${outcome}`);
}
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
