/**
 * The solved packages of the enabled indexes, as package-update-job checks them: each (index,
 * package) with its solved versions, whether every solver's row of one is marked missing, and the
 * sha256 of the artifacts the graph holds as present for it; read a page of packages at a time, so
 * that memory holds a page, not the graph. Solved packages of a disabled index are left out (the
 * reference crashed on them).
 */
import type pg from 'pg';
import type { SolvedPackage } from '../application/check-packages.js';

export class PostgresSolvedPackages {
  constructor(
    private readonly pool: pg.Pool,
    private readonly pageSize = 500,
  ) {}

  async *solvedPackages(): AsyncIterable<SolvedPackage> {
    // Keyset on (name, index), which python_package_version's (package_name, ...) index serves.
    let after: readonly [string, number] = ['', 0];
    for (;;) {
      const { rows } = await this.pool.query<{
        id: number;
        url: string;
        warehouse_api_url: string | null;
        package_name: string;
        package_version: string;
        missing: boolean;
        hashes: string[];
      }>(
        `WITH page AS (
           SELECT DISTINCT v.package_name, v.python_package_index_id AS index_id
             FROM python_package_version v JOIN python_package_index i ON i.id = v.python_package_index_id
            WHERE i.enabled AND v.package_version IS NOT NULL AND (v.package_name, v.python_package_index_id) > ($1, $2)
            ORDER BY 1, 2 LIMIT $3)
         SELECT i.id, i.url, i.warehouse_api_url, v.package_name, v.package_version, bool_and(v.is_missing) AS missing,
                COALESCE((SELECT array_agg(DISTINCT a.artifact_hash_sha256 ORDER BY a.artifact_hash_sha256)
                            FROM python_package_version_entity e
                            JOIN has_artifact h ON h.python_package_version_entity_id = e.id
                            JOIN python_artifact a ON a.id = h.python_artifact_id
                           WHERE e.package_name = v.package_name AND e.package_version = v.package_version
                             AND e.python_package_index_id = i.id AND a.present), '{}') AS hashes
           FROM page
           JOIN python_package_version v ON v.python_package_index_id = page.index_id AND v.package_name = page.package_name
           JOIN python_package_index i ON i.id = v.python_package_index_id
          WHERE v.package_version IS NOT NULL
          GROUP BY i.id, i.url, i.warehouse_api_url, v.package_name, v.package_version
          ORDER BY v.package_name, i.id, v.package_version`,
        [after[0], after[1], this.pageSize],
      );
      if (rows.length === 0) return;
      let current: (SolvedPackage & { versions: SolvedPackage['versions'][number][] }) | undefined;
      for (const row of rows) {
        if (current === undefined || current.index.id !== row.id || current.name !== row.package_name) {
          if (current !== undefined) yield current;
          current = {
            index: { id: row.id, url: row.url, warehouseApiUrl: row.warehouse_api_url ?? undefined, onlyIfPackageSeen: true },
            name: row.package_name,
            versions: [],
          };
        }
        current.versions.push({ version: row.package_version, missing: row.missing, presentHashes: row.hashes });
      }
      if (current !== undefined) yield current;
      const last = rows.at(-1)!;
      after = [last.package_name, last.id];
    }
  }
}
