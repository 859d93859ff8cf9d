/** The CLI entry point: runs a command and maps every outcome to an exit code. Only `main` exits. */
import { CommanderError } from 'commander';
import { UserError } from '../errors.js';
import { EXIT, processIo, type Io } from './io.js';
import { createProgram } from './program.js';

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const result = { code: EXIT.ok as number };
  try {
    await createProgram(io, result).parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.userError;
    if (error instanceof UserError) {
      io.err(`error: ${error.message}`);
      return EXIT.userError;
    }
    io.err(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\nThis is a bug in thoth-gitops, not in your input; please report it with the output above\n(NODE_OPTIONS=--enable-source-maps shows source file positions in the stack).`);
    return EXIT.bug;
  }
}

export async function main(argv: readonly string[]): Promise<never> {
  const code = await run(argv, processIo);
  // A pipe takes large output (a diff, a JSON report) asynchronously; exiting at once would cut it.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}
