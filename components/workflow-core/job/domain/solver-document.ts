/**
 * What parse-solver-output reads of a solver document (thoth-jobs.md §12): the solver's version and
 * each package version it installed, under the version that was asked for, which is the key the
 * knowledge graph and every message use.
 */
import { packageVersion, type PackageVersion } from '../../../../src/runtime/python/package.js';
import { DocumentReader } from './document.js';

export interface SolverResult {
  /** `metadata.analyzer_version`: the reference sends it as the messages' service_version. */
  readonly analyzerVersion: string;
  /** `result.tree[]`, normalised as the knowledge graph stores them. */
  readonly solved: readonly PackageVersion[];
}

export function readSolverResult(file: string, document: unknown): SolverResult {
  const read = new DocumentReader(file);
  const root = read.object('(document)', document);
  const metadata = read.object('metadata', root.metadata);
  const tree = read.list('result.tree', read.object('result', root.result).tree);
  return {
    analyzerVersion: read.string('metadata.analyzer_version', metadata.analyzer_version),
    solved: tree.map((entry, index) => {
      const at = `result.tree[${index}]`;
      const item = read.object(at, entry);
      return packageVersion(
        read.string(`${at}.package_name`, item.package_name),
        read.string(`${at}.package_version_requested`, item.package_version_requested),
        read.string(`${at}.index_url`, item.index_url),
      );
    }),
  };
}
