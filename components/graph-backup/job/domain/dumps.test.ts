import { dumpName, dumpTakenAt, expiredDumps } from './dumps.js';

test('a dump is named by when it was taken, in UTC, to the second', () => {
  expect(dumpName(new Date('2026-12-01T08:05:09.999Z'))).toBe('pg_dump-26-12-01-08-05-09');
  expect(dumpName(new Date('2000-01-02T03:04:05+02:00'))).toBe('pg_dump-00-01-02-01-04-05');
});

test('names are read back as Python reads %y; what is not a dump name is not a dump', () => {
  expect(dumpTakenAt('pg_dump-26-12-01-08-05-09')?.toISOString()).toBe('2026-12-01T08:05:09.000Z');
  expect(dumpTakenAt('pg_dump-68-01-01-00-00-00')?.getUTCFullYear()).toBe(2068);
  expect(dumpTakenAt('pg_dump-69-01-01-00-00-00')?.getUTCFullYear()).toBe(1969);
  for (const name of [
    'pg_dump-26-02-30-00-00-00',
    'pg_dump-26-13-01-00-00-00',
    'pg_dump-26-12-01-24-00-00',
    'pg_dump-26-12-01',
    'pg_dump.sql',
    'notes.txt',
    'pg_dump-26-12-01-08-05-09.gz',
  ]) {
    expect(dumpTakenAt(name)).toBeUndefined();
  }
});

test('the rotation keeps the newest dumps, deletes the older ones and leaves everything else alone', () => {
  const names = ['pg_dump-26-11-01-00-00-00', 'README', 'pg_dump-99-12-31-23-59-59', 'pg_dump-26-12-01-00-00-00', 'pg_dump-26-10-01-00-00-00', 'pg_dump-bad'];
  expect(expiredDumps(names, 2)).toEqual(['pg_dump-26-10-01-00-00-00', 'pg_dump-99-12-31-23-59-59']);
  expect(expiredDumps(names, 4)).toEqual([]);
  expect(expiredDumps(names, 0)).toEqual(['pg_dump-26-12-01-00-00-00', 'pg_dump-26-11-01-00-00-00', 'pg_dump-26-10-01-00-00-00', 'pg_dump-99-12-31-23-59-59']);
  expect(expiredDumps([...names].reverse(), 2)).toEqual(expiredDumps(names, 2));
});
