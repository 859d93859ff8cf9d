/**
 * Code comments point to the reference deployment's quirks by row (`docs/quirks.md Q41`) instead of
 * retelling them: every pointer names a row that exists, and every row is pointed to or names its code.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './helpers.js';

const POINTER = /docs\/quirks\.md (Q\d+)/g;

async function sources(): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ['src', 'charts', 'components', 'platforms', 'docs']) {
    const entries = await readdir(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && /\.(ts|md)$/.test(entry.name) && entry.name !== 'quirks.md') found.push(path.join(entry.parentPath, entry.name));
    }
  }
  return found;
}

test('every quirk a comment points to is a row of docs/quirks.md, and every row names the code it concerns', async () => {
  const table = await readFile(path.join(REPO_ROOT, 'docs', 'quirks.md'), 'utf8');
  const rows = new Map([...table.matchAll(/^\| (Q\d+) \|(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
  expect(rows.size).toBeGreaterThan(40);
  const pointers: string[] = [];
  for (const file of await sources()) {
    for (const match of (await readFile(file, 'utf8')).matchAll(POINTER)) pointers.push(`${path.relative(REPO_ROOT, file)} → ${match[1]}`);
  }
  expect(pointers.length).toBeGreaterThan(40);
  expect(pointers.filter((pointer) => !rows.has(pointer.split(' → ')[1]!))).toEqual([]);
  // Each row's `where` names a file of this repository that exists.
  const missing: string[] = [];
  for (const [id, row] of rows) {
    const files = [...row.matchAll(/`((?:src|charts|components|thoth)\/[^`*]+\.ts)`/g)].map((match) => match[1]!);
    if (files.length === 0) missing.push(`${id}: names no file`);
    for (const file of files) await readFile(path.join(REPO_ROOT, file)).catch(() => missing.push(`${id}: ${file} does not exist`));
  }
  expect(missing).toEqual([]);
});
