import { type Listed, s3Order, syncPlan } from './sync-plan.js';

async function* listed(...entries: [string, number][]): AsyncIterable<Listed> {
  for (const [id, size] of entries.sort(([a], [b]) => s3Order(a, b))) yield { id, size };
}

async function plan(source: [string, number][], destination: [string, number][]) {
  const steps = [];
  for await (const step of syncPlan(listed(...source), listed(...destination))) steps.push(step);
  return steps;
}

test('copies what the destination lacks or holds with another size, and leaves requests behind', async () => {
  expect(
    await plan(
      [
        ['a', 1],
        ['b', 2],
        ['b.request', 5],
        ['c', 3],
        ['d', 4],
      ],
      [
        ['a', 1],
        ['aa', 9],
        ['c', 30],
        ['e', 1],
      ],
    ),
  ).toEqual([
    { id: 'a', size: 1, present: true },
    { id: 'b', size: 2, present: false },
    { id: 'c', size: 3, present: false },
    { id: 'd', size: 4, present: false },
  ]);
});

test('an empty side', async () => {
  expect(await plan([], [['a', 1]])).toEqual([]);
  expect(await plan([['a', 1]], [])).toEqual([{ id: 'a', size: 1, present: false }]);
});

test('S3’s order is its UTF-8 bytes’, not JavaScript’s: a character above U+FFFF sorts after U+FFFD', async () => {
  expect(s3Order('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  expect('\u{1F600}' < '\uFFFD').toBe(true);
  expect(
    await plan(
      [
        ['\uFFFD', 1],
        ['\u{1F600}', 1],
      ],
      [
        ['\uFFFD', 1],
        ['\u{1F600}', 1],
      ],
    ),
  ).toEqual([
    { id: '\uFFFD', size: 1, present: true },
    { id: '\u{1F600}', size: 1, present: true },
  ]);
});
