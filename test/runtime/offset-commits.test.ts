/** Offsets committed together: coalesced per partition, in order, after the interval or at once, none lost on a refusal. */
import { pino } from 'pino';
import { OffsetCommits, type PartitionOffset } from '../../src/runtime/kafka/offset-commits.js';

const silent = pino({ level: 'silent' });

function committer() {
  const calls: PartitionOffset[][] = [];
  let refuse: Error | undefined;
  return {
    calls,
    refuseNext: (error: Error) => (refuse = error),
    commitOffsets: async (offsets: PartitionOffset[]) => {
      if (refuse !== undefined) {
        const error = refuse;
        refuse = undefined;
        throw error;
      }
      calls.push(offsets);
    },
  };
}

test('a partition’s latest handled record is committed, once per interval, with the other partitions’ in one request', async () => {
  const consumer = committer();
  const committed: PartitionOffset[] = [];
  const commits = new OffsetCommits(consumer, 50, (offset) => committed.push(offset), silent);
  for (const offset of ['0', '1', '2']) commits.mark('t', 0, offset);
  commits.mark('t', 1, '7');
  expect(consumer.calls).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(consumer.calls).toEqual([
    [
      { topic: 't', partition: 0, offset: '3' },
      { topic: 't', partition: 1, offset: '8' },
    ],
  ]);
  expect(committed).toHaveLength(2);
  // Nothing marked since: nothing to commit.
  await commits.flush();
  expect(consumer.calls).toHaveLength(1);
  commits.dispose();
});

test('a refused commit keeps its offsets for the next flush, unless a newer one of the partition came since', async () => {
  const consumer = committer();
  const commits = new OffsetCommits(consumer, 60_000, () => {}, silent);
  commits.mark('t', 0, '4');
  commits.mark('t', 1, '9');
  consumer.refuseNext(new Error('REBALANCE_IN_PROGRESS'));
  await expect(commits.flush()).rejects.toThrow('REBALANCE_IN_PROGRESS');
  commits.mark('t', 0, '5');
  await commits.flush();
  expect(consumer.calls).toEqual([
    [
      { topic: 't', partition: 0, offset: '6' },
      { topic: 't', partition: 1, offset: '10' },
    ],
  ]);
  commits.dispose();
});

test('flushes run one after the other, so a partition’s committed offset only moves forward', async () => {
  const order: string[] = [];
  const commits = new OffsetCommits(
    {
      commitOffsets: async (offsets) => {
        // The first commit is the slower one.
        await new Promise((resolve) => setTimeout(resolve, offsets[0]!.offset === '2' ? 30 : 1));
        order.push(offsets[0]!.offset);
      },
    },
    60_000,
    () => {},
    silent,
  );
  commits.mark('t', 0, '1');
  const first = commits.flush();
  commits.mark('t', 0, '2');
  await Promise.all([first, commits.flush()]);
  expect(order).toEqual(['2', '3']);
  commits.dispose();
});
