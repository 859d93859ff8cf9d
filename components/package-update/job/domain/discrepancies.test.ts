import { discrepancies, type IndexProject, type SolvedVersion } from './discrepancies.js';

const solved = (version: string, presentHashes: string[] = [], missing = false): SolvedVersion => ({ version, missing, presentHashes });
const found = (versions: Record<string, string[]>): IndexProject => ({
  found: true,
  versions: new Map(Object.entries(versions).map(([v, h]) => [v, new Set(h)])),
});

test('a project the index lacks is told once: not when every version is marked missing already', () => {
  expect(discrepancies([solved('1.0'), solved('2.0', [], true)], { found: false })).toEqual([{ type: 'missing-package' }]);
  expect(discrepancies([solved('1.0', [], true)], { found: false })).toEqual([]);
});

test('a version the index lacks, compared in normal form, told until it is marked', () => {
  const project = found({ '1.0.0': ['a'], '2.0RC1': [] });
  expect(discrepancies([solved('1.0.0', ['a']), solved('2.0rc1'), solved('3.0'), solved('4.0', [], true)], project)).toEqual([
    { type: 'missing-version', version: '3.0' },
  ]);
});

test('stored hashes the index no longer serves are a mismatch, with what the graph lacks; lacking alone is none', () => {
  const project = found({ '1.0': ['a', 'c'], '2.0': ['x', 'y'], '3.0': [] });
  expect(discrepancies([solved('1.0', ['a', 'b']), solved('2.0', ['x']), solved('3.0', ['z'])], project)).toEqual([
    { type: 'hash-mismatch', version: '1.0', missingFromSource: ['b'], missingFromDatabase: ['c'] },
  ]);
});
