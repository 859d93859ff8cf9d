/** Where a command writes: the process's streams in the CLI, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `out` is a terminal that shows colour (not when NO_COLOR is set). */
  readonly color?: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  color: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
};

/** Exit codes of every command (STYLE.md). */
export const EXIT = {
  ok: 0,
  /** Bad input: a file, an option or an environment name; the message says what to fix. */
  userError: 1,
  /** Findings: validate found problems, check found drift. */
  findings: 2,
  /** Anything unexpected: a bug in thoth-gitops; the stack is printed. */
  bug: 3,
} as const;

/** `github`: workflow commands, shown as annotations on a pull request. */
export type Format = 'text' | 'json' | 'github';
