/** How deploy and status show Applications: durations, the table, the log of changes. */
import { missingApplication } from '../../src/deploy/applications.js';
import { ChangeLog, formatDuration, formatTable } from '../../src/deploy/report.js';
import { ROOT_WAVE, type Row } from '../../src/deploy/waves.js';

const EXPECTED = 'a'.repeat(40);
const row = (name: string, wave: number, changes: Partial<Row> = {}): Row => ({ ...missingApplication(name, wave, true), elapsedMs: 0, ...changes });

test.each([
  [0, '0.0s'],
  [340, '0.3s'],
  [9_990, '9.9s'],
  [42_000, '42s'],
  [125_000, '2m05s'],
  [3_780_000, '1h03m'],
])('formatDuration(%i) is %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test('the table aligns its columns, shows the root as "root" and a revision that is not the expected one beside it', () => {
  const rows = [
    row('stage-thoth-namespaces', -1, {
      exists: true,
      sync: 'Synced',
      health: 'Healthy',
      revision: EXPECTED,
      atExpected: true,
      phase: 'done',
      elapsedMs: 1_200,
    }),
    row('stage-thoth-apps', ROOT_WAVE, { exists: true, sync: 'OutOfSync', health: 'Progressing', revision: 'b'.repeat(40), elapsedMs: 61_000 }),
  ];
  expect(formatTable(rows, EXPECTED)).toBe(
    [
      'APPLICATION             WAVE  SYNC       HEALTH       REVISION                          ELAPSED',
      'stage-thoth-namespaces  -1    Synced     Healthy      aaaaaaaaaaaa                      1.2s',
      'stage-thoth-apps        root  OutOfSync  Progressing  bbbbbbbbbbbb (want aaaaaaaaaaaa)  1m01s',
    ].join('\n'),
  );
});

test('the change log prints a line only when an Application’s sync, health, revision or phase changes', () => {
  const log = new ChangeLog(EXPECTED);
  const waiting = row('stage-thoth-graph', 0, { exists: true, sync: 'OutOfSync', health: 'Progressing', revision: EXPECTED, atExpected: true });
  expect(log.lines([waiting, row('stage-thoth-infra', 1)])).toEqual(['wave 0  stage-thoth-graph  OutOfSync  Progressing  aaaaaaaaaaaa']);
  expect(log.lines([{ ...waiting, elapsedMs: 500 }])).toEqual([]);
  expect(log.lines([{ ...waiting, sync: 'Synced', health: 'Healthy', phase: 'done', elapsedMs: 1_500 }])).toEqual([
    'wave 0  stage-thoth-graph  Synced  Healthy  aaaaaaaaaaaa done in 1.5s',
  ]);
});
