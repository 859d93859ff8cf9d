#!/usr/bin/env node
// How synth and validate grow with the number of environments: for each point of the curve, a
// fresh folder with that many copies of environments/stage.yaml, each with its own name, namespaces,
// deployment name, Argo CD project, secret prefix and hosts (as a real environment has, so that
// validate finds no collision), then one cold `synth` (writing every file), `synth` again (nothing
// to write: what a change to one environment costs), `validate` and `check`, each a process of its
// own as a user or CI runs it: wall time and peak memory (from /usr/bin/time). Writing tens of
// thousands of new files is mostly the file system's time, which varies a lot on a shared machine.
//   node scripts/bench/scale.js [N=100] [points=1,N/4,N/2,N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'thoth-gitops.js');
const largest = Number(process.argv[2] ?? 100);
const points = (process.argv[3]?.split(',').map(Number) ?? [1, Math.ceil(largest / 4), Math.ceil(largest / 2), largest]).filter(
  (n, index, all) => n > 0 && all.indexOf(n) === index,
);
if (!existsSync('/usr/bin/time')) throw new Error('scale.js needs /usr/bin/time (Debian package time) for peak memory');

const stage = readFileSync(path.join(root, 'environments', 'stage.yaml'), 'utf8');

/** stage.yaml as copy `index`: everything another environment must not share, suffixed. */
function copyOfStage(index) {
  const suffix = `-c${index}`;
  const doc = parseDocument(stage);
  doc.set('deploymentName', `${doc.get('deploymentName')}${suffix}`);
  const namespaces = doc.get('namespaces');
  for (const pair of namespaces.items) pair.key.value = `${pair.key.value}${suffix}`;
  doc.setIn(['argocd', 'project'], `${doc.getIn(['argocd', 'project'])}${suffix}`);
  doc.setIn(['secrets', 'keyPrefix'], `${doc.getIn(['secrets', 'keyPrefix'])}${suffix}`);
  for (const pair of doc.get('components').items) {
    const host = pair.value?.get?.('host');
    if (typeof host === 'string') pair.value.set('host', `c${index}.${host}`);
  }
  return doc.toString();
}

/** Runs the CLI on `dir`: seconds and peak MB, or the failure. */
function timed(command, dir) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, bin, command, '--cwd', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [seconds, kb] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  if (result.status !== 0) throw new Error(`${command} of ${dir} exited ${result.status}:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  return { seconds, mb: kb / 1024, out: result.stdout };
}

// The CLI bundle and the image plan are built once, before anything is measured.
spawnSync(process.execPath, [bin, '--help'], { stdio: 'ignore' });
const nodeAlone = spawnSync('/usr/bin/time', ['-f', '%e', process.execPath, '-e', '0'], { encoding: 'utf8' }).stderr.trim();

console.log(`node ${process.version}, node -e 0 ${nodeAlone} s; copies of environments/stage.yaml`);
const columns = ['synth', 'again', 'validate', 'check'];
console.log(`environments  ${columns.map((name) => `${name} s  ${name} MB`.padStart(18)).join('  ')}  again+validate s`);
const rows = [];
for (const n of points) {
  const dir = mkdtempSync(path.join(tmpdir(), 'thoth-scale-'));
  try {
    mkdirSync(path.join(dir, 'environments'));
    for (let index = 1; index <= n; index++) writeFileSync(path.join(dir, 'environments', `scale-${index}.yaml`), copyOfStage(index));
    const row = { n, synth: timed('synth', dir), again: timed('synth', dir), validate: timed('validate', dir), check: timed('check', dir) };
    rows.push(row);
    const cells = columns.map((name) =>
      `${row[name].seconds.toFixed(2).padStart(name.length + 2)}  ${row[name].mb.toFixed(0).padStart(name.length + 3)}`.padStart(18),
    );
    console.log(`${String(n).padStart(12)}  ${cells.join('  ')}  ${(row.again.seconds + row.validate.seconds).toFixed(2).padStart(16)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (rows.length > 1) {
  const [first, last] = [rows[0], rows.at(-1)];
  const per = (pick) => ((pick(last) - pick(first)) / (last.n - first.n)).toFixed(3);
  console.log(
    `each environment adds: ${columns.map((name) => `${name} ${per((row) => row[name].seconds)} s and ${per((row) => row[name].mb)} MB`).join(', ')}`,
  );
}
