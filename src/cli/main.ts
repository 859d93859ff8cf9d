/** The CLI entry point: runs a command and maps every outcome to an exit code. Only `main` exits. */
import { CommanderError, type Command } from 'commander';
import { UserError } from '../errors.js';
import { isMachineFailure, reasonOf, shownPath } from '../system-error.js';
import { EXIT, guardProcessOutput, processIo, type Io } from './io.js';
import { type CliParts, createProgram } from './program.js';
import type { Platforms } from '../synth/platform.js';

/** The CLI for the environments of `platforms`, which the composition root (platforms/cli.ts) hands in. */
export async function run(platforms: Platforms, argv: readonly string[], io: Io, parts: CliParts = {}): Promise<number> {
  const result = { code: EXIT.ok as number };
  try {
    const program = createProgram(platforms, io, result, parts);
    // commander answers `nosuch --help` with the program's help, as it looks for --help before it
    // looks the command up; given the name alone, it says the command is unknown, with a did-you-mean.
    const unknown = unknownCommand(program, argv);
    await program.parseAsync(unknown === undefined ? [...argv] : [unknown], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.userError;
    if (error instanceof UserError) {
      io.err(`error: ${error.message}`);
      return EXIT.userError;
    }
    // A read-only folder, a full disk or a file in a folder's place, wherever a command met it.
    if (isMachineFailure(error)) {
      io.err(`error: ${error.path === undefined ? '' : `${shownPath(error.path, process.cwd())}: `}${reasonOf(error, process.cwd())}`);
      return EXIT.userError;
    }
    io.err(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\nThis is a bug in thoth-gitops, not in your input; please report it with the output above\n(NODE_OPTIONS=--enable-source-maps shows source file positions in the stack).`,
    );
    return EXIT.bug;
  }
}

/**
 * The command `argv` names (the one after `help`, as in `help nosuch`) when the program has none of
 * that name. The program's own options take no value, so its first operand is the command.
 */
function unknownCommand(program: Command, argv: readonly string[]): string | undefined {
  const operands = argv.filter((arg) => !arg.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  const known = name === undefined || program.commands.some((command) => command.name() === name || command.aliases().includes(name));
  return known ? undefined : name;
}

export async function main(platforms: Platforms, argv: readonly string[], parts: CliParts = {}): Promise<never> {
  const outputFailure = guardProcessOutput();
  const code = await run(platforms, argv, processIo, parts);
  // A pipe takes large output (a diff, a JSON report) asynchronously; exiting at once would cut it.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  const failure = outputFailure();
  if (failure === undefined) process.exit(code);
  process.stderr.write(`error: ${failure}\n`);
  // A command that did its work but could not say so still fails; one that failed keeps its code.
  process.exit(code === EXIT.ok ? EXIT.userError : code);
}
