/**
 * The knowledge graph as parse-solver-output reads it: the Kebechet adviser runs that wait for
 * unresolved packages (thoth-knowledge-graph.md §4, get_unsolved_python_packages_all_per_adviser_run)
 * with each package's version and index, which the reference dropped, and whether a package version
 * is resolved (python_package_version_exists). A run that already has a re-run in the graph no
 * longer waits (docs/quirks.md Q49).
 */
import type pg from 'pg';
import { retryingWhenUnavailable } from '../../../../src/runtime/postgres/errors.js';
import { packageVersion, type PackageVersion } from '../../../../src/runtime/python/package.js';
import type { AdviserRunGraph } from '../application/ports.js';
import type { WaitingRun } from '../domain/adviser-re-run.js';

export class PostgresAdviserRuns implements AdviserRunGraph {
  constructor(private readonly pool: pg.Pool) {}

  async waitingKebechetRuns(): Promise<WaitingRun[]> {
    const { rows } = await retryingWhenUnavailable(() =>
      this.pool.query<{ adviser_document_id: string; package_name: string; package_version: string | null; url: string | null }>(
        `SELECT a.adviser_document_id, e.package_name, e.package_version, i.url
           FROM adviser_run a
           JOIN has_unresolved h ON h.adviser_run_id = a.id
           JOIN python_package_version_entity e ON e.id = h.python_package_version_entity_id
           LEFT JOIN python_package_index i ON i.id = e.python_package_index_id
          WHERE a.need_re_run IS TRUE AND a.source_type = 'KEBECHET' AND a.re_run_adviser_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM adviser_run r WHERE r.re_run_adviser_id = a.adviser_document_id)
          ORDER BY a.adviser_document_id, e.package_name, e.package_version`,
      ),
    );
    const runs = new Map<string, PackageVersion[]>();
    for (const row of rows) {
      // A package without a version or index cannot be resolved as such: the run keeps waiting.
      const pkg = packageVersion(row.package_name, row.package_version ?? '', row.url ?? '');
      const unresolved = runs.get(row.adviser_document_id);
      if (unresolved === undefined) runs.set(row.adviser_document_id, [pkg]);
      else unresolved.push(pkg);
    }
    return [...runs].map(([adviserId, unresolved]) => ({ adviserId, unresolved }));
  }

  async isSolved(pkg: PackageVersion): Promise<boolean> {
    if (pkg.version === '' || pkg.indexUrl === '') return false;
    const { rows } = await retryingWhenUnavailable(() =>
      this.pool.query<{ solved: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM python_package_version v JOIN python_package_index i ON i.id = v.python_package_index_id
            WHERE v.package_name = $1 AND v.package_version = $2 AND i.url = $3
         ) AS solved`,
        [pkg.name, pkg.version, pkg.indexUrl],
      ),
    );
    return rows[0]!.solved;
  }
}
