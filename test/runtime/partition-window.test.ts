/** Several records of a partition in flight: bounded, each key in order, commits only past a run of handled records. */
import { PartitionWindow } from '../../src/runtime/kafka/partition-window.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('records of different keys overlap, up to the limit; records of one key run one after the other, in order', async () => {
  const window = new PartitionWindow(3);
  const events: string[] = [];
  let inFlight = 0;
  let most = 0;
  const records = [
    ['a', '0', 30],
    ['b', '1', 5],
    ['a', '2', 5],
    ['c', '3', 20],
    ['d', '4', 5],
    ['b', '5', 5],
  ] as const;
  const committed: string[] = [];
  for (const [key, offset, ms] of records) {
    await window.room();
    void window.start(
      key,
      offset,
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        events.push(`start ${key}${offset}`);
        await sleep(ms);
        events.push(`end ${key}${offset}`);
        inFlight -= 1;
      },
      (upTo) => {
        if (upTo === undefined) return;
        committed.push(upTo);
        events.push(`commit ${upTo}`);
      },
      () => {},
    );
  }
  await window.drained();
  expect(most).toBe(3);
  // a2 starts only after a0 ended; b5 after b1.
  expect(events.indexOf('start a2')).toBeGreaterThan(events.indexOf('end a0'));
  expect(events.indexOf('start b5')).toBeGreaterThan(events.indexOf('end b1'));
  // b1 ended first, but nothing is committed until a0 is done.
  expect(events.indexOf('end b1')).toBeLessThan(events.indexOf('end a0'));
  expect(events.findIndex((event) => event.startsWith('commit'))).toBeGreaterThan(events.indexOf('end a0'));
  expect(committed.at(-1)).toBe('5');
  expect(committed.map(Number)).toEqual([...committed.map(Number)].sort((x, y) => x - y));
});

test('a failed record stops its key and every commit past it; other keys go on', async () => {
  const window = new PartitionWindow(4);
  const ran: string[] = [];
  const committed: string[] = [];
  const errors: unknown[] = [];
  const handle =
    (name: string, fail = false) =>
    async () => {
      ran.push(name);
      if (fail) throw new Error(`${name} failed`);
    };
  for (const [key, offset, fail] of [
    ['a', '0', false],
    ['b', '1', true],
    ['a', '2', false],
    ['b', '3', false],
  ] as const) {
    await window.room();
    void window.start(
      key,
      offset,
      handle(`${key}${offset}`, fail),
      (upTo) => upTo !== undefined && committed.push(upTo),
      (error) => errors.push(error),
    );
  }
  await window.drained();
  expect(ran.sort()).toEqual(['a0', 'a2', 'b1']);
  expect(committed).toEqual(['0']);
  expect(errors).toHaveLength(1);
});
