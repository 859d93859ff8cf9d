#!/usr/bin/env node
// The shape of the code, for a before/after of a restructuring: TypeScript lines per folder (tests
// apart) and the longest functions, constructors and methods, found by the TypeScript parser.
//   node scripts/bench/code-shape.js [repository=.] [longest=15]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? '.');
const longest = Number(process.argv[3] ?? 15);
const FOLDERS = ['app', 'charts', 'components', 'src', 'test', 'scripts'];

function sources(folder) {
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** The folder a file is counted under: src/<area>, components/<name> grouped as components, and so on. */
function bucket(file) {
  const parts = file.split(path.sep);
  const kind = file.endsWith('.test.ts') ? ' (tests)' : '';
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}${kind}`;
  if (parts[0] === 'components' && parts.includes('job')) return `components (job programs)${kind}`;
  return `${parts[0]}${kind}`;
}

const lines = new Map();
const functions = [];
for (const folder of FOLDERS) {
  for (const file of sources(folder)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const count = text.split('\n').length;
    lines.set(bucket(file), (lines.get(bucket(file)) ?? 0) + count);
    if (file.endsWith('.test.ts')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if ((ts.isFunctionLike(node) && 'body' in node && node.body !== undefined && ts.isBlock(node.body)) || ts.isConstructorDeclaration(node)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const owner = ts.isConstructorDeclaration(node) ? `${node.parent.name?.text ?? '?'}.constructor` : (node.name?.getText(source) ?? '(anonymous)');
        functions.push({ where: `${file}:${start + 1}`, name: owner, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

console.log('lines per folder');
for (const [folder, count] of [...lines].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${folder.padEnd(36)} ${String(count).padStart(7)}`);
console.log(`  ${'total'.padEnd(36)} ${String([...lines.values()].reduce((a, b) => a + b, 0)).padStart(7)}`);
console.log(`\nlongest ${longest} functions (lines)`);
for (const each of functions.sort((a, b) => b.lines - a.lines).slice(0, longest))
  console.log(`  ${String(each.lines).padStart(4)}  ${each.name}  ${each.where}`);
const over = (limit) => functions.filter((each) => each.lines > limit).length;
console.log(`\nfunctions over 50 lines: ${over(50)}; over 100: ${over(100)}; all: ${functions.length}`);
