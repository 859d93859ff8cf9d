#!/usr/bin/env node
// Fuzzes the environment loader through the real CLI: seeded mutations of environments/stage.yaml,
// each validated by `thoth-gitops validate --cwd <dir>` in a folder holding only that file (validate
// reads nothing else from --cwd), with a timeout. No file may crash the CLI (exit 3) or stall it,
// and every exit 1 must name the line (`file:line:column`) and stay short.
//   node scripts/fuzz-environments.js [--seed 1] [--count 1000] [--jobs <cores>] [--timeout 20]
// The inputs of failing runs are kept, and printed with the command that reproduces each.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/thoth-gitops.js');
const { values: options } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '1000' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    timeout: { type: 'string', default: '20' },
  },
});
const seed = Number(options.seed);
const count = Number(options.count);
const jobs = Number(options.jobs);
const timeoutMs = Number(options.timeout) * 1000;
/** More than 50 problems' worth: the CLI prints at most 50 (src/errors.ts). */
const MAX_OUTPUT = 200 * 1024;
const LOCATED = /environments\/stage\.yaml:\d+:\d+/;

/** mulberry32: a tiny seeded PRNG, so that a seed names the same thousand files on every machine. */
function prng(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random helpers over one PRNG. */
function dice(random) {
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (items) => items[int(0, items.length - 1)];
  return { random, int, pick, chance: (p) => random() < p };
}

const ODD_VALUES = [
  '.nan',
  '.NaN',
  '.inf',
  '-.inf',
  '~',
  'null',
  "''",
  '""',
  '"unterminated',
  "'unterminated",
  '[',
  ']',
  '{',
  '}',
  '{}',
  '[]',
  '1e400',
  '-1e400',
  '99999999999999999999999999',
  '-1',
  '0',
  '0x1F',
  '0o17',
  '1_000',
  '3.14',
  'true',
  'yes',
  'no',
  'on',
  '2024-01-01',
  '12:30:00',
  '!!merge x',
  '!!merge {a: 1}',
  '!!binary aGVsbG8=',
  '!!str 5',
  '!!int x',
  '!!float nope',
  '!!set {a}',
  '!custom value',
  '!<tag:example.com,2000:x> y',
  '&anchor value',
  '*anchor',
  '*missing',
  '"\\u0000\\x07"',
  '"\\uD800"',
  '|',
  '>-',
  '? complex',
  '{a: 1, a: 2}',
  '[a, b, a]',
  '- item',
  'a: b: c',
  '"ünïcödé ✓ 🚀"',
  '@hourly',
  '"* * * * * *"',
  '%',
  '`',
  '#',
  '<<',
  '<<: *anchor',
  'key: value',
  '\t',
  '"\\"',
  "'it''s'",
];

/** Each mutation takes the file's lines and the dice, and returns new lines. */
const MUTATIONS = {
  deleteLine: (lines, d) => lines.toSpliced(d.int(0, lines.length - 1), d.int(1, 5)),
  duplicateLine: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    return lines.toSpliced(at, 0, ...lines.slice(at, at + d.int(1, 4)));
  },
  swapLines: (lines, d) => {
    const [a, b] = [d.int(0, lines.length - 1), d.int(0, lines.length - 1)];
    const swapped = [...lines];
    [swapped[a], swapped[b]] = [swapped[b], swapped[a]];
    return swapped;
  },
  reindent: (lines, d) =>
    lines.map((line, index) => (index % d.int(1, 40) === 0 ? (d.chance(0.5) ? ' '.repeat(d.int(1, 7)) + line : line.replace(/^ {1,3}/, '')) : line)),
  oddValue: (lines, d) => {
    const candidates = lines.flatMap((line, index) => (/^\s*[-\w.]+:\s+\S/.test(line) ? [index] : []));
    if (candidates.length === 0) return lines;
    const at = d.pick(candidates);
    return lines.with(at, lines[at].replace(/:\s+.*$/, `: ${d.pick(ODD_VALUES)}`));
  },
  oddKey: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    return lines.with(
      at,
      lines[at].replace(
        /^(\s*)[-\w.]+:/,
        (_, indent) => `${indent}${d.pick(['<<', '!!merge <<', '? x', '"quoted key"', '1', 'null', '~', '.nan', '&k key', '*k', 'a/b/c', 'x'.repeat(300)])}:`,
      ),
    );
  },
  typo: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    const line = lines[at];
    if (line.length === 0) return lines;
    const column = d.int(0, line.length - 1);
    const edits = [
      line.slice(0, column) + line.slice(column + 1),
      line.slice(0, column) + d.pick([...'aeiouxyzAEZ09-_.:{}[],#&*!|>"\'%@` ']) + line.slice(column),
    ];
    return lines.with(at, d.pick(edits));
  },
  alertName: (lines) => lines.map((line) => line.replace('ThothSchemaCheck:', 'ThothSchemaChek:')),
  labelKey: (lines, d) =>
    lines.map((line) =>
      line.replace(
        '{ dashboards: thoth }',
        `{ ${d.pick(['-bad', 'a/b/c', 'x'.repeat(64), `${'p'.repeat(254)}/name`, 'Dash/x', 'ok'])}: ${d.pick(['thoth', '-bad', 'x'.repeat(64), '""', '1'])} }`,
      ),
    ),
  mergeKeys: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    const indent = /^\s*/.exec(lines[at])[0];
    return lines.toSpliced(at, 0, `${indent}${d.pick(['<<: *base', '<<: {extra: 1}', '!!merge <<: {a: 1}', '<<: [*base, *base]', 'base: &base {a: 1}'])}`);
  },
  anchors: (lines, d) => {
    const [anchor, alias] = [d.int(0, lines.length - 1), d.int(0, lines.length - 1)];
    const anchored = lines.with(anchor, lines[anchor].replace(/:\s+(\S.*)$/, ': &a $1'));
    return anchored.with(alias, anchored[alias].replace(/:\s+.*$/, ': *a'));
  },
  aliasBomb: (lines, d) => {
    const levels = d.int(3, 9);
    const bomb = ['lol0: &lol0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < levels; level++)
      bomb.push(
        `lol${level}: &lol${level} [${Array(10)
          .fill(`*lol${level - 1}`)
          .join(', ')}]`,
      );
    return [...lines, ...bomb];
  },
  manyAliases: (lines, d) => {
    const n = d.int(100, 20000);
    return [
      ...lines,
      'anchors:',
      ...Array.from({ length: n }, (_, i) => `  a${i}: &a${i} x`),
      'aliases:',
      ...Array.from({ length: n }, (_, i) => `  b${i}: *a${i}`),
    ];
  },
  deepBlock: (lines, d) => {
    const depth = d.int(50, 3000);
    const at = d.int(0, lines.length);
    const step = d.int(1, 2);
    return lines.toSpliced(at, 0, ...Array.from({ length: depth }, (_, i) => `${' '.repeat(i * step)}${d.chance(0.2) ? '- ' : ''}k${i}:`), 'dedent: 1');
  },
  deepFlow: (lines, d) => {
    const depth = d.int(50, 50000);
    const [open, close] = d.chance(0.5) ? ['[', ']'] : ['{a: ', '}'];
    return [...lines, `deep: ${open.repeat(depth)}${d.chance(0.8) ? close.repeat(depth) : ''}`];
  },
  deepSequence: (lines, d) => [...lines, `seq:`, `  ${'- '.repeat(d.int(50, 20000))}x`, 'after: 1'],
  manyKeys: (lines, d) => {
    const n = d.int(1000, 80000);
    const parents = lines.flatMap((line, index) => (/^\s*[-\w.]+:\s*$/.test(line) ? [index] : []));
    const at = d.chance(0.5) || parents.length === 0 ? lines.length - 1 : d.pick(parents);
    const indent = at === lines.length - 1 ? '' : `${/^\s*/.exec(lines[at])[0]}  `;
    return lines.toSpliced(at + 1, 0, ...Array.from({ length: n }, (_, i) => `${indent}key${i}: ${d.pick(['1', 'x', '{}', '[]', '.nan'])}`));
  },
  manyItems: (lines, d) => {
    const n = d.int(1000, 200000);
    const item = d.pick(['1', 'x', 'frontend', '.nan', '{}']);
    return lines.map((line) => (line.startsWith('solvers:') || line.includes('tiers: [') ? line.replace('[', `[${`${item},`.repeat(n)}`) : line));
  },
  longString: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    const long = d.pick(['x', 'ab', ' ', '[', '#', 'é']).repeat(d.int(1000, 3_000_000));
    return lines.with(at, d.chance(0.5) ? lines[at].replace(/:\s+.*$/, `: ${long}`) : lines[at] + long);
  },
  hugeComment: (lines, d) => [...lines, `# ${'x'.repeat(d.int(500_000, 20_000_000))}`],
  tabs: (lines, d) => lines.map((line) => (d.chance(0.2) ? line.replace(/^( {2})+/, (spaces) => '\t'.repeat(spaces.length / 2)) : line)),
  bom: (lines) => lines.with(0, `\ufeff${lines[0]}`),
  crlf: (lines) => [lines.join('\r\n')],
  empty: (_lines, d) => [d.pick(['', ' ', '\n\n', '# only a comment', '---', '...', '~', 'null', '[]', '{}', '"text"', '42'])],
  truncate: (lines, d) => lines.slice(0, d.int(0, lines.length - 1)),
  documents: (lines, d) => [...lines, d.pick(['---', '--- !!map', '...', '%YAML 1.2\n---', '%TAG ! tag:x,2000:\n---']), 'description: again'],
  controlChars: (lines, d) => {
    const at = d.int(0, lines.length - 1);
    return lines.with(at, `${lines[at] + String.fromCharCode(d.int(0, 31))}\u001b[31mred\u001b[0m`);
  },
};

/** Raw bytes, applied to the encoded file: invalid UTF-8 and NULs. */
function insertBytes(buffer, d) {
  const at = d.int(0, buffer.length);
  const bytes = Buffer.from(Array.from({ length: d.int(1, 64) }, () => d.int(0, 255)));
  return Buffer.concat([buffer.subarray(0, at), bytes, buffer.subarray(at)]);
}

function mutate(stage, index) {
  const d = dice(prng((seed * 1_000_003 + index) | 0));
  const names = Object.keys(MUTATIONS);
  const applied = Array.from({ length: d.int(1, 3) }, () => d.pick(names));
  let lines = stage.split('\n');
  for (const name of applied) lines = MUTATIONS[name](lines.length === 0 ? [''] : lines, d);
  let content = Buffer.from(lines.join('\n'), 'utf8');
  if (d.chance(0.05)) {
    content = insertBytes(content, d);
    applied.push('bytes');
  }
  return { applied, content };
}

function runCli(cwd) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'validate', '--cwd', cwd], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let outputBytes = 0;
    const collect = (chunk) => {
      outputBytes += chunk.length;
      if (output.length < 16 * 1024) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? 'timeout' : code, output, outputBytes, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Why a run breaks the rules, or undefined. */
function violation(result) {
  if (result.code === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (result.code === 3) return 'exit 3 (a crash)';
  if (result.code === 1 && !LOCATED.test(result.output)) return 'exit 1 without file:line:column';
  if (result.outputBytes > MAX_OUTPUT) return `${result.outputBytes.toLocaleString('en')} bytes of output`;
  if (![0, 1, 2].includes(result.code)) return `exit ${result.code}`;
  return undefined;
}

const stage = readFileSync(path.join(root, 'environments/stage.yaml'), 'utf8');
const workDir = mkdtempSync(path.join(os.tmpdir(), `thoth-fuzz-${seed}-`));
// One run first, so that the CLI's bundle is built once rather than by every parallel run.
await runCli(workDir);

const started = performance.now();
const results = [];
let next = 0;
let done = 0;
async function worker() {
  while (next < count) {
    const index = next++;
    const { applied, content } = mutate(stage, index);
    const cwd = path.join(workDir, `case-${index}`);
    mkdirSync(path.join(cwd, 'environments'), { recursive: true });
    writeFileSync(path.join(cwd, 'environments/stage.yaml'), content);
    const result = { index, applied, bytes: content.length, ...(await runCli(cwd)) };
    result.violation = violation(result);
    if (result.violation === undefined) rmSync(cwd, { recursive: true, force: true });
    results.push(result);
    done += 1;
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${count}`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
const seconds = (performance.now() - started) / 1000;
if (process.stderr.isTTY) process.stderr.write('\n');

const tally = new Map();
for (const result of results) tally.set(String(result.code), (tally.get(String(result.code)) ?? 0) + 1);
const row = (label, value) => `  ${label.padEnd(12)} ${String(value).padStart(6)}`;
const violators = results.filter((result) => result.violation !== undefined).sort((a, b) => a.index - b.index);
const exit1 = results.filter((result) => result.code === 1);
const slowest = results.reduce((worst, result) => (result.seconds > worst.seconds ? result : worst), results[0]);
const largest = results.reduce((worst, result) => (result.outputBytes > worst.outputBytes ? result : worst), results[0]);
console.log(`${count} mutations of environments/stage.yaml (seed ${seed}), ${jobs} at a time, ${timeoutMs / 1000} s timeout: ${seconds.toFixed(0)} s`);
for (const code of ['0', '1', '2', '3', 'timeout']) console.log(row(code === 'timeout' ? 'timeout' : `exit ${code}`, tally.get(code) ?? 0));
for (const [code, number] of tally) if (!['0', '1', '2', '3', 'timeout'].includes(code)) console.log(row(`exit ${code}`, number));
console.log(`  exit 1 naming file:line:column: ${exit1.filter((result) => LOCATED.test(result.output)).length} of ${exit1.length}`);
console.log(
  `  slowest run: ${slowest.seconds.toFixed(1)} s (case ${slowest.index}: ${slowest.applied.join(', ')}); largest output: ${largest.outputBytes.toLocaleString('en')} bytes (case ${largest.index})`,
);
if (violators.length === 0) {
  rmSync(workDir, { recursive: true, force: true });
  console.log('no violations');
} else {
  console.log(`${violators.length} violation(s); inputs kept under ${workDir}:`);
  for (const result of violators) {
    console.log(`  case ${result.index} (${result.applied.join(', ')}; ${result.bytes.toLocaleString('en')} bytes): ${result.violation}`);
    console.log(`    node bin/thoth-gitops.js validate --cwd ${path.join(workDir, `case-${result.index}`)}`);
    console.log(`    ${result.output.split('\n').slice(0, 3).join('\n    ').slice(0, 600)}`);
  }
}
process.exit(violators.length === 0 ? 0 : 1);
