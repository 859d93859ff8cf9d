/**
 * A consumer's settings and the bound of its stop, apart from the consumer (./consumer.ts) so that
 * the manifests, which size a pod's grace period from the bound, load no Kafka client.
 */
import type { RetrySettings } from './process-record.js';

export interface ConsumerSettings {
  readonly groupId: string;
  readonly deploymentName: string;
  /** Partitions handled at once (each still in order). */
  readonly concurrency: number;
  readonly retry: RetrySettings;
  /** Where a group without committed offsets starts: the beginning, or only new records. */
  readonly fromBeginning: boolean;
  /** How long the group waits for a silent member before handing its partitions to another. */
  readonly sessionTimeoutMs: number;
  /** How long a rebalance waits for members to rejoin (the reference's max.poll.interval.ms). */
  readonly rebalanceTimeoutMs: number;
  /**
   * False for an observer (the message counter): it takes every message as it comes, sets nothing
   * aside (the consumers that act do), and so needs no producer. True when not given.
   */
  readonly deadLetters?: boolean;
  /** Records of one partition in flight at once, those of one key still one after the other (default 8). */
  readonly inFlightPerPartition?: number;
  /** How long a handled record's offset may wait to be committed with the others' (default 200 ms). */
  readonly commitIntervalMs?: number;
}

/** kafkajs's defaults, which the job programs keep (node_modules/kafkajs/src/index.js, retry/defaults.js). */
const KAFKAJS_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The longest a consumer's stop takes, from the signal to the end of `stopped`. A stop while
 * connecting waits for nothing; otherwise it waits for whichever it is in the middle of (a group
 * join, which the coordinator ends within the rebalance timeout, or the records in hand, whose
 * calls the stop cancels or which end within `inHandMs`), then leaves the group (one request, at
 * most kafkajs's request timeout). A pod's grace period is made from it.
 */
export function stopBoundMs(settings: Pick<ConsumerSettings, 'rebalanceTimeoutMs'>, inHandMs: number): number {
  return Math.max(settings.rebalanceTimeoutMs, inHandMs) + KAFKAJS_REQUEST_TIMEOUT_MS;
}
