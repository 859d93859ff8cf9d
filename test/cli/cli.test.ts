import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ENVIRONMENTS, REPO_ROOT, runCli, temporaryRepository } from '../helpers.js';

let repo: Awaited<ReturnType<typeof temporaryRepository>>;
beforeAll(async () => {
  repo = await temporaryRepository();
  await runCli(['synth', '--cwd', repo.dir]);
});
afterAll(async () => {
  await repo.remove();
});
const repoDir = () => repo.dir;
const KNOWN = ENVIRONMENTS.join(', ');

describe('argv → exit code and message', () => {
  test.each([
    { argv: ['--help'], code: 0, out: /Exit codes:\n {2}0 {2}success\n {2}1 {2}bad input/ },
    { argv: ['synth', '--help'], code: 0, out: /-e, --env <name>/ },
    { argv: ['validate', '--help'], code: 0, out: /--format <format>\s+report format: text[\s\S]*\(choices: "text", "json",\s+"github", default: "text"\)/ },
    { argv: ['validate'], code: 0, out: new RegExp(`^validated \\d+ objects in ${KNOWN}: no findings\n$`) },
    { argv: ['validate', '--env', 'test'], code: 0, out: /^validated \d+ objects in test: no findings\n$/ },
    { argv: ['check'], code: 0, out: /^generated\/ is up to date\n$/ },
    {
      argv: ['validate', '--env', 'prd'],
      code: 1,
      err: new RegExp(`^error: unknown environment "prd" \\(did you mean "prod"\\?\\); known environments: ${KNOWN}\n$`),
    },
    { argv: ['synth', '--env', 'nope'], code: 1, err: new RegExp(`unknown environment "nope"; known environments: ${KNOWN}`) },
    { argv: ['validate', '--format', 'xml'], code: 1, err: /option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json./ },
    { argv: ['synth', '--frobnicate'], code: 1, err: /unknown option '--frobnicate'/ },
    { argv: ['deploy'], code: 1, err: /required option '-e, --env <name>' not specified/ },
    {
      argv: ['deploy', '--env', 'stage', '--timeout', 'soon'],
      code: 1,
      err: /--timeout "soon" is not a duration: use seconds, minutes or hours such as 90s, 10m or 1h30m/,
    },
    { argv: ['deploy', '--env', 'stage', '--registry-mirror', 'quay.io'], code: 1, err: /--registry-mirror quay.io: expected <registry>=<mirror>/ },
    { argv: ['status', '--env', 'stage', '--context', 'nowhere'], code: 1, err: /--context nowhere: the kubeconfig has no such context/ },
    {
      argv: ['validate', '--cwd', '/nonexistent'],
      code: 1,
      err: /^error: no environments\/ folder in \/nonexistent: run the command from the repository root or pass --cwd\n$/,
    },
  ])('$argv → $code', async ({ argv, code, out, err }) => {
    const withCwd = argv.includes('--cwd') || argv.includes('--help') || argv[0] === 'deploy' ? argv : [...argv, '--cwd', repoDir()];
    const result = await runCli(withCwd);
    expect(result.code).toBe(code);
    if (out !== undefined) expect(result.out).toMatch(out);
    if (err !== undefined) expect(result.err).toMatch(err);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  test('validate --format json reports environments, object count and findings', async () => {
    const result = await runCli(['validate', '--format', 'json', '--cwd', repoDir()]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report).toEqual({ environments: ENVIRONMENTS, objects: expect.any(Number), findings: [], quota: expect.any(Array) });
    // Each namespace's quota'd resources at steady state, within the quota: what is left is the workflow pods' headroom.
    const rows = report.quota as { environment: string; namespace: string; resource: string; hard: number; used: number }[];
    expect(new Set(rows.map((row) => row.environment))).toEqual(new Set(ENVIRONMENTS));
    expect(rows.filter((row) => row.resource === 'requests.cpu' && row.used > 0).length).toBeGreaterThan(0);
    expect(rows.filter((row) => !(row.used <= row.hard))).toEqual([]);
  });

  test('check --format json reports findings and drift', async () => {
    const result = await runCli(['check', '--format', 'json', '--cwd', repoDir()]);
    expect(JSON.parse(result.out)).toEqual({ findings: [], drift: { changed: [], missing: [], extra: [] } });
  });
});

describe('the bin, as a user runs it', () => {
  const run = promisify(execFile);
  const bin = path.join(REPO_ROOT, 'bin', 'thoth-gitops.js');

  test('a bad environment file exits 1 with file:line:column and no stack trace', async () => {
    const file = path.join(repoDir(), 'environments', 'test.yaml');
    const original = await readFile(file, 'utf8');
    const broken = original.replace('  json: false', '  json: nope');
    await writeFile(file, broken);
    const line = broken.split('\n').indexOf('  json: nope') + 1;
    try {
      const failure = await run(process.execPath, [bin, 'validate', '--cwd', repoDir()]).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toBe(
        [
          `error: environments/test.yaml:${line}:9: logging.json: got "nope"; expected a boolean: write true or false, without quotes`,
          `  ${line} |   json: nope`,
          '     |         ^',
          '',
        ].join('\n'),
      );
    } finally {
      await writeFile(file, original);
    }
  });

  test('check exits 0 on the committed generated/ of this repository', async () => {
    const result = await run(process.execPath, [bin, 'check', '--cwd', REPO_ROOT]);
    expect(result.stdout).toBe('generated/ is up to date\n');
  });
});
