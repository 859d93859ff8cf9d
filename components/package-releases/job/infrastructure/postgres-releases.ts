/**
 * The knowledge graph's side of package-releases: the packages it knows, the enabled indexes, and
 * new releases recorded as python_package_version_entity rows with the rules that apply to them
 * (thoth-storages' create_python_package_version_entity), in one transaction per package that
 * commits only after the announcement.
 */
import type pg from 'pg';
import { attachEntityRules } from '../../../../src/runtime/postgres/entity-rules.js';
import type { ReleaseGraph } from '../application/scan-releases.js';
import type { PackageIndex } from '../domain/releases.js';

export class PostgresReleases implements ReleaseGraph {
  constructor(private readonly pool: pg.Pool) {}

  async knownPackageNames(): Promise<string[]> {
    const { rows } = await this.pool.query<{ package_name: string }>('SELECT DISTINCT package_name FROM python_package_version_entity');
    return rows.map((row) => row.package_name);
  }

  async enabledIndexes(): Promise<PackageIndex[]> {
    const { rows } = await this.pool.query<{ id: number; url: string; warehouse_api_url: string | null; only_if_package_seen: boolean }>(
      'SELECT id, url, warehouse_api_url, only_if_package_seen FROM python_package_index WHERE enabled = TRUE ORDER BY id',
    );
    return rows.map((row) => ({ id: row.id, url: row.url, warehouseApiUrl: row.warehouse_api_url ?? undefined, onlyIfPackageSeen: row.only_if_package_seen }));
  }

  async recordReleases(
    index: PackageIndex,
    name: string,
    versions: readonly string[],
    announce: (released: readonly string[]) => Promise<void>,
  ): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: number; package_version: string }>(
        `INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id)
           SELECT $1, version, $3 FROM unnest($2::text[]) AS version
         ON CONFLICT DO NOTHING RETURNING id, package_version`,
        [name, versions, index.id],
      );
      if (rows.length > 0) {
        await attachEntityRules(
          client,
          name,
          index.id,
          rows.map((row) => ({ id: row.id, version: row.package_version })),
        );
        await announce(rows.map((row) => row.package_version));
      }
      await client.query('COMMIT');
      return rows.map((row) => row.package_version);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
