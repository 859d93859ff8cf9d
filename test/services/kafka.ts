/**
 * A Kafka-protocol broker of its own for a test file: librdkafka's mock cluster (built by
 * scripts/kafka-mock/build.sh, which jest's global setup runs), started with the file's topics and
 * stopped afterwards. With KAFKA_BOOTSTRAP_SERVERS set, that broker is used instead and the topics
 * are created through its admin API (the mock does not implement CreateTopics); the deployment name
 * is unique per call either way, so test files never read each other's messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';

export const MOCK_BROKER = path.resolve('node_modules/.cache/kafka-mock/mock-broker');

export interface TestKafka {
  readonly brokers: string[];
  readonly deploymentName: string;
  readonly stop: () => Promise<void>;
}

/** `topics` are base names (catalogue `base`); each gets the unique deployment name as prefix. */
export async function startTestKafka(topicBases: readonly string[], partitions = 1): Promise<TestKafka> {
  const deploymentName = `test-${randomBytes(4).toString('hex')}`;
  const topics = topicBases.map((base) => `${deploymentName}.${base}`);
  const external = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (external !== undefined && external !== '') {
    const brokers = external.split(',');
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: partitions })) });
    await admin.disconnect();
    return { brokers, deploymentName, stop: async () => {} };
  }
  const child = spawn(
    MOCK_BROKER,
    topics.map((topic) => `${topic}:${partitions}`),
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const bootstraps = await firstLine(child);
  return {
    brokers: bootstraps.split(','),
    deploymentName,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
}

/** Reads a topic from the beginning, as a consumer group would; it must hold exactly `count` records. */
export async function readTopic(kafka: TestKafka, topic: string, count: number): Promise<string[]> {
  const consumer = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `reader-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const values: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${values.length} of ${count} records of ${topic}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString() ?? '');
          if (values.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  const total = [...(await topicEnd(kafka, topic)).values()].reduce((sum, high) => sum + high, 0);
  if (total !== count) throw new Error(`${topic} holds ${total} records, expected exactly ${count}`);
  return values;
}

/** Where each partition of a topic ends now (its high offset), by partition number. */
export async function topicEnd(kafka: Pick<TestKafka, 'brokers'>, topic: string): Promise<Map<number, number>> {
  const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((partition) => [partition.partition, Number(partition.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * librdkafka's mock broker answers a follower's SyncGroup that arrives after the leader's with
 * INVALID_REQUEST (rdkafka_mock_cgrp.c: a group that is already up accepts no SyncGroup), where a
 * real broker answers it with the member's assignment; kafkajs then crashes the consumer. Whether a
 * program's log lines show it: a property of the mock, not of the program.
 */
export function metMockSyncRefusal(lines: readonly string[]): boolean {
  return lines.some((line) => /Response SyncGroup.*request being malformed/.test(line));
}

/** Records of the topics that the group has not committed: 0 when every partition's work is done. */
export async function uncommittedRecords(kafka: Pick<TestKafka, 'brokers'>, groupId: string, topics: readonly string[]): Promise<number> {
  const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let behind = 0;
    for (const topic of topics) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const [partition, end] of await topicEnd(kafka, topic))
        behind += end - Math.max(0, Number(committed!.partitions.find((p) => p.partition === partition)?.offset ?? -1));
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`mock broker exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
}
