import { addDays, DaysOutOfOrder, idDay, parseDay, reportedDays } from './days.js';

const TODAY = '2026-12-01';

test.each([
  ['both unset: yesterday', undefined, undefined, ['2026-11-30']],
  ['a start of today, nothing else: yesterday', TODAY, undefined, ['2026-11-30']],
  ['one past day', '2026-11-20', '2026-11-20', ['2026-11-20']],
  ['a range, its end excluded', '2026-11-27', '2026-11-30', ['2026-11-27', '2026-11-28', '2026-11-29']],
  ['an end of tomorrow keeps today', '2026-11-30', '2026-12-02', ['2026-11-30', '2026-12-01']],
  ['an end after tomorrow is today', '2026-11-29', '2027-01-01', ['2026-11-29', '2026-11-30']],
  ['a start of tomorrow is today, and so yesterday', '2026-12-02', '2026-12-01', ['2026-11-30']],
  ['across a month and a leap day', '2024-02-28', '2024-03-01', ['2024-02-28', '2024-02-29']],
])('%s', (_, start, end, days) => {
  expect(reportedDays(start, end, TODAY)).toEqual(days);
});

test('an end before the start is refused, naming both', () => {
  expect(() => reportedDays('2026-11-20', '2026-11-10', TODAY)).toThrow(DaysOutOfOrder);
  expect(() => reportedDays('2026-11-20', '2026-11-10', TODAY)).toThrow('the end date 2026-11-10 is before the start date 2026-11-20');
});

test('only calendar days parse; ids carry the day as yymmdd', () => {
  expect(parseDay('2024-02-29')).toBe('2024-02-29');
  for (const text of ['2023-02-29', '2023-13-01', '2023-1-01', ' 2023-01-01', '20230101']) expect(parseDay(text)).toBeUndefined();
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(idDay('2023-01-17')).toBe('230117');
});
