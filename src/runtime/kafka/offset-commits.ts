/**
 * The offsets of handled records, committed together: a record's offset is marked once its effect
 * is done, and every partition's latest mark goes to the group coordinator in one request, at most
 * every `intervalMs` and whenever the consumer stops or the group rebalances. Records of a partition
 * are handled in order, so a partition's latest mark is its highest contiguous handled record: a
 * commit never passes a record whose effect is not done. What a crash loses is at most the marks of
 * one interval, handled again after the restart, whose effects are idempotent (docs/quirks.md Q7).
 * One commit per record cost the investigator a round trip each (20,000 commits against 24 fetches).
 */
import type { Logger } from '../log.js';

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: the handled record's plus one, as Kafka commits it. */
  readonly offset: string;
}

export interface OffsetCommitter {
  commitOffsets(offsets: PartitionOffset[]): Promise<void>;
}

export class OffsetCommits {
  private readonly marked = new Map<string, PartitionOffset>();
  private timer: NodeJS.Timeout | undefined;
  /** Commits run one after the other, so that a partition's committed offset only moves forward. */
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: OffsetCommitter,
    private readonly intervalMs: number,
    private readonly onCommitted: (committed: PartitionOffset) => void,
    private readonly log: Logger,
  ) {}

  /** Marks the record at `offset` handled: its partition is committed past it with the next flush. */
  mark(topic: string, partition: number, offset: string): void {
    this.marked.set(`${topic}\0${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A refused timed commit is retried with the next flush or left to whoever gets the partition.
      void this.flush().catch((error: unknown) => this.log.warn({ err: error }, 'committing offsets failed; the records are handled again after a rebalance'));
    }, this.intervalMs);
  }

  /** Commits every partition's latest mark now (none: nothing to do); rejects with the coordinator's refusal. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = [...this.marked.values()];
    this.marked.clear();
    const commit = this.last.then(async () => {
      if (offsets.length === 0) return;
      try {
        await this.consumer.commitOffsets(offsets);
      } catch (error) {
        // Not committed: kept for the next flush unless a newer mark of the partition came since.
        for (const offset of offsets) {
          const key = `${offset.topic}\0${offset.partition}`;
          if (!this.marked.has(key)) this.marked.set(key, offset);
        }
        throw error;
      }
      for (const offset of offsets) this.onCommitted(offset);
    });
    this.last = commit.catch(() => {});
    return commit;
  }

  /** Stops the timer; marks not flushed are dropped, and their records handled again after the restart. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.marked.clear();
  }
}
