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

export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const head = problem.keyPath === '' ? `${where}: ${problem.message}` : `${where}: ${problem.keyPath}: ${problem.message}`;
  if (problem.sourceLine === undefined) return head;
  const gutter = `${problem.line} | `;
  const caret = `${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, problem.column - 1))}^`;
  return `${head}\n  ${gutter}${problem.sourceLine}\n  ${caret}`;
}

/** Every problem found in one or more user files, reported together. */
export class ProblemsError extends UserError {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
