import { isMachineFailure, reasonOf } from '../system-error.js';

/** Where a command writes: the process's streams in the CLI, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `out` is a terminal that shows colour (not when NO_COLOR is set). */
  readonly color?: boolean;
  /** Whether `out` is a terminal, where progress is a table redrawn in place rather than a log. */
  readonly terminal?: boolean;
  /** The terminal's width, where `terminal` is true. */
  readonly columns?: number;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  color: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
  terminal: process.stdout.isTTY === true && process.env.CI === undefined,
  get columns() {
    return process.stdout.columns;
  },
};

/**
 * Keeps a failed write to the process's output from ending it with a stack trace. A reader that
 * stops early (`thoth-gitops --help | head`: EPIPE) is no failure of the command: the rest of the
 * output is dropped and the command ends with its own exit code, so `thoth-gitops check | head`
 * still tells whether generated/ is up to date, which dying of SIGPIPE (141) as C programs do would
 * hide. Any other failure (output redirected to a full disk) is kept, for `main` to report.
 */
export function guardProcessOutput(): () => string | undefined {
  let failure: string | undefined;
  for (const [stream, name] of [
    [process.stdout, 'standard output'],
    [process.stderr, 'standard error'],
  ] as const) {
    stream.on('error', (error: Error) => {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
      failure ??= `cannot write to ${name} (${isMachineFailure(error) ? reasonOf(error, process.cwd()) : error.message})`;
    });
  }
  return () => failure;
}

/** Exit codes of every command (STYLE.md). */
export const EXIT = {
  ok: 0,
  /** Bad input: a file, an option or an environment name; the message says what to fix. */
  userError: 1,
  /** Findings: validate found problems, check found drift. */
  findings: 2,
  /** Anything unexpected: a bug in thoth-gitops; the stack is printed. */
  bug: 3,
  /** Ctrl-C stopped a command that waits (deploy), as a shell reports SIGINT. */
  interrupted: 130,
} as const;

/** `github`: workflow commands, shown as annotations on a pull request. */
export type Format = 'text' | 'json' | 'github';
