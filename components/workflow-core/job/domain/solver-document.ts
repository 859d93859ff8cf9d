/**
 * What parse-solver-output reads of a solver document (thoth-jobs.md §12): the solver's version and
 * each package version it installed, under the version that was asked for, which is the key the
 * knowledge graph and every message use.
 */
import { packageVersion, type PackageVersion } from '../../../../src/runtime/python/package.js';

export interface SolverResult {
  /** `metadata.analyzer_version`: the reference sends it as the messages' service_version. */
  readonly analyzerVersion: string;
  /** `result.tree[]`, normalised as the knowledge graph stores them. */
  readonly solved: readonly PackageVersion[];
}

export class SolverDocumentError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    problem: string,
  ) {
    super(`${file}: ${path} ${problem}`);
    this.name = 'SolverDocumentError';
  }
}

export function readSolverResult(file: string, document: unknown): SolverResult {
  const at = (path: string, value: unknown, kind: 'string' | 'list' | 'object') => {
    const ok =
      kind === 'list'
        ? Array.isArray(value)
        : kind === 'object'
          ? value !== null && typeof value === 'object' && !Array.isArray(value)
          : typeof value === 'string' && value !== '';
    if (!ok)
      throw new SolverDocumentError(
        file,
        path,
        `is ${value === undefined ? 'missing' : JSON.stringify(value)}; expected a${kind === 'object' ? 'n' : ''} ${kind === 'string' ? 'non-empty string' : kind}`,
      );
    return value;
  };
  const root = at('(document)', document, 'object') as Record<string, unknown>;
  const metadata = at('metadata', root.metadata, 'object') as Record<string, unknown>;
  const result = at('result', root.result, 'object') as Record<string, unknown>;
  const tree = at('result.tree', result.tree, 'list') as unknown[];
  return {
    analyzerVersion: at('metadata.analyzer_version', metadata.analyzer_version, 'string') as string,
    solved: tree.map((entry, index) => {
      const item = at(`result.tree[${index}]`, entry, 'object') as Record<string, unknown>;
      return packageVersion(
        at(`result.tree[${index}].package_name`, item.package_name, 'string') as string,
        at(`result.tree[${index}].package_version_requested`, item.package_version_requested, 'string') as string,
        at(`result.tree[${index}].index_url`, item.index_url, 'string') as string,
      );
    }),
  };
}
