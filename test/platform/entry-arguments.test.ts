/**
 * entryArguments: an entry WorkflowTemplate's arguments are held, at compile time, to what its callers
 * pass. The failing cases are `@ts-expect-error`: `tsc --noEmit` (npm test) fails if one compiles.
 */
import { readdir, readFile } from 'node:fs/promises';
import { ENTRY_WORKFLOWS } from '../../components/entry-workflows.js';
import { entryArguments, optional, required } from '../../src/platform/argo/steps.js';

const PASSED = ['JOB_ID', 'PACKAGE'] as const;

test('every passed parameter declared, with or without a default, and defaulted extras: accepted as given', () => {
  const args = entryArguments(PASSED, [required('JOB_ID'), optional('PACKAGE', ''), optional('FORCE_SYNC', '0')]);
  expect(args.map((arg) => arg.name)).toEqual(['JOB_ID', 'PACKAGE', 'FORCE_SYNC']);
});

test('a passed parameter left undeclared, or a declared one without a default that nobody passes, does not compile', () => {
  // @ts-expect-error PACKAGE is passed but not declared
  entryArguments(PASSED, [required('JOB_ID')]);
  // @ts-expect-error FORCE_SYNC has no default and no caller passes it
  entryArguments(PASSED, [required('JOB_ID'), required('PACKAGE'), required('FORCE_SYNC')]);
});

test('every entry workflow of the platform builds its arguments through entryArguments, from its line in components/entry-workflows.ts', async () => {
  const files = (await readdir('components', { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const sources = await Promise.all(files.map((file) => readFile(`components/${file}`, 'utf8')));
  const checked = new Set(
    sources.flatMap((source) =>
      [...source.matchAll(/entryArguments\(\s*ENTRY_WORKFLOWS(?:\.([\w]+)|\['([\w-]+)'\])\.parameters/g)].map((match) => match[1] ?? match[2]),
    ),
  );
  expect(Object.keys(ENTRY_WORKFLOWS).filter((entry) => !checked.has(entry))).toEqual([]);
});
