import { dumpFreshness, indexBloat, tableBloat } from './graph-health.js';

const MIB = 1024 * 1024;

test('a table’s bloat is its dead tuples and free space, of its length', () => {
  expect(tableBloat({ tableBytes: 100 * MIB, freeBytes: 15 * MIB, deadBytes: 10 * MIB })).toEqual({ pct: 25, mb: 25 });
  expect(tableBloat({ tableBytes: 8192, freeBytes: 100, deadBytes: 0 })).toEqual({ pct: 1, mb: 0 });
  expect(tableBloat({ tableBytes: 0, freeBytes: 0, deadBytes: 0 })).toEqual({ pct: 0, mb: 0 });
});

test('an index’s bloat is the room its leaves have beyond a fresh build’s', () => {
  expect(indexBloat({ indexBytes: 100 * MIB, avgLeafDensity: 90 })).toEqual({ pct: 0, mb: 0 });
  expect(indexBloat({ indexBytes: 100 * MIB, avgLeafDensity: 45 })).toEqual({ pct: 50, mb: 50 });
  expect(indexBloat({ indexBytes: 100 * MIB, avgLeafDensity: 99 })).toEqual({ pct: 0, mb: 0 });
  expect(indexBloat({ indexBytes: 8192, avgLeafDensity: Number.NaN })).toEqual({ pct: 0, mb: 0 });
});

describe('the backups’ freshness', () => {
  const today = new Date('2026-12-10T12:00:00Z');
  const settings = { keep: 2, checkDays: 7, today };

  test('counts the dumps, names the newest day, and is fresh within the days allowed', () => {
    const names = ['pg_dump-26-12-03-23-59-59', 'pg_dump-26-11-01-00-00-00', 'notes.txt', 'pg_dump-26-12-01-08-00-00'];
    expect(dumpFreshness(names, settings)).toEqual({ count: 3, notCleaned: true, newestDay: '2026-12-03', missed: false });
    expect(dumpFreshness(['pg_dump-26-12-02-23-59-59'], settings)).toMatchObject({ notCleaned: false, newestDay: '2026-12-02', missed: true });
  });

  test('no dump at all is a missed backup, not a crash', () => {
    expect(dumpFreshness([], settings)).toEqual({ count: 0, notCleaned: false, newestDay: undefined, missed: true });
    expect(dumpFreshness(['pg_dump.sql', 'README'], settings)).toEqual({ count: 0, notCleaned: false, newestDay: undefined, missed: true });
  });
});
