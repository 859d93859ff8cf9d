import { jest } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { ConsumerMetrics } from '../../src/runtime/kafka/consumer-metrics.js';
import type { ConsumerSettings } from '../../src/runtime/kafka/consumer-settings.js';
import { startConsumer } from '../../src/runtime/kafka/consumer.js';
import type { ConsumedMessage } from '../../src/runtime/kafka/decode.js';
import type { HandlerTable } from '../../src/runtime/kafka/process-record.js';
import { replayDeadLetters } from '../../src/runtime/kafka/replay.js';
import { until } from '../services/job-programs.js';
import { startTestKafka, type TestKafka, topicEnd } from '../services/kafka.js';

// Joining a group on the mock broker takes 3 s, rejoining one up to its session timeout.
jest.setTimeout(60_000);

const silent = pino({ level: 'silent' });
let kafka: TestKafka;
let client: Kafka;
let producer: Producer;
let solvedTopic: string;
let unrevsolvedTopic: string;
let deadLetterTopic: string;

beforeAll(async () => {
  kafka = await startTestKafka(
    [MESSAGE_TYPES['solved-package'].base, MESSAGE_TYPES['unrevsolved-package'].base, MESSAGE_TYPES['hash-mismatch'].base, DEAD_LETTER.base],
    2,
  );
  client = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  solvedTopic = `${kafka.deploymentName}.${MESSAGE_TYPES['solved-package'].base}`;
  unrevsolvedTopic = `${kafka.deploymentName}.${MESSAGE_TYPES['unrevsolved-package'].base}`;
  deadLetterTopic = `${kafka.deploymentName}.${DEAD_LETTER.base}`;
});
afterAll(async () => {
  await producer?.disconnect();
  await kafka?.stop();
});

const envelope = { component_name: 'test', service_version: '1' };
const solved = (name: string, extra: Record<string, unknown> = {}) => ({
  ...envelope,
  package_name: name,
  package_version: '1.0',
  index_url: 'https://pypi.org/simple',
  solver: 'solver-rhel-8-py38',
  ...extra,
});

let group = 0;
function settings(): ConsumerSettings {
  return {
    groupId: `group-${++group}`,
    deploymentName: kafka.deploymentName,
    concurrency: 2,
    retry: { maxAttempts: 3, backoffMs: 10, maxBackoffMs: 50, refusedForMs: 100, holdLimitMs: 60_000 },
    fromBeginning: true,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 6_000,
  };
}

async function committed(groupId: string, topic: string): Promise<number> {
  const admin = client.admin();
  await admin.connect();
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  return result!.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/** Consumers a test started: stopped after it, whatever happened. */
const started: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((stop) => stop()));
});

async function run(table: HandlerTable, options: ConsumerSettings) {
  const controller = new AbortController();
  const registry = new Registry();
  const running = await startConsumer(client, options, table, { log: silent, metrics: new ConsumerMetrics(registry), signal: controller.signal });
  const stop = async () => {
    controller.abort();
    await running.stopped;
  };
  started.push(stop);
  return { stop, registry };
}

/** Where the dead-letter topic ends now, per partition: what a test adds comes after. */
const deadLetterEnd = () => topicEnd(kafka, deadLetterTopic);

/** The dead letters written after `since`, read as an operator's consumer would. */
async function deadLettersSince(since: Map<number, number>): Promise<{ value: string; headers: Record<string, string> }[]> {
  const end = await deadLetterEnd();
  const expected = [...end].reduce((sum, [partition, high]) => sum + high - (since.get(partition) ?? 0), 0);
  const found: { value: string; headers: Record<string, string> }[] = [];
  const consumer = client.consumer({ groupId: `dead-letter-reader-${++group}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (Number(message.offset) < (since.get(partition) ?? 0)) return;
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([key, value]) => [key, String(value)]));
      found.push({ value: message.value?.toString() ?? '', headers });
    },
  });
  await until(() => found.length >= expected, 'dead letters');
  await consumer.disconnect();
  return found;
}

test('handles every record once, commits each after its effect, and a restart resumes after the last commit', async () => {
  const seen: string[] = [];
  const order: ConsumedMessage[] = [];
  const table: HandlerTable = {
    'solved-package': {
      v1: async (message: ConsumedMessage<'solved-package'>) => {
        seen.push(message.value.package_name);
        order.push(message);
      },
    },
  };
  const options = settings();
  await producer.send({ topic: solvedTopic, messages: ['a', 'b', 'c', 'd'].map((name) => ({ value: JSON.stringify(solved(name)) })) });
  const first = await run(table, options);
  await until(async () => (await committed(options.groupId, solvedTopic)) === 4, 'four commits');
  await first.stop();
  expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd']);
  for (const partition of [0, 1]) {
    const offsets = order.filter((message) => message.partition === partition).map((message) => Number(message.offset));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  }

  await producer.send({ topic: solvedTopic, messages: [{ value: JSON.stringify(solved('e')) }] });
  const second = await run(table, options);
  await until(async () => (await committed(options.groupId, solvedTopic)) === 5, 'the fifth commit');
  await second.stop();
  expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(await second.registry.getSingleMetricAsString('thoth_investigator_processed_total')).toContain(
    'thoth_investigator_processed_total{message_type="solved-package"} 1',
  );
});

test('records that cannot be handled go to the dead-letter topic, with why, and never stop the consumer', async () => {
  const seen: string[] = [];
  const table: HandlerTable = { 'solved-package': { v1: async (message) => void seen.push(String(message.value.package_name)) } };
  const options = settings();
  const before = await deadLetterEnd();
  await producer.send({
    topic: solvedTopic,
    messages: [
      { value: 'not json at all' },
      { value: JSON.stringify(solved('future', { version: 'v2' })) },
      { value: JSON.stringify({ ...envelope, package_name: 'no-version-field' }) },
      { value: JSON.stringify(solved('good')) },
    ],
  });
  // The topic holds the earlier tests' records too; a new group reads them all from the beginning.
  const end = [...(await topicEnd(kafka, solvedTopic)).values()].reduce((sum, high) => sum + high, 0);
  const consumer = await run(table, options);
  await until(async () => (await committed(options.groupId, solvedTopic)) === end, 'all records committed');
  await consumer.stop();
  expect(seen.filter((name) => name === 'good')).toHaveLength(1);
  const added = await deadLettersSince(before);
  expect(added.map((letter) => letter.headers['thoth-dead-letter-reason']).sort()).toEqual(['invalid-message', 'not-json', 'unknown-version']);
  const future = added.find((letter) => letter.headers['thoth-dead-letter-reason'] === 'unknown-version')!;
  expect(JSON.parse(future.value)).toMatchObject({ package_name: 'future', version: 'v2' });
  expect(future.headers).toMatchObject({
    'thoth-source-topic': solvedTopic,
    'thoth-consumer-group': options.groupId,
    'thoth-dead-letter-detail': 'solved-package version "v2" has no handler (handled: v1)',
  });
  const metric = await consumer.registry.getSingleMetricAsString('thoth_investigator_dead_letters_total');
  expect(metric).toContain('thoth_investigator_dead_letters_total{message_type="solved-package",reason="not-json"} 1');
});

test('no record can stop the consumer: the worst are set aside with their reason, and the records behind them are handled', async () => {
  const seen: string[] = [];
  const table: HandlerTable = { 'solved-package': { v1: async (message) => void seen.push(String(message.value.package_name)) } };
  const options = settings();
  const before = await deadLetterEnd();
  const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepField = JSON.stringify(solved('deep-field', { extra: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) }));
  const large = JSON.stringify(solved('large', { padding: 'x'.repeat(1024 * 1024) }));
  // Every record goes to partition 0, so that the good one is handled only after all the others.
  const [sent] = await producer.send({
    topic: solvedTopic,
    messages: [
      { partition: 0, value: deepArray },
      { partition: 0, value: deepField },
      { partition: 0, value: large },
      { partition: 0, value: `{"__proto__": {"package_name": "polluted"}, ${JSON.stringify(solved('proto')).slice(1)}` },
      { partition: 0, value: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
      { partition: 0, value: Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)) },
      { partition: 0, value: JSON.stringify(solved('behind-them')) },
    ],
  });
  const end = [...(await topicEnd(kafka, solvedTopic)).values()].reduce((sum, high) => sum + high, 0);
  const consumer = await run(table, options);
  await until(async () => (await committed(options.groupId, solvedTopic)) === end, 'all records committed');
  await consumer.stop();
  expect(seen).toContain('behind-them');
  expect(({} as Record<string, unknown>).package_name).toBeUndefined();
  // A new group reads the earlier tests' records too: only those sent here count.
  const added = (await deadLettersSince(before)).filter(
    (letter) => letter.headers['thoth-source-partition'] === '0' && BigInt(letter.headers['thoth-source-offset']!) >= BigInt(sent!.baseOffset!),
  );
  const reasons = added.map((letter) => letter.headers['thoth-dead-letter-reason']);
  // Invalid UTF-8 decodes to replacement characters: JSON, but no message; the __proto__ key is a plain key.
  expect([...reasons].sort()).toEqual(['invalid-message', 'not-json', 'too-deep', 'too-deep', 'too-large']);
  expect(seen.filter((name) => ['proto', 'behind-them'].includes(name))).toEqual(['proto', 'behind-them']);
  for (const letter of added.filter((each) => ['too-deep', 'too-large'].includes(each.headers['thoth-dead-letter-reason']!))) {
    expect(letter.value).toBe('');
    expect(letter.headers['thoth-dead-letter-value-dropped']).toMatch(/^the value (nests deeper than 64 levels|is \d+ bytes; at most 1048576 are read)/);
  }
});

test('retryable failures are retried until done; permanent ones go to the dead-letter topic at once; others after the attempts', async () => {
  const attempts = new Map<string, number>();
  const table: HandlerTable = {
    'unrevsolved-package': {
      v1: async (message) => {
        const name = String(message.value.package_name);
        const attempt = (attempts.get(name) ?? 0) + 1;
        attempts.set(name, attempt);
        if (name === 'outage' && attempt < 5) throw Object.assign(new Error('API server unavailable'), { retryable: true });
        if (name === 'forbidden') throw Object.assign(new Error('403 forbidden'), { retryable: false });
        if (name === 'bug') throw new TypeError('undefined is not a function');
      },
    },
  };
  const options = settings();
  const before = await deadLetterEnd();
  await producer.send({
    topic: unrevsolvedTopic,
    messages: ['outage', 'forbidden', 'bug'].map((name) => ({ value: JSON.stringify({ ...envelope, package_name: name, package_version: '1' }) })),
  });
  const consumer = await run(table, options);
  await until(async () => (await committed(options.groupId, unrevsolvedTopic)) === 3, 'three commits');
  await consumer.stop();
  expect(Object.fromEntries(attempts)).toEqual({ outage: 5, forbidden: 1, bug: 3 });
  const added = await deadLettersSince(before);
  expect(added.map((letter) => letter.headers['thoth-dead-letter-detail']).sort()).toEqual(['403 forbidden', 'after 3 attempts: undefined is not a function']);
});

test('stopped while a record is retried, the record stays uncommitted and is handled after the restart', async () => {
  let failing = true;
  const handled: string[] = [];
  const table: HandlerTable = {
    'hash-mismatch': {
      v1: async (message) => {
        if (failing) throw Object.assign(new Error('API server unavailable'), { retryable: true });
        handled.push(String(message.value.package_name));
      },
    },
  };
  const options = { ...settings(), retry: { ...settings().retry, backoffMs: 50, maxBackoffMs: 200 } };
  const topic = `${kafka.deploymentName}.${MESSAGE_TYPES['hash-mismatch'].base}`;
  await producer.send({
    topic,
    messages: ['x', 'y', 'z'].map((name) => ({
      value: JSON.stringify({
        ...envelope,
        package_name: name,
        package_version: '1',
        index_url: 'https://pypi.org/simple',
        missing_from_source: [],
        missing_from_database: [],
      }),
    })),
  });
  const first = await run(table, options);
  await until(async () => (await first.registry.getSingleMetricAsString('thoth_investigator_exceptions_total')).includes('hash-mismatch'), 'a failed attempt');
  await first.stop();
  expect(await committed(options.groupId, topic)).toBe(0);
  failing = false;
  const second = await run(table, options);
  await until(async () => (await committed(options.groupId, topic)) === 3, 'every record committed');
  await second.stop();
  expect(handled.sort()).toEqual(['x', 'y', 'z']);
});

test('stopped during the group join, the member leaves and never rejoins: the next member gets every partition', async () => {
  const options = settings();
  const handled = new Set<string>();
  const table: HandlerTable = { 'unrevsolved-package': { v1: async (message) => void handled.add(String(message.value.package_name)) } };
  const controller = new AbortController();
  // Joining takes 3 s on the mock broker, and startConsumer returns once joined: stop in the middle of it.
  setTimeout(() => controller.abort(), 1_000);
  const first = await startConsumer(client, options, table, { log: silent, metrics: new ConsumerMetrics(new Registry()), signal: controller.signal });
  await first.stopped;
  const names = Array.from({ length: 20 }, (_, index) => `after-stop-${index}`);
  await producer.send({
    topic: unrevsolvedTopic,
    messages: names.map((name) => ({ value: JSON.stringify({ ...envelope, package_name: name, package_version: '1' }) })),
  });
  // A member that rejoined would keep one of the two partitions until the group gave up on it (about
  // 25 s here, 7 of 7 times before the fix); the next member joins and handles all in about 9 s.
  await run(table, options);
  await until(() => names.every((name) => handled.has(name)), 'every record handled by the next member', 16_000);
});

test('dead letters are replayed to their topic once the cause is fixed, selected by reason, type and time, once only, with a dry run first', async () => {
  let broken = true;
  const handled: string[] = [];
  const table: HandlerTable = {
    'unrevsolved-package': {
      v1: async (message) => {
        const name = String(message.value.package_name);
        if (broken && name.startsWith('replay-')) throw Object.assign(new Error('no such solver'), { retryable: false });
        handled.push(name);
      },
    },
  };
  const since = new Date();
  const names = ['replay-a', 'replay-b', 'replay-c'];
  const consumer = await run(table, settings());
  const before = await deadLetterEnd();
  await producer.send({
    topic: unrevsolvedTopic,
    messages: names.map((name) => ({ value: JSON.stringify({ ...envelope, package_name: name, package_version: '1' }) })),
  });
  const total = (ends: Map<number, number>) => [...ends.values()].reduce((sum, high) => sum + high, 0);
  await until(async () => total(await deadLetterEnd()) === total(before) + 3, 'three dead letters');
  const selection = { reasons: ['handler-failed'], types: ['unrevsolved-package' as const], since };

  const sourceEnd = async () => [...(await topicEnd(kafka, unrevsolvedTopic)).values()].reduce((sum, high) => sum + high, 0);
  const ended = await sourceEnd();
  expect(await replayDeadLetters(client, kafka.deploymentName, selection, true)).toEqual({
    replayed: { 'handler-failed': 3 },
    alreadyReplayed: 0,
    unreplayable: 0,
  });
  expect(await sourceEnd()).toBe(ended);
  expect(await replayDeadLetters(client, kafka.deploymentName, { ...selection, reasons: ['timeout'] }, true)).toEqual({
    replayed: {},
    alreadyReplayed: 0,
    unreplayable: 0,
  });

  broken = false;
  expect(await replayDeadLetters(client, kafka.deploymentName, selection, false)).toEqual({
    replayed: { 'handler-failed': 3 },
    alreadyReplayed: 0,
    unreplayable: 0,
  });
  await until(() => names.every((name) => handled.includes(name)), 'the replayed records handled');
  expect(await consumer.registry.getSingleMetricAsString('thoth_investigator_replayed_total')).toContain(
    'thoth_investigator_replayed_total{message_type="unrevsolved-package",outcome="handled"} 3',
  );
  expect(await replayDeadLetters(client, kafka.deploymentName, selection, false)).toEqual({ replayed: {}, alreadyReplayed: 3, unreplayable: 0 });
  expect(await sourceEnd()).toBe(ended + 3);
});

test.each([0, 300, 5_000])(
  'stopped %i ms after it starts (before connecting, while joining, consuming), the consumer ends within the join time',
  async (delayMs) => {
    const table: HandlerTable = { 'hash-mismatch': { v1: async () => {} } };
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort();
    }, delayMs);
    const consumer = await startConsumer(client, settings(), table, { log: silent, metrics: new ConsumerMetrics(new Registry()), signal: controller.signal });
    await until(() => abortedAt > 0, 'the stop');
    await consumer.stopped;
    // A join takes 3 s on the mock broker; a stop waits for it at most, then leaves.
    expect(Date.now() - abortedAt).toBeLessThan(6_000);
  },
);
