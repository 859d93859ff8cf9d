/**
 * A mistake in what the user gave us (a file, an option, an environment name). The CLI prints its
 * message without a stack trace and exits with code 1.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** One precise problem in a user's file. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The key path inside the file, such as `components.graph-refresh.schedule`; empty for the whole file. */
  readonly keyPath: string;
  readonly message: string;
  /** The source line the problem is on, shown with a caret under the column. */
  readonly sourceLine?: string;
}

/** Problems a ProblemsError prints; the rest are counted. A mistyped file can hold a hundred thousand. */
export const MAX_PRINTED_PROBLEMS = 50;

/** Characters of a source line shown around the caret: one line of a generated file can be megabytes. */
const SOURCE_WINDOW = 120;

/** A message longer than this quotes a huge value: its middle is cut, keeping the start and what is allowed. */
const MAX_MESSAGE = 2000;

export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const head = printable(clip(problem.keyPath === '' ? `${where}: ${problem.message}` : `${where}: ${problem.keyPath}: ${problem.message}`));
  if (problem.sourceLine === undefined) return head;
  const shown = windowAround(problem.sourceLine, problem.column - 1);
  const gutter = `${problem.line} | `;
  const caret = `${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, shown.caret))}^`;
  return `${head}\n  ${gutter}${shown.text}\n  ${caret}`;
}

/** The first MAX_PRINTED_PROBLEMS problems, then how many more there are. */
function formatProblems(problems: readonly Problem[]): string {
  const lines = problems.slice(0, MAX_PRINTED_PROBLEMS).map(formatProblem);
  const more = problems.length - lines.length;
  if (more > 0) lines.push(`and ${more.toLocaleString('en')} more problem${more === 1 ? '' : 's'} (the first ${MAX_PRINTED_PROBLEMS} are shown)`);
  return lines.join('\n');
}

/** Every problem found in one or more user files, reported together; the message shows the first few. */
export class ProblemsError extends UserError {
  constructor(readonly problems: readonly Problem[]) {
    super(formatProblems(problems));
  }
}

/** The part of `line` around `index` that fits the window, printable, with "…" where it was cut, and `index` within it. */
function windowAround(line: string, index: number): { text: string; caret: number } {
  if (line.length <= SOURCE_WINDOW) return { text: printable(line), caret: index };
  const start = Math.max(0, Math.min(index - SOURCE_WINDOW / 2, line.length - SOURCE_WINDOW));
  const before = start > 0 ? '…' : '';
  const after = start + SOURCE_WINDOW < line.length ? '…' : '';
  return { text: `${before}${printable(line.slice(start, start + SOURCE_WINDOW))}${after}`, caret: index - start + before.length };
}

function clip(text: string): string {
  if (text.length <= MAX_MESSAGE) return text;
  const half = MAX_MESSAGE / 2;
  return `${text.slice(0, half)} … (${(text.length - MAX_MESSAGE).toLocaleString('en')} characters cut) … ${text.slice(-half)}`;
}

/**
 * Control characters of a binary or mistyped file would drive the terminal: each becomes "�", and a
 * tab a space, one character for one, so the caret still lines up.
 */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Constructs whose own validations (`node.addValidation`) refused what they were given, each by its path. */
export class ConstructValidationError extends UserError {
  constructor(
    readonly environment: string,
    readonly failures: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(`${environment}: construct validation failed:\n${failures.map((failure) => `  ${failure.path}: ${failure.message}`).join('\n')}`);
  }
}
