/**
 * No environment file crashes or stalls the loader: each case here once did (found by
 * scripts/fuzz-environments.js). Each is a problem that names file, line and column; the printed
 * report stays short however many problems or however long a line.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listEnvironments, loadPlatformEnvironments, parseEnvironment } from '../../src/config/load.js';
import { deepestPoint, MAX_FILE_BYTES, MAX_NESTING } from '../../src/config/yaml-limits.js';
import { formatProblem, MAX_PRINTED_PROBLEMS, ProblemsError, UserError, type Problem } from '../../src/errors.js';
import { VALID_ENVIRONMENT, withEdit } from '../fixtures/environment.js';
import { THOTH } from '../../platforms/thoth/platform.js';

const FILE = 'environments/unit.yaml';
/** The fixture's line count: text appended to it starts on the line after. */
const FIXTURE_LINES = VALID_ENVIRONMENT.split('\n').length - 1;

function rejection(text: string): ProblemsError {
  try {
    parseEnvironment(THOTH, 'unit', FILE, text);
  } catch (error) {
    if (error instanceof ProblemsError) return error;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

function summaries(text: string): string[] {
  return rejection(text).problems.map((problem) => `${problem.line}:${problem.column} ${problem.keyPath}: ${problem.message}`);
}

/** A temporary repository with one environment file of that content. */
async function repositoryWith(name: string, content: string | Buffer): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-gitops-hostile-'));
  await mkdir(path.join(dir, 'environments'));
  await writeFile(path.join(dir, 'environments', `${name}.yaml`), content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function loadRejection(dir: string): Promise<ProblemsError> {
  const error: unknown = await loadPlatformEnvironments(THOTH, dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof ProblemsError) return error;
  throw new Error(`expected a ProblemsError, got ${String(error)}`);
}

const MERGE = 'merge keys (<< and !!merge) are not supported: write the keys out (anchors and aliases of whole values are fine)';

describe('merge keys', () => {
  test('a !!merge tag on a value', () => {
    expect(summaries(withEdit('  bucket: thoth', '  bucket: !!merge thoth'))).toEqual([`46:19 s3.bucket: ${MERGE}`]);
  });

  test('a !!merge tag on a key', () => {
    expect(summaries(withEdit('  bucket: thoth', '  !!merge bucket: thoth'))).toEqual([`46:11 s3: ${MERGE}`]);
  });

  test('a << key', () => {
    expect(summaries(withEdit('  bucket: thoth', '  <<: { bucket: thoth }'))).toEqual([`46:3 s3.<<: ${MERGE}`]);
  });
});

describe('nesting is limited before the YAML parser runs, which would overflow the stack', () => {
  test(`block mappings nested 1,000 levels deep, then a dedent: a problem where they pass ${MAX_NESTING} levels`, () => {
    const deep = Array.from({ length: 1000 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n');
    expect(summaries(`${VALID_ENVIRONMENT}${deep}\nafter: 1\n`)).toEqual([
      `${FIXTURE_LINES + MAX_NESTING + 1}:${MAX_NESTING + 1} : nested more than ${MAX_NESTING} levels deep: at most ${MAX_NESTING} levels are allowed (an environment file needs about six)`,
    ]);
  });

  test('flow sequences nested 50,000 levels deep', () => {
    // "deep" is the first level, each "[" one more.
    expect(summaries(`${VALID_ENVIRONMENT}deep: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)).toEqual([
      expect.stringMatching(new RegExp(`^${FIXTURE_LINES + 1}:${'deep: '.length + MAX_NESTING} : nested more than ${MAX_NESTING} levels deep`)),
    ]);
  });

  test('block sequences nested on one line', () => {
    expect(summaries(`${VALID_ENVIRONMENT}deep:\n  ${'- '.repeat(5000)}x\n`)).toEqual([
      expect.stringMatching(new RegExp(`^${FIXTURE_LINES + 2}:\\d+ : nested more than ${MAX_NESTING} levels deep`)),
    ]);
  });

  test('the fixture nests five levels; brackets in quotes and comments and a block scalar’s indentation are no levels', () => {
    expect(deepestPoint(VALID_ENVIRONMENT).depth).toBe(5);
    const text = 'a:\n  b: "[[[[{{{{"\n  c: \'[[[[\'  # [[[[\n  d: |\n    x\n      y\n        z\n  e: [1, {f: [2]}]\n';
    expect(deepestPoint(text)).toEqual({ depth: 5, offset: text.indexOf('[2]') });
  });
});

describe('size', () => {
  test('a file over 1 MB: a problem at the byte past the limit', () => {
    const text = `${VALID_ENVIRONMENT}# ${'x'.repeat(MAX_FILE_BYTES)}\n`;
    const [problem] = rejection(text).problems;
    expect(problem).toMatchObject({
      line: FIXTURE_LINES + 1,
      column: MAX_FILE_BYTES - Buffer.byteLength(VALID_ENVIRONMENT) + 1,
      message: 'the file is larger than 1 MB: at most 1,048,576 bytes are allowed (an environment file is a few kilobytes)',
    });
  });

  test('a 20 MB file of one line is read only to the limit, and its line is not echoed', async () => {
    const repo = await repositoryWith('unit', `description: ${'x'.repeat(20_000_000)}\n`);
    try {
      const error = await loadRejection(repo.dir);
      expect(error.problems).toMatchObject([{ line: 1, column: MAX_FILE_BYTES + 1 }]);
      expect(error.message.length).toBeLessThan(500);
    } finally {
      await repo.remove();
    }
  });
});

describe('many problems', () => {
  test('150,000 problems in one file: all collected, the first 50 printed, then how many more', async () => {
    const repo = await repositoryWith('unit', withEdit('solvers: [solver-rhel-8-py38]', `solvers: [${'1,'.repeat(150_000)}solver-rhel-8-py38]`));
    try {
      const error = await loadRejection(repo.dir);
      expect(error.problems).toHaveLength(150_000);
      expect(error.problems[149_999]).toMatchObject({
        keyPath: 'solvers[149999]',
        message: 'got 1; expected a string (a solver name such as solver-rhel-8-py38)',
      });
      const lines = error.message.split('\n');
      expect(lines.filter((line) => line.startsWith(`${FILE}:`))).toHaveLength(MAX_PRINTED_PROBLEMS);
      expect(lines.at(-1)).toBe('and 149,950 more problems (the first 50 are shown)');
    } finally {
      await repo.remove();
    }
  });

  test('100,000 unknown keys in one mapping: each located at its own line', () => {
    const keys = Array.from({ length: 100_000 }, (_, index) => `k${index}: 1\n`).join('');
    const error = rejection(VALID_ENVIRONMENT + keys);
    expect(error.problems).toHaveLength(100_000);
    expect(error.problems.filter((problem, index) => problem.line !== FIXTURE_LINES + 1 + index)).toEqual([]);
    expect(error.problems[99_999]!.message).toMatch(/^unknown key "k99999"; allowed keys: platform, description, /);
  });

  test('a list of 60,000 distinct wrong tiers (duplicates are found with a hash, not pairwise)', () => {
    const tiers = Array.from({ length: 60_000 }, (_, index) => `t${index}`).join(', ');
    expect(rejection(withEdit('tiers: [frontend,', `tiers: [${tiers}, frontend,`)).problems).toHaveLength(60_000);
  });

  test('more than 100 aliases', () => {
    const aliases = Array.from({ length: 101 }, (_, index) => `  a${index}: *anchor`).join('\n');
    expect(summaries(`${VALID_ENVIRONMENT}anchors: { x: &anchor 1 }\naliases:\n${aliases}\n`)).toEqual([
      `${FIXTURE_LINES + 103}:9 : aliases expand into too many nodes (an alias bomb?): at most 100 alias expansions are allowed`,
    ]);
  });
});

describe('values shown as YAML reads them', () => {
  test('.nan is not a number, not null', () => {
    expect(summaries(withEdit('  json: true', '  json: .nan'))).toEqual([
      '57:9 logging.json: got .nan (not a number); expected a boolean (JSON logs (false: plain text))',
    ]);
  });

  test('.inf and -.inf are infinities', () => {
    expect(summaries(withEdit('user-api: { replicas: 2 }', 'user-api: { replicas: -.inf }'))).toEqual([
      '60:25 components.user-api.replicas: got -.inf (infinity); expected an integer',
    ]);
  });

  test('an unknown tag is a problem, not a silent string', () => {
    expect(summaries(withEdit('  bucket: thoth', '  bucket: !secret thoth'))).toEqual([
      '46:11 : Unresolved tag: !secret: environment files use plain YAML values, without tags',
    ]);
  });

  test('keys 1 and "1" are one key once parsed: a duplicate', () => {
    expect(summaries(withEdit('  json: true', '  json: true\n  1: a\n  "1": b'))).toEqual([
      '59:3 logging.1: duplicate key: each key may appear only once in a mapping (the second one would silently win)',
    ]);
  });
});

describe('label maps: keys and values by the API server’s rules', () => {
  test('a label key with a name part over 63 characters', () => {
    const key = 'k'.repeat(64);
    expect(summaries(withEdit('ruleLabels: { role: alert-rules }', `ruleLabels: { ${key}: alert-rules }`))).toEqual([
      `51:17 monitoring.ruleLabels.${'k'.repeat(57)}...: "${key}" is not a valid label key: it is 64 characters long; at most 63 are allowed; allowed: an optional DNS subdomain prefix of at most 253 characters and "/", then a name of at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit`,
    ]);
  });

  test('a label key with an invalid prefix', () => {
    expect(summaries(withEdit('instanceLabels: { dashboards: thoth }', 'instanceLabels: { Grafana.example/dashboards: thoth }'))).toEqual([
      expect.stringMatching(
        /^54:32 monitoring\.grafana\.instanceLabels\.Grafana\.example\/dashboards: "Grafana\.example\/dashboards" is not a valid label key: it has a prefix "Grafana\.example" that must be a DNS-1123 subdomain/,
      ),
    ]);
  });

  test('a label value starting with "-"', () => {
    expect(summaries(withEdit('serviceMonitorLabels: { monitor-component: thoth-station }', 'serviceMonitorLabels: { monitor-component: -thoth }'))).toEqual([
      expect.stringMatching(/^52:46 monitoring\.serviceMonitorLabels\.monitor-component: "-thoth" is not a valid label value: it must be empty or letters/),
    ]);
  });
});

describe('environment names', () => {
  test('"images" is a folder of generated/ that is not an environment', async () => {
    const repo = await repositoryWith('images', VALID_ENVIRONMENT);
    try {
      await expect(listEnvironments(repo.dir)).rejects.toThrow(
        new UserError(
          'environments/images.yaml: an environment renders into generated/<name>/, and generated/images/ holds other output; rename the file (names taken: images)',
        ),
      );
    } finally {
      await repo.remove();
    }
  });
});

describe('the printed report', () => {
  const problem = (sourceLine: string, column: number): Problem => ({ file: FILE, line: 7, column, keyPath: 'description', message: 'got it', sourceLine });

  test('a long line is cut to 120 characters around the caret, with … where it was cut', () => {
    const line = `${'a'.repeat(2_000_000)}X${'b'.repeat(2_000_000)}`;
    const [head, source, caret] = formatProblem(problem(line, 2_000_001)).split('\n');
    expect(head).toBe(`${FILE}:7:2000001: description: got it`);
    expect(source).toBe(`  7 | …${'a'.repeat(60)}X${'b'.repeat(59)}…`);
    expect(caret!.indexOf('^')).toBe(source!.indexOf('X'));
  });

  test('a long line cut at its start keeps the caret under the column', () => {
    const [, source, caret] = formatProblem(problem(`key: ${'v'.repeat(500)}`, 6)).split('\n');
    expect(source).toBe(`  7 | key: ${'v'.repeat(115)}…`);
    expect(caret).toBe(`    | ${' '.repeat(5)}^`);
  });

  test('control characters do not reach the terminal; a tab is a space, so the caret still lines up', () => {
    const [, source] = formatProblem(problem('\tkey: \u001b[31mred', 7)).split('\n');
    expect(source).toBe('  7 |  key: \ufffd[31mred');
  });

  test('a problem in a line of a file over the size limit is printed short', () => {
    expect(rejection(`description: ${'x'.repeat(3_000_000)}\n`).message.length).toBeLessThan(500);
  });
});
