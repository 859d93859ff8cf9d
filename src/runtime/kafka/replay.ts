/**
 * Dead letters are a queue, not a grave: `replay` sends the selected ones (by reason, message type,
 * time range) back to the topic they came from, once the cause is fixed. Each replayed letter gets a
 * marker in the dead-letter topic itself (a record without a value, naming the letter), so a second
 * replay skips it: replaying is idempotent whatever is selected. A crash between the re-send and its
 * marker sends that one letter again at worst, which the consumers' effects allow (Workflows are
 * named after their inputs). Letters whose value was dropped or redacted cannot be replayed as they
 * were sent, and are counted apart.
 */
import type { Kafka, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER, MESSAGE_TYPES, type MessageTypeName, topicName } from '../../messages/catalogue.js';
import { openProducer } from './connect.js';

/** The header of a marker: `<partition>/<offset>` of the letter it replayed. */
export const REPLAYED_HEADER = 'thoth-dead-letter-replayed';
/** The header a re-sent record carries: where in the dead-letter topic it came from. */
export const REPLAY_OF_HEADER = 'thoth-replay-of';

export interface ReplaySelection {
  readonly reasons?: readonly string[];
  readonly types?: readonly MessageTypeName[];
  /** Letters set aside at or after this time. */
  readonly since?: Date;
  /** Letters set aside before this time. */
  readonly until?: Date;
}

export interface ReplayResult {
  /** Letters selected and sent back (or that would be, in a dry run), by reason. */
  readonly replayed: Readonly<Record<string, number>>;
  /** Selected letters a previous replay already sent back. */
  readonly alreadyReplayed: number;
  /** Selected letters whose value was dropped or redacted. */
  readonly unreplayable: number;
}

/** How long reading the dead-letter topic to its end may take. */
const READ_TIMEOUT_MS = 120_000;

interface Letter {
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly headers: Readonly<Record<string, string>>;
}

export async function replayDeadLetters(kafka: Kafka, deploymentName: string, selection: ReplaySelection, dryRun: boolean): Promise<ReplayResult> {
  const topic = topicName(deploymentName, DEAD_LETTER);
  const records = await readToEnd(kafka, topic);
  const replayedBefore = new Set(records.flatMap((record) => record.headers[REPLAYED_HEADER] ?? []));
  const sourceTopics = selection.types === undefined ? undefined : new Set(selection.types.map((type) => topicName(deploymentName, MESSAGE_TYPES[type])));
  const selected = records.filter((letter) => {
    if (letter.headers[REPLAYED_HEADER] !== undefined) return false;
    const at = Number(letter.message.timestamp);
    return (
      (selection.reasons === undefined || selection.reasons.includes(letter.headers['thoth-dead-letter-reason'] ?? '')) &&
      (sourceTopics === undefined || sourceTopics.has(letter.headers['thoth-source-topic'] ?? '')) &&
      (selection.since === undefined || at >= selection.since.getTime()) &&
      (selection.until === undefined || at < selection.until.getTime())
    );
  });
  const fresh = selected.filter((letter) => !replayedBefore.has(`${letter.partition}/${letter.message.offset}`));
  const replayable = fresh.filter(
    (letter) => letter.message.value !== null && letter.headers['thoth-dead-letter-redacted'] !== 'true' && letter.headers['thoth-source-topic'] !== undefined,
  );
  const replayed: Record<string, number> = {};
  for (const letter of replayable)
    replayed[letter.headers['thoth-dead-letter-reason'] ?? 'unknown'] = (replayed[letter.headers['thoth-dead-letter-reason'] ?? 'unknown'] ?? 0) + 1;
  if (!dryRun && replayable.length > 0) {
    const producer = await openProducer(kafka);
    try {
      for (const letter of replayable) {
        const key = `${letter.partition}/${letter.message.offset}`;
        await producer.send({
          topic: letter.headers['thoth-source-topic']!,
          acks: -1,
          messages: [{ value: letter.message.value, headers: { [REPLAY_OF_HEADER]: `${topic}/${key}` } }],
        });
        await producer.send({ topic, acks: -1, messages: [{ value: null, headers: { [REPLAYED_HEADER]: key } }] });
      }
    } finally {
      await producer.disconnect();
    }
  }
  return { replayed, alreadyReplayed: selected.length - fresh.length, unreplayable: fresh.length - replayable.length };
}

/** Every record of the topic up to where it ends now, read by a consumer group of its own. */
async function readToEnd(kafka: Kafka, topic: string): Promise<Letter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())).map((partition) => [partition.partition, BigInt(partition.high)]),
  );
  const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
  if (remaining.size === 0) return [];
  const letters: Letter[] = [];
  const consumer = kafka.consumer({ groupId: `thoth-replay-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = ends.get(partition) ?? 0n;
        if (BigInt(message.offset) < end) {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
          );
          letters.push({ partition, message, headers });
        }
        if (BigInt(message.offset) >= end - 1n) {
          remaining.delete(partition);
          if (remaining.size === 0) done();
        }
      },
    });
    // A topic that ends in something no consumer is handed (a transaction marker) must not hang the replay.
    const timeout = setTimeout(() => done(), READ_TIMEOUT_MS);
    await finished;
    clearTimeout(timeout);
    if (remaining.size > 0) throw new Error(`could not read ${topic} to its end within ${READ_TIMEOUT_MS / 1000} s`);
  } finally {
    await consumer.disconnect();
  }
  return letters;
}
