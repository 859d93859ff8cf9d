/**
 * Consumes the deployment's topics of a handler table with kafkajs. Records of one partition are
 * handled one after the other and each offset is committed only once its handler's effect is done
 * (or the record is in the dead-letter topic), so commits are in order per partition and a
 * restart resumes at the first record whose effect is not done. Partitions are handled in
 * parallel up to `concurrency`. The reference handled five records at once regardless of
 * partition and could commit a later offset before an earlier record was done.
 */
import type { Kafka, Producer } from 'kafkajs';
import { DEAD_LETTER, MESSAGE_TYPES, type MessageTypeName, topicName } from '../../messages/catalogue.js';
import type { Logger } from '../log.js';
import { openProducer } from './connect.js';
import type { ConsumerMetrics } from './consumer-metrics.js';
import { type DeadLetterReason, type RawRecord, topicTypes } from './decode.js';
import { type HandlerTable, processRecord, type RetrySettings } from './process-record.js';
import { redactSecrets } from './redact.js';
import { REPLAY_OF_HEADER } from './replay.js';

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
}

export interface RunningConsumer {
  /** Resolves when the consumer has stopped: after `signal` aborts, or rejects if it crashed. */
  readonly stopped: Promise<void>;
}

export async function startConsumer(
  kafka: Kafka,
  settings: ConsumerSettings,
  table: HandlerTable,
  deps: { readonly log: Logger; readonly metrics: ConsumerMetrics; readonly signal: AbortSignal },
): Promise<RunningConsumer> {
  const types = Object.keys(table) as MessageTypeName[];
  const topics = topicTypes(settings.deploymentName, types);
  const deadLetterTopic = topicName(settings.deploymentName, DEAD_LETTER);
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: settings.sessionTimeoutMs,
    rebalanceTimeout: settings.rebalanceTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(settings.sessionTimeoutMs / 10)),
    // A stop waits for the fetch in flight: keep it short so SIGTERM is answered within a second.
    maxWaitTimeInMs: 1_000,
  });
  const producer = settings.deadLetters === false ? undefined : await openProducer(kafka);
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics.keys()], fromBeginning: settings.fromBeginning });

  const deadLetter = producer === undefined ? undefined : (record: RawRecord, reason: DeadLetterReason, detail: string) => sendDeadLetter(producer, deadLetterTopic, settings.groupId, record, reason, detail);
  let finish: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const stopped = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // kafkajs joins the group inside run(); a disconnect during the join is undone when the join
  // completes (its fetch loop reconnects and the member keeps partitions it never handles), so a
  // stop waits for the join to end, bounded by the rebalance timeout, and then disconnects.
  let joining: Promise<void> = Promise.resolve();
  const stop = async () => {
    await joining.catch(() => {});
    // disconnect() waits for the records in hand; those stopped mid-retry stay uncommitted.
    await consumer.disconnect();
    await producer?.disconnect();
  };
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) void stop().then(() => fail(event.payload.error), fail);
  });
  deps.signal.addEventListener('abort', () => void stop().then(finish, fail), { once: true });
  if (deps.signal.aborted) {
    // Stopped while connecting: the listener above came too late to hear it.
    await stop();
    return { stopped: Promise.resolve() };
  }

  joining = consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: settings.concurrency,
    eachMessage: async ({ topic, partition, message, heartbeat }) => {
      if (deps.signal.aborted) return;
      const record: RawRecord = { topic, partition, offset: message.offset, value: message.value, replayed: message.headers?.[REPLAY_OF_HEADER] !== undefined };
      try {
        await processRecord(record, table, topics, settings.retry, { ...(deadLetter === undefined ? {} : { deadLetter }), log: deps.log, metrics: deps.metrics }, { signal: deps.signal, heartbeat });
      } catch (error) {
        // Stopping: leave the record uncommitted, to be handled again after the restart.
        if (deps.signal.aborted) return;
        throw error;
      }
      const next = (BigInt(message.offset) + 1n).toString();
      await consumer.commitOffsets([{ topic, partition, offset: next }]);
      deps.metrics.committed(topic, partition, message.offset);
    },
  });
  await joining;
  deps.log.info({ groupId: settings.groupId, topics: [...topics.keys()], types: types.map((type) => MESSAGE_TYPES[type].base) }, 'consuming');
  return { stopped };
}

/** The original value (its secrets redacted), with where it came from and why in the headers. */
async function sendDeadLetter(producer: Producer, topic: string, groupId: string, record: RawRecord, reason: DeadLetterReason, detail: string): Promise<void> {
  const { value, redacted, dropped } = redactSecrets(record.value);
  await producer.send({
    topic,
    acks: -1,
    messages: [
      {
        value,
        headers: {
          ...(redacted ? { 'thoth-dead-letter-redacted': 'true' } : {}),
          ...(dropped === undefined ? {} : { 'thoth-dead-letter-value-dropped': dropped }),
          'thoth-dead-letter-reason': reason,
          'thoth-dead-letter-detail': detail,
          'thoth-source-topic': record.topic,
          'thoth-source-partition': String(record.partition),
          'thoth-source-offset': record.offset,
          'thoth-consumer-group': groupId,
        },
      },
    ],
  });
}
