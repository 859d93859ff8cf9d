/** Small things a user trips on: an unwritable generated/, a closed pipe, a mistyped command, --version, the README. */
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, chown, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Construct } from 'constructs';
import packageJson from '../../package.json' with { type: 'json' };
import { createProgram } from '../../src/cli/program.js';
import { ConstructValidationError, UserError } from '../../src/errors.js';
import { listFiles } from '../../src/synth/files.js';
import { bareEnvironment, REPO_ROOT, renderConstruct, runCli, temporaryRepository } from '../helpers.js';
import { PLATFORMS } from '../../platforms/index.js';

const BIN = path.join(REPO_ROOT, 'bin', 'thoth-gitops.js');
/** Non-empty lines: commander's messages end in a newline, to which runCli adds another. */
const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const NOBODY = 65534;
/** The bin bundles the sources again when one has changed, which takes a while on a busy machine. */
const BIN_TIMEOUT = 120_000;

interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real bin. `stdout`: a file descriptor to write to, or a function given the pipe it writes
 * into (to close it early); `user`: the uid and gid to run as.
 */
function runBin(argv: readonly string[], options: { stdout?: number | ((pipe: Readable) => void); user?: number } = {}): Promise<BinRun> {
  const child = spawn(process.execPath, [BIN, ...argv], {
    stdio: ['ignore', typeof options.stdout === 'number' ? options.stdout : 'pipe', 'pipe'],
    ...(options.user === undefined ? {} : { uid: options.user, gid: options.user }),
  });
  let stdout = '';
  let stderr = '';
  if (typeof options.stdout === 'function') options.stdout(child.stdout!);
  else child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file of a folder and its content, to prove nothing changed. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  return new Map(await Promise.all(listFiles(dir).map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')] as const)));
}

describe('a generated/ that cannot be written is exit 1 naming the path, and no file of it changes', () => {
  let repo: Awaited<ReturnType<typeof temporaryRepository>>;
  const generated = (...parts: string[]) => path.join(repo.dir, 'generated', ...parts);
  beforeEach(async () => {
    repo = await temporaryRepository();
  });
  afterEach(async () => {
    await repo.remove();
  });

  /**
   * prod rendered, then broken in three folders synth must mend, in the order it writes them: a file
   * changed in argocd/, the graph/ folder gone, a file missing from namespaces/. A run that stops at
   * graph/ or namespaces/ after writing what came before would show in a snapshot.
   */
  async function needingRepair(): Promise<{ namespaces: string }> {
    expect((await runCli(['synth', '--env', 'prod', '--cwd', repo.dir])).code).toBe(0);
    const [changed] = listFiles(generated('prod', 'argocd'));
    await writeFile(generated('prod', 'argocd', changed!), 'edited by hand\n');
    const [missing] = listFiles(generated('prod', 'namespaces'));
    await rm(generated('prod', 'namespaces', missing!));
    await rm(generated('prod', 'graph'), { recursive: true });
    return { namespaces: generated('prod', 'namespaces') };
  }

  test('generated/ is a file', async () => {
    await writeFile(generated(), 'not a folder\n');
    expect(await runCli(['synth', '--cwd', repo.dir])).toEqual({ code: 1, out: '', err: 'error: generated: cannot read (it is a file, not a folder)\n' });
    expect(await runCli(['synth', '--env', 'prod', '--cwd', repo.dir])).toEqual({
      code: 1,
      out: '',
      err: 'error: generated/prod: cannot read (generated is a file, not a folder)\n',
    });
    expect(await readFile(generated(), 'utf8')).toBe('not a folder\n');
  });

  test('a file where a folder of generated/ must be', async () => {
    await needingRepair();
    await writeFile(generated('prod', 'graph'), 'not a folder\n');
    const before = await snapshot(generated());
    expect(await runCli(['synth', '--env', 'prod', '--cwd', repo.dir])).toEqual({
      code: 1,
      out: '',
      err: 'error: generated/prod/graph: cannot write (it is a file, not a folder)\n',
    });
    expect(await snapshot(generated())).toEqual(before);
    expect(listFiles(generated()).filter((file) => file.includes('.tmp-'))).toEqual([]);
  });

  // Root writes into any folder, so as root the bin runs as nobody, in a repository nobody owns but for that folder.
  test(
    'a read-only folder of generated/',
    async () => {
      const { namespaces } = await needingRepair();
      const asRoot = process.getuid?.() === 0;
      if (asRoot) {
        expect((await runBin(['--version'])).code).toBe(0); // nobody cannot rebuild the bundle: it is made fresh as root
        await promisify(execFile)('chown', ['-R', `${NOBODY}:${NOBODY}`, repo.dir]);
        await chown(namespaces, 0, 0);
      } else {
        await chmod(namespaces, 0o555);
      }
      try {
        const before = await snapshot(generated());
        const result = await runBin(['synth', '--env', 'prod', '--cwd', repo.dir], asRoot ? { user: NOBODY } : {});
        expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: generated/prod/namespaces: cannot write (permission denied)\n' });
        expect(await snapshot(generated())).toEqual(before);
        expect(listFiles(generated()).filter((file) => file.includes('.tmp-'))).toEqual([]);
      } finally {
        await chmod(namespaces, 0o755);
      }
    },
    BIN_TIMEOUT,
  );

  test('a command that only reads generated/ says what is wrong with it too', async () => {
    await writeFile(generated(), 'not a folder\n');
    const result = await runCli(['check', '--env', 'test', '--cwd', repo.dir]);
    expect(result).toMatchObject({
      code: 1,
      err: expect.stringMatching(new RegExp(`^error: ${generated('test')}: ${generated()} is a file, not a folder\n$`, 'm')),
    });
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});

describe('a construct that fails its own validation', () => {
  test('is a UserError (exit 1) naming the environment, each construct by its path, and its messages', () => {
    const render = () =>
      renderConstruct(bareEnvironment(), (chart) => {
        const widget = new Construct(chart, 'Widget');
        widget.node.addValidation({ validate: () => ['replicas must be at least 1, got 0', 'port 70000 is above 65535'] });
        new Construct(widget, 'Part').node.addValidation({ validate: () => ['needs a name'] });
      });
    expect(render).toThrow(ConstructValidationError);
    expect(render).toThrow(UserError);
    expect(render).toThrow(
      'unit: construct validation failed:\n  unit/Widget: replicas must be at least 1, got 0\n  unit/Widget: port 70000 is above 65535\n  unit/Widget/Part: needs a name',
    );
  });
});

describe('output that cannot be written', () => {
  test(
    'a reader that closes at once (--help | head) ends quietly with exit 0',
    async () => {
      const result = await runBin(['--help'], { stdout: (pipe) => pipe.destroy() });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    },
    BIN_TIMEOUT,
  );

  test(
    'a reader that stops after the first chunk of a long stream ends it quietly with exit 0',
    async () => {
      let chunks = 0;
      const closeAfterFirstChunk = (pipe: Readable) =>
        pipe.once('data', () => {
          chunks += 1;
          pipe.destroy();
        });
      const result = await runBin(['render', '--env', 'prod', '--cwd', REPO_ROOT], { stdout: closeAfterFirstChunk });
      expect({ chunks, code: result.code, stderr: result.stderr }).toEqual({ chunks: 1, code: 0, stderr: '' });
    },
    BIN_TIMEOUT,
  );

  test(
    'a full disk is exit 1 with one line',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        expect(await runBin(['--help'], { stdout: full })).toEqual({
          code: 1,
          stdout: '',
          stderr: 'error: cannot write to standard output (no space left on device)\n',
        });
      } finally {
        closeSync(full);
      }
    },
    BIN_TIMEOUT,
  );
});

describe('the program', () => {
  test.each([['--version'], ['-V']])('%s prints the version of package.json', async (flag) => {
    const result = await runCli([flag]);
    expect({ ...result, out: lines(result.out) }).toEqual({ code: 0, out: [packageJson.version], err: '' });
  });

  test.each([
    { argv: ['deplyo', '--help'], err: ["error: unknown command 'deplyo'", '(Did you mean deploy?)', '(run with --help for usage)'] },
    { argv: ['nosuch', '--help'], err: ["error: unknown command 'nosuch'", '(run with --help for usage)'] },
    { argv: ['help', 'sytnh'], err: ["error: unknown command 'sytnh'", '(Did you mean synth?)', '(run with --help for usage)'] },
    { argv: ['nosuch'], err: ["error: unknown command 'nosuch'", '(run with --help for usage)'] },
  ])('$argv is an unknown command: exit 1, not the help', async ({ argv, err }) => {
    const result = await runCli(argv);
    expect({ ...result, err: lines(result.err) }).toEqual({ code: 1, out: '', err });
  });

  test('help <command> and <command> --help still show that command', async () => {
    for (const argv of [
      ['help', 'render'],
      ['render', '--help'],
    ]) {
      expect(await runCli(argv)).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: thoth-gitops render \[options\]/) });
    }
  });
});

describe('the README lists the commands and options the program has', () => {
  const program = createProgram(PLATFORMS, { out: () => {}, err: () => {} }, { code: 0 });
  const commands = program.commands;
  const readme = readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  /** The "Commands" section: its table's row of each command, and the text below the table. */
  async function section(): Promise<{ rows: Map<string, string>; below: string }> {
    const text = (await readme).split(/^## /m).find((part) => part.startsWith('Commands\n'));
    expect(text).toBeDefined();
    const lines = text!.split('\n');
    const rows = new Map(
      lines.flatMap((line) => {
        const name = /^\| `thoth-gitops ([a-z-]+)/.exec(line)?.[1];
        return name === undefined ? [] : [[name, line] as const];
      }),
    );
    return { rows, below: lines.filter((line) => !line.startsWith('|')).join('\n') };
  }
  const longFlags = (command: typeof program) => command.options.flatMap((option) => (option.long === undefined ? [] : [option.long]));
  const namedIn = (text: string, flag: string) => text.includes(`\`${flag}`) || text.includes(`thoth-gitops ${flag}`);

  test('a row for every command, and a command for every row', async () => {
    expect([...(await section()).rows.keys()].sort()).toEqual(commands.map((command) => command.name()).sort());
  });

  test.each(commands.map((command) => [command.name(), command] as const))(
    '%s: its options in its row (or below the table when every command takes them), with their choices',
    async (name, command) => {
      const { rows, below } = await section();
      const row = rows.get(name) ?? '';
      const inRow = new Set([...row.matchAll(/`thoth-gitops [^`]*`/g)].flatMap(([usage]) => usage.match(/--[a-z-]+/g) ?? []));
      const everyCommandTakes = (flag: string) => commands.every((other) => longFlags(other).includes(flag));
      expect(longFlags(command).filter((flag) => !inRow.has(flag) && !(everyCommandTakes(flag) && namedIn(below, flag)))).toEqual([]);
      expect([...inRow].filter((flag) => !longFlags(command).includes(flag))).toEqual([]);
      for (const option of command.options.filter((candidate) => candidate.argChoices !== undefined)) {
        const shown = new RegExp(`${option.long} ([a-z\\\\|]+)`).exec(row)?.[1]?.split(/\\?\|/);
        expect([option.long, shown?.sort()]).toEqual([option.long, [...option.argChoices!].sort()]);
      }
    },
  );

  test("the program's own options, and --help, are named below the table", async () => {
    const { below } = await section();
    expect(longFlags(program).length).toBeGreaterThan(0);
    expect([...longFlags(program), '--help'].filter((flag) => !namedIn(below, flag))).toEqual([]);
  });
});
