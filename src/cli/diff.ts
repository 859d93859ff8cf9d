import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { changeCount, compareTrees, refusedCount } from '../diff/compare.js';
import { formatText } from '../diff/format.js';
import { formatMarkdown } from '../diff/markdown.js';
import { defaultBase, GitError, treeAtRef, workingTree } from '../diff/sources.js';
import { EXIT, type Io } from './io.js';

export interface DiffOptions {
  /** The repository root: git runs there, and generated/ is read there. */
  readonly cwd: string;
  readonly env: readonly string[];
  /** A git ref; default: the merge base with the default branch. */
  readonly base?: string;
  /** A git ref; default: generated/ in the working tree. */
  readonly head?: string;
  readonly format: 'text' | 'markdown' | 'json';
  /** Exit 2 when something changed. */
  readonly exitCode: boolean;
  /** Markdown: also write each part to <dir>/diff-<n>.md, one comment each. */
  readonly outDir?: string;
}

/** Separates the Markdown parts on standard output. */
export const PART_BREAK = '<!-- thoth-gitops diff: next part -->';

export async function diff(options: DiffOptions, io: Io): Promise<number> {
  let base: string;
  let trees;
  try {
    base = options.base ?? defaultBase(options.cwd);
    trees = { base: treeAtRef(options.cwd, base), head: options.head === undefined ? workingTree(options.cwd) : treeAtRef(options.cwd, options.head) };
  } catch (error) {
    if (error instanceof GitError) {
      io.err(`thoth-gitops diff: ${error.message}`);
      return EXIT.userError;
    }
    throw error;
  }
  if (trees.base.size === 0 && trees.head.size === 0) {
    io.err(
      `thoth-gitops diff: no rendered manifests in ${options.cwd}/generated/, at ${base} or in ${options.head ?? 'the working tree'}; run it in the repository, or give --cwd`,
    );
    return EXIT.userError;
  }
  const known = new Set([...trees.base.keys(), ...trees.head.keys()].map((file) => file.split('/')[0]!));
  const unknown = options.env.filter((env) => !known.has(env));
  if (unknown.length > 0) {
    io.err(`thoth-gitops diff: no environment ${unknown.join(', ')} in generated/ at either side; known: ${[...known].sort().join(', ')}`);
    return EXIT.userError;
  }
  const result = compareTrees(trees.base, trees.head, options.env);
  if (options.format === 'json') {
    io.out(JSON.stringify({ base, head: options.head ?? 'working tree', changes: changeCount(result), refused: refusedCount(result), ...result }, null, 2));
  } else if (options.format === 'markdown') {
    const parts = formatMarkdown(result);
    io.out(parts.join(`\n${PART_BREAK}\n\n`));
    if (options.outDir !== undefined) {
      mkdirSync(options.outDir, { recursive: true });
      for (const [index, part] of parts.entries()) writeFileSync(path.join(options.outDir, `diff-${index + 1}.md`), part);
    }
  } else {
    io.out(formatText(result, { color: io.color === true }));
  }
  return options.exitCode && changeCount(result) > 0 ? EXIT.findings : EXIT.ok;
}
