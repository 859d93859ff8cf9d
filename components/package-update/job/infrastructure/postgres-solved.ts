/**
 * The solved packages of the enabled indexes, as package-update-job checks them: each (index,
 * package) with its solved versions, whether every solver's row of one is marked missing, and the
 * sha256 of the artifacts the graph holds as present for it. Solved packages of a disabled index are
 * left out (the reference crashed on them).
 */
import type pg from 'pg';
import type { SolvedPackage } from '../application/check-packages.js';

export class PostgresSolvedPackages {
  constructor(private readonly pool: pg.Pool) {}

  async solvedPackages(): Promise<SolvedPackage[]> {
    const { rows } = await this.pool.query<{
      id: number;
      url: string;
      warehouse_api_url: string | null;
      package_name: string;
      package_version: string;
      missing: boolean;
      hashes: string[];
    }>(`
      SELECT i.id, i.url, i.warehouse_api_url, v.package_name, v.package_version, bool_and(v.is_missing) AS missing,
             COALESCE((SELECT array_agg(DISTINCT a.artifact_hash_sha256 ORDER BY a.artifact_hash_sha256)
                         FROM python_package_version_entity e
                         JOIN has_artifact h ON h.python_package_version_entity_id = e.id
                         JOIN python_artifact a ON a.id = h.python_artifact_id
                        WHERE e.package_name = v.package_name AND e.package_version = v.package_version
                          AND e.python_package_index_id = i.id AND a.present), '{}') AS hashes
        FROM python_package_version v
        JOIN python_package_index i ON i.id = v.python_package_index_id
       WHERE i.enabled AND v.package_version IS NOT NULL
       GROUP BY i.id, i.url, i.warehouse_api_url, v.package_name, v.package_version
       ORDER BY i.id, v.package_name, v.package_version`);
    const packages = new Map<string, SolvedPackage & { versions: SolvedPackage['versions'][number][] }>();
    for (const row of rows) {
      const key = `${row.id}\n${row.package_name}`;
      let entry = packages.get(key);
      if (entry === undefined) {
        entry = {
          index: { id: row.id, url: row.url, warehouseApiUrl: row.warehouse_api_url ?? undefined, onlyIfPackageSeen: true },
          name: row.package_name,
          versions: [],
        };
        packages.set(key, entry);
      }
      entry.versions.push({ version: row.package_version, missing: row.missing, presentHashes: row.hashes });
    }
    return [...packages.values()];
  }
}
