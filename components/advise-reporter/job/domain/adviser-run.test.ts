import { countedMessage, readAdviserRun, solverName } from './adviser-run.js';
import { adviserTables, dayGauges, requestsTable, tableCsv, tableId } from './daily-tables.js';
import { adviserDocument } from '../../../../test/fixtures/adviser-document.js';

const report = (stack: unknown[], justification: unknown[]) => ({
  stack_info: stack,
  products: [{ justification }, { justification: [{ type: 'INFO', message: 'second product' }] }],
});

test("a report's justifications: stack info by link, the first product's by advisory, link or message; an ERROR in stack info fails the run", () => {
  const read = readAdviserRun(
    'adviser-1',
    adviserDocument({
      sourceType: 'jupyter_notebook',
      report: report(
        [
          { message: 'no type', link: 'https://thoth-station.ninja/j/no_type' },
          { type: 'ERROR', message: 'broken', link: 'see https://thoth-station.ninja/j/broken' },
        ],
        [
          { type: 'WARNING', advisory: 'CVE-1', link: 'ignored' },
          { type: 'INFO', link: 'https://thoth-station.ninja/j/pinned', message: 'm' },
          { type: 'INFO', message: 'plain' },
          { message: 'no type' },
        ],
      ),
    }),
  );
  expect(read).toEqual({
    run: {
      id: 'adviser-1',
      adviserVersion: '0.47.0',
      succeeded: false,
      justifications: [
        { message: 'https://thoth-station.ninja/j/no_type', type: 'INFO' },
        { message: 'https://thoth-station.ninja/j/broken', type: 'ERROR' },
        { message: 'CVE-1', type: 'WARNING' },
        { message: 'https://thoth-station.ninja/j/pinned', type: 'INFO' },
        { message: 'plain', type: 'INFO' },
      ],
      sourceType: 'JUPYTER_NOTEBOOK',
      recommendationType: 'LATEST',
      solver: 'rhel-8-py38',
      cpuModel: '142',
      cpuFamily: '6',
    },
  });
});

test('no report is one ERROR justification (its error message, else "no report provided"); missing inputs are left out, not fatal', () => {
  const failed = readAdviserRun('a', adviserDocument({ errorMsg: 'resolution failed' }));
  expect(failed).toMatchObject({ run: { succeeded: false, justifications: [{ message: 'resolution failed', type: 'ERROR' }] } });
  const bare = readAdviserRun('b', { metadata: { analyzer_version: '1.0.0' }, result: { report: {}, parameters: null } });
  expect(bare).toEqual({ run: { id: 'b', adviserVersion: '1.0.0', succeeded: false, justifications: [{ message: 'no report provided', type: 'ERROR' }] } });
  expect(readAdviserRun('c', { result: {} })).toEqual({ skipped: 'it has no metadata' });
  expect(readAdviserRun('d', { metadata: { analyzer_version: null }, result: {} })).toEqual({ skipped: 'metadata.analyzer_version is not a text' });
  expect(readAdviserRun('e', { metadata: { analyzer_version: '1' } })).toEqual({ skipped: 'it has no result' });
  expect(readAdviserRun('f', 'text')).toEqual({ skipped: 'it has no metadata' });
});

test('solver names and counted messages as thoth-common and the reporter make them', () => {
  expect(solverName('ubi', '8.4', '3.8')).toBe('rhel-8-py38');
  expect(solverName('fedora', '35', '3.10')).toBe('fedora-35-py310');
  expect(countedMessage('Use https://thoth-station.ninja/j/x here')).toBe('https://thoth-station.ninja/j/x here');
  expect(countedMessage('no link')).toBe('no link');
});

describe("a day's tables", () => {
  const runs = [
    adviserDocument({
      sourceType: 'KEBECHET',
      report: report(
        [],
        [
          { type: 'ERROR', link: 'https://thoth-station.ninja/j/a' },
          { type: 'INFO', message: 'x`y "z"' },
        ],
      ),
    }),
    adviserDocument({
      sourceType: 'KEBECHET',
      recommendation: 'stable',
      baseImage: 'quay.io/s2i:1',
      hardware: { cpu_family: 6, cpu_model: 142 },
      report: report(
        [],
        [
          { type: 'ERROR', link: 'https://thoth-station.ninja/j/a' },
          { type: 'ERROR', link: 'https://thoth-station.ninja/j/b' },
        ],
      ),
    }),
    adviserDocument({
      version: '0.48.0',
      os: { name: 'fedora', version: '35' },
      python: '3.10',
      hardware: { cpu_family: null, cpu_model: 85 },
      errorMsg: 'resolution failed',
    }),
  ].map((document, index) => {
    const read = readAdviserRun(`adviser-${index}`, document);
    if (!('run' in read)) throw new Error(read.skipped);
    return read.run;
  });

  test('as the reference lays them out, in its order, with counts as integers', () => {
    const tables = adviserTables('2026-11-29', runs);
    expect(Object.fromEntries(tables.map((table) => [table.name, tableCsv(table)]))).toEqual({
      adviser_justifications: [
        '2026-11-29`https://thoth-station.ninja/j/a`2`ERROR`0.47.0',
        '2026-11-29`"x`y ""z"""`1`INFO`0.47.0',
        '2026-11-29`https://thoth-station.ninja/j/b`1`ERROR`0.47.0',
        '2026-11-29`resolution failed`1`ERROR`0.48.0',
        '',
      ].join('\n'),
      adviser_statistics: '0.47.0`2`0\n0.48.0`0`1\n',
      adviser_integration_info: '2026-11-29`CLI`0\n2026-11-29`KEBECHET`2\n2026-11-29`S2I`0\n2026-11-29`JUPYTER_NOTEBOOK`0\n',
      adviser_recommendation_info: '2026-11-29`STABLE`1\n2026-11-29`TESTING`0\n2026-11-29`LATEST`2\n2026-11-29`PERFORMANCE`0\n2026-11-29`SECURITY`0\n',
      adviser_solver_info: '2026-11-29`rhel-8-py38`2\n2026-11-29`fedora-35-py310`1\n',
      adviser_base_image_info: '2026-11-29`quay.io/s2i:1`1\n',
      adviser_hardware_info: '2026-11-29`142`6`2\n',
    });
    expect(tableId(tables[0]!, '2026-11-29')).toBe('adviser_justifications/adviser_justifications-2026-11-29.csv');
    expect(adviserTables('2026-11-29', [])).toEqual([]);
    const counts = [{ component: 'adviser', requests: 4, documents: 3 }] as const;
    expect(tableCsv(requestsTable('2026-11-29', counts))).toBe('2026-11-29`adviser`4`3\n');
  });

  test("the gauges: each version's outcomes and ERROR justifications as percentages, rounded to three places", () => {
    const gauges = dayGauges(
      [],
      [
        ...runs,
        {
          ...runs[0]!,
          id: 'again',
          justifications: [
            { message: 'https://thoth-station.ninja/j/b', type: 'ERROR' },
            { message: 'https://thoth-station.ninja/j/b', type: 'ERROR' },
          ],
        },
      ],
    );
    expect(gauges.outcomes).toEqual([
      { adviserVersion: '0.47.0', successPercent: 100, failurePercent: 0 },
      { adviserVersion: '0.48.0', successPercent: 0, failurePercent: 100 },
    ]);
    expect(gauges.failedJustifications).toEqual([
      { adviserVersion: '0.47.0', justification: 'https://thoth-station.ninja/j/a', percent: 40 },
      { adviserVersion: '0.47.0', justification: 'https://thoth-station.ninja/j/b', percent: 60 },
      { adviserVersion: '0.48.0', justification: 'resolution failed', percent: 100 },
    ]);
    const third = dayGauges([], [{ ...runs[0]!, succeeded: false }, runs[0]!, runs[0]!]);
    expect(third.outcomes).toEqual([{ adviserVersion: '0.47.0', successPercent: 66.667, failurePercent: 33.333 }]);
  });
});
