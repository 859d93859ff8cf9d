/**
 * Consumes the deployment's topics of a handler table with kafkajs. Records of one partition are
 * handled several at a time, up to `inFlightPerPartition`, those of one key (keyless ones being one
 * key) one after the other in order (./partition-window.ts). A record's offset is committed only
 * once its handler's effect, and that of every record before it in the partition, is done (or the
 * record is in the dead-letter topic): the partitions' highest together every `commitIntervalMs`
 * and when the consumer stops or the group rebalances (./offset-commits.ts), so a restart resumes
 * at most one interval before the first record whose effect is not done. Partitions are handled in
 * parallel up to `concurrency` (docs/quirks.md Q7).
 */
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { DEAD_LETTER, MESSAGE_TYPES, type MessageTypeName, topicName } from '../../messages/catalogue.js';
import type { Logger } from '../log.js';
import { openProducer } from './connect.js';
import type { ConsumerMetrics } from './consumer-metrics.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { type DeadLetterReason, type RawRecord, topicTypes } from './decode.js';
import { OffsetCommits } from './offset-commits.js';
import { PartitionWindow } from './partition-window.js';
import { type HandlerTable, processRecord } from './process-record.js';
import { redactSecrets } from './redact.js';
import { REPLAY_OF_HEADER } from './replay.js';

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
  // A stop while connecting does not wait for the connect (kafkajs retries it for up to 30 s):
  // nothing is consumed yet, so the program ends and the half-open connections with it.
  let producer: Producer | undefined;
  const connecting = (async () => {
    producer = settings.deadLetters === false ? undefined : await openProducer(kafka);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics.keys()], fromBeginning: settings.fromBeginning });
  })();
  if ((await Promise.race([connecting.then(() => 'connected' as const), abortOf(deps.signal)])) === 'aborted') {
    // Late, and best effort: the program is ending anyway.
    connecting.then(() => disconnectAll(consumer, producer)).catch(() => {});
    return { stopped: Promise.resolve() };
  }

  const deadLetter =
    producer === undefined
      ? undefined
      : (record: RawRecord, reason: DeadLetterReason, detail: string) => sendDeadLetter(producer!, deadLetterTopic, settings.groupId, record, reason, detail);
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
  const commits = new OffsetCommits(
    consumer,
    settings.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
    ({ topic, partition, offset }) => deps.metrics.committed(topic, partition, (BigInt(offset) - 1n).toString()),
    deps.log,
  );
  /** The records being handled: a stop commits what they finish before it leaves the group. */
  const inHand = new Set<Promise<unknown>>();
  const stop = async () => {
    await joining.catch(() => {});
    // The records in hand finish (those stopped mid-retry stay uncommitted), then what is handled is
    // committed while this member still belongs to the group, then it leaves.
    await Promise.allSettled([...inHand]);
    await commits.flush().catch((error: unknown) => deps.log.warn({ err: error }, 'committing offsets at the stop failed; the records are handled again'));
    commits.dispose();
    await disconnectAll(consumer, producer);
  };
  // Before partitions move to another member: what this one handled is committed, if the coordinator still takes it.
  consumer.on(consumer.events.REBALANCING, () => {
    void commits.flush().catch((error: unknown) => deps.log.info({ err: error }, 'offsets not committed before the rebalance; the records are handled again'));
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) void stop().then(() => fail(event.payload.error), fail);
  });
  deps.signal.addEventListener('abort', () => void stop().then(finish, fail), { once: true });
  if (deps.signal.aborted) {
    // Stopped between the connect and here: the listener above came too late to hear it.
    await stop();
    return { stopped: Promise.resolve() };
  }

  deps.log.info({ groupId: settings.groupId }, 'joining the consumer group');
  joining = consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: settings.concurrency,
    eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
      const { topic, partition } = batch;
      const window = new PartitionWindow(settings.inFlightPerPartition ?? DEFAULT_IN_FLIGHT_PER_PARTITION);
      let failure: unknown;
      for (const message of batch.messages) {
        await window.room();
        // Stopping, rebalanced away or failed: what is not started stays uncommitted, handled again by whoever reads on.
        if (deps.signal.aborted || !isRunning() || isStale() || failure !== undefined) {
          window.abandon();
          break;
        }
        const record: RawRecord = {
          topic,
          partition,
          offset: message.offset,
          value: message.value,
          replayed: message.headers?.[REPLAY_OF_HEADER] !== undefined,
        };
        const handled = window.start(
          message.key === null ? '' : message.key.toString('base64'),
          message.offset,
          () =>
            processRecord(
              record,
              table,
              topics,
              settings.retry,
              { ...(deadLetter === undefined ? {} : { deadLetter }), log: deps.log, metrics: deps.metrics },
              { signal: deps.signal, heartbeat },
            ),
          (upTo) => {
            if (upTo !== undefined) commits.mark(topic, partition, upTo);
          },
          (error) => {
            // Stopping: the record stays uncommitted, to be handled again after the restart.
            if (!deps.signal.aborted) failure ??= error;
          },
        );
        inHand.add(handled);
        void handled.finally(() => inHand.delete(handled));
      }
      await window.drained();
      if (failure !== undefined) throw failure;
    },
  });
  await joining;
  deps.log.info({ groupId: settings.groupId, topics: [...topics.keys()], types: types.map((type) => MESSAGE_TYPES[type].base) }, 'consuming');
  return { stopped };
}

/** Records of one partition in flight at once (each key's still in order). */
const DEFAULT_IN_FLIGHT_PER_PARTITION = 8;

/** How long a handled record's offset may wait to be committed with others (a crash handles at most that much again). */
const DEFAULT_COMMIT_INTERVAL_MS = 200;

async function disconnectAll(consumer: Consumer, producer: Producer | undefined): Promise<void> {
  await consumer.disconnect();
  await producer?.disconnect();
}

/** Resolves when `signal` aborts (at once if it has). */
function abortOf(signal: AbortSignal): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
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
