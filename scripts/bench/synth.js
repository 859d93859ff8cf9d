#!/usr/bin/env node
// Measures a cold `thoth-gitops synth` of every environment: wall time and peak memory of each run
// (from /usr/bin/time when present), and the object count per environment; and, in the same runs,
// `node -e 0` and `thoth-gitops --help`, to which the start-up goals are ratios (this machine's speed
// varies from hour to hour, a ratio much less). Each run is a fresh process, as a user or CI starts
// it, the three commands taking turns; the first run also (re)builds the CLI bundle if it is stale,
// so it is reported apart.
//   node scripts/bench/synth.js [runs=5]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 5);
const bin = path.join(root, 'bin', 'thoth-gitops.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function once(command = [bin, 'synth']) {
  const args = timeBin ? ['-f', '%e %M', process.execPath, ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(timeBin ?? process.execPath, args, { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed:\n${result.stderr}`);
  const peakKb = timeBin ? Number(result.stderr.trim().split('\n').at(-1).split(' ')[1]) : undefined;
  return { wall, peakMb: peakKb === undefined ? undefined : peakKb / 1024, out: result.stdout };
}

const first = once();
const measured = [];
const nodeAlone = [];
const help = [];
for (let run = 0; run < runs; run++) {
  nodeAlone.push(once(['-e', '0']).wall);
  help.push(once([bin, '--help']).wall);
  measured.push(once());
}
const medianOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const walls = measured.map((run) => run.wall).sort((a, b) => a - b);
const median = medianOf(walls);
const peak = Math.max(...measured.map((run) => run.peakMb ?? 0));
const counts = readdirSync(path.join(root, 'generated'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'images')
  .map(
    (entry) =>
      `${entry.name} ${
        execFileSync('find', [path.join(root, 'generated', entry.name), '-name', '*.yaml'], { encoding: 'utf8' })
          .trim()
          .split('\n').length
      }`,
  );
console.log(`node ${process.version}, ${runs} runs after a first run of ${first.wall.toFixed(2)} s`);
console.log(`synth wall time: median ${median.toFixed(2)} s, min ${walls[0].toFixed(2)} s, max ${walls.at(-1).toFixed(2)} s`);
const base = medianOf(nodeAlone);
console.log(
  `start-up, medians of the same runs: node -e 0 ${base.toFixed(3)} s, --help ${medianOf(help).toFixed(3)} s (${(medianOf(help) / base).toFixed(1)}×), synth ${median.toFixed(3)} s (${(median / base).toFixed(1)}×)`,
);
if (timeBin) console.log(`peak memory (max RSS): ${peak.toFixed(0)} MB`);
console.log(`objects per environment: ${counts.join(', ')}`);
