import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/runtime/log.js';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk) =>
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line !== ''),
    ),
  );
  return { stream, lines };
}

test('JSON lines with component, ISO time and the level the reference named', () => {
  const { stream, lines } = capture();
  const log = createLogger('graph-refresh-job', 'THOTH_LOG_GRAPH_REFRESH_JOB', { THOTH_LOG_GRAPH_REFRESH_JOB: 'WARNING' }, stream);
  log.info('hidden');
  log.warn({ count: 3 }, 'shown');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({
    level: 40,
    component: 'graph-refresh-job',
    count: 3,
    msg: 'shown',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
});

test('THOTH_LOGGING_NO_JSON gives one readable line per entry', () => {
  const { stream, lines } = capture();
  const log = createLogger('investigator', 'THOTH_LOG_INVESTIGATOR', { THOTH_LOGGING_NO_JSON: '1' }, stream);
  log.info({ topic: 'x', offsets: [1, 2] }, 'committed');
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO committed topic=x offsets=\[1,2\]$/);
});

test('an unknown level is a configuration error naming the variable', () => {
  expect(() => createLogger('x', 'THOTH_LOG_X', { THOTH_LOG_X: 'LOUD' })).toThrow(
    'THOTH_LOG_X="LOUD" is invalid; expected one of TRACE, DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL, FATAL',
  );
});
