/**
 * How long a failing record holds its partition: a refusal (403, 404) is retried for a while, as a
 * Role or a CRD is often a sync wave away, then set aside; a dependency that never answers is
 * retried up to the hold limit, then set aside as `timeout`.
 */
import { pino } from 'pino';
import { MESSAGE_TYPES, topicName } from '../../src/messages/catalogue.js';
import { topicTypes } from '../../src/runtime/kafka/decode.js';
import { processRecord, type RecordMetrics, type RetrySettings } from '../../src/runtime/kafka/process-record.js';
import type { Retryable } from '../../src/runtime/retryable.js';

const TYPE = 'unrevsolved-package';
const topic = topicName('unit', MESSAGE_TYPES[TYPE]);
const types = topicTypes('unit', [TYPE]);
const value = Buffer.from(JSON.stringify({ component_name: 'test', service_version: '1', package_name: 'flask', package_version: '1' }));
const noMetrics: RecordMetrics = { attemptStarted() {}, attemptEnded() {}, stalled() {}, deadLettered() {}, replayed() {} };
const retry: RetrySettings = { maxAttempts: 3, backoffMs: 5, maxBackoffMs: 20, refusedForMs: 150, holdLimitMs: 400 };

async function outcome(failures: (attempt: number) => Retryable | 'ok' | 'no-verdict') {
  const letters: { reason: string; detail: string }[] = [];
  let attempts = 0;
  const started = Date.now();
  const result = await processRecord(
    { topic, partition: 0, offset: '0', value },
    {
      [TYPE]: {
        v1: async () => {
          const verdict = failures(++attempts);
          if (verdict === 'ok') return;
          throw Object.assign(new Error(`failure ${attempts}`), verdict === 'no-verdict' ? {} : { retryable: verdict });
        },
      },
    },
    types,
    retry,
    { log: pino({ level: 'silent' }), metrics: noMetrics, deadLetter: async (_record, reason, detail) => void letters.push({ reason, detail }) },
    { signal: new AbortController().signal, heartbeat: async () => {} },
  );
  return { result, attempts, letters, ms: Date.now() - started };
}

test('a refusal that ends (the Role arrived) is retried until the record is handled', async () => {
  const run = await outcome((attempt) => (attempt < 4 ? 'for-a-while' : 'ok'));
  expect(run).toMatchObject({ result: 'handled', attempts: 4, letters: [] });
});

test('a refusal that lasts is permanent after refusedForMs', async () => {
  const run = await outcome(() => 'for-a-while');
  expect(run.result).toBe('dead-lettered');
  expect(run.ms).toBeGreaterThanOrEqual(retry.refusedForMs);
  expect(run.letters).toEqual([{ reason: 'handler-failed', detail: expect.stringMatching(/^refused for 0\.\d s: failure \d+$/) }]);
});

test('a dependency that never answers holds the partition up to holdLimitMs, then the record is set aside as timeout', async () => {
  const run = await outcome(() => true);
  expect(run.result).toBe('dead-lettered');
  expect(run.ms).toBeGreaterThanOrEqual(retry.holdLimitMs);
  expect(run.ms).toBeLessThan(retry.holdLimitMs + 300);
  expect(run.letters).toEqual([{ reason: 'timeout', detail: expect.stringMatching(/^failing for 0\.\d s: failure \d+$/) }]);
});

test('a permanent error is set aside at once; one without a verdict after maxAttempts', async () => {
  expect(await outcome(() => false)).toMatchObject({ attempts: 1, letters: [{ reason: 'handler-failed', detail: 'failure 1' }] });
  expect(await outcome(() => 'no-verdict')).toMatchObject({ attempts: 3, letters: [{ reason: 'handler-failed', detail: 'after 3 attempts: failure 3' }] });
});
