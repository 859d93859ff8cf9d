import { pino } from 'pino';
import { Registry } from 'prom-client';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { processRecord, type RecordMetrics } from '../../../../src/runtime/kafka/process-record.js';
import { topicTypes } from '../../../../src/runtime/kafka/decode.js';
import { context } from '../application/fakes.js';
import { messageMetricsTable, metricsTypeLabel } from './message-metrics.js';

const noMetrics: RecordMetrics = { attemptStarted: () => {}, attemptEnded: () => {}, stalled: () => {}, deadLettered: () => {}, replayed: () => {} };

test('every message counted by type and version, whatever its version or content; justifications summed', async () => {
  const registry = new Registry();
  const table = messageMetricsTable(registry, 'test-deployment');
  const types = topicTypes('d', Object.keys(table) as (keyof typeof MESSAGE_TYPES)[]);
  const record = (type: keyof typeof MESSAGE_TYPES, value: unknown, offset: string) => ({
    topic: `d.${MESSAGE_TYPES[type].base}`,
    partition: 0,
    offset,
    value: Buffer.from(JSON.stringify(value)),
  });
  const send = (type: keyof typeof MESSAGE_TYPES, value: unknown, offset = '0') =>
    processRecord(
      record(type, value, offset),
      table,
      types,
      { maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1, refusedForMs: 1, holdLimitMs: 1_000 },
      { log: pino({ level: 'silent' }), metrics: noMetrics },
      context,
    );

  await expect(send('missing-version', { version: 'v1', package_name: 'flask' })).resolves.toBe('handled');
  await send('missing-version', { version: 'v7' });
  await send('missing-version', {});
  await send('advise-justification', { message: 'm', justification_type: 'INFO', count: 3, adviser_version: '1' });
  await send('advise-justification', { message: 'm', justification_type: 'INFO', count: 2, adviser_version: '1' });
  const metrics = await registry.metrics();
  expect(metrics).toContain('message_count_by_version_total{message_type="missing_package_version",message_version="v1"} 1');
  expect(metrics).toContain('message_count_by_version_total{message_type="missing_package_version",message_version="v7"} 1');
  expect(metrics).toContain('message_count_by_version_total{message_type="missing_package_version",message_version="None"} 1');
  expect(metrics).toContain('thoth_advise_justification_type_number{advise_message="m",justification_type="INFO",thoth_environment="test-deployment"} 5');
});

test('what it cannot read is skipped and counted, never set aside: it keeps no dead letters', async () => {
  const table = messageMetricsTable(new Registry(), 'd');
  const types = topicTypes('d', ['solved-package']);
  const reasons: string[] = [];
  const outcome = await processRecord(
    { topic: `d.${MESSAGE_TYPES['solved-package'].base}`, partition: 0, offset: '0', value: Buffer.from('not json') },
    table,
    types,
    { maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1, refusedForMs: 1, holdLimitMs: 1_000 },
    { log: pino({ level: 'silent' }), metrics: { ...noMetrics, deadLettered: (_type, reason) => void reasons.push(reason) } },
    context,
  );
  expect(outcome).toBe('dead-lettered');
  expect(reasons).toEqual(['not-json']);
});

test('labels as the reference derived them', () => {
  expect(metricsTypeLabel('thoth-repo-init')).toBe('repo_init');
  expect(metricsTypeLabel('package-released')).toBe('package_released');
});
