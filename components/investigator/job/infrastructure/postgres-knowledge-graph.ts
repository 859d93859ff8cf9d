/**
 * The knowledge-graph reads and updates of the investigator, each one statement on indexed columns
 * (the unique keys of python_package_version and python_package_version_entity begin with name and
 * version). The security-analysis check joins what it filters (docs/quirks.md Q35); updates
 * normalise name and version like every other lookup, and touch only rows that change
 * (docs/quirks.md Q36). A server that is away (restart, failover) makes a retryable error, so the
 * consumer waits instead of setting records aside. The index list, which every unresolved-package
 * record reads and which changes when an index is registered, is read at most every
 * `indexListMaxAgeMs` (records read at the same time share one query).
 */
import type pg from 'pg';
import { retryingWhenUnavailable } from '../../../../src/runtime/postgres/errors.js';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { KnowledgeGraph, PackageRef, SolverEnvironment } from '../application/ports.js';

type IndexList = { registered: ReadonlySet<string>; enabled: readonly string[] };

export class PostgresKnowledgeGraph implements KnowledgeGraph {
  private indexList: { readonly read: Promise<IndexList>; readonly at: number } | undefined;

  constructor(
    private readonly pool: pg.Pool,
    /** How old the index list may be: an index registered since is seen after at most this long. */
    private readonly indexListMaxAgeMs = 30_000,
  ) {}

  private query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return retryingWhenUnavailable(() => this.pool.query<R>(text, values));
  }

  indexUrls(): Promise<IndexList> {
    const now = Date.now();
    if (this.indexList === undefined || now - this.indexList.at > this.indexListMaxAgeMs) {
      const read = this.readIndexList();
      const cached = { read, at: now };
      this.indexList = cached;
      // A failed read is not kept: the next record asks again.
      read.catch(() => {
        if (this.indexList === cached) this.indexList = undefined;
      });
    }
    return this.indexList.read;
  }

  private async readIndexList(): Promise<IndexList> {
    const { rows } = await this.query<{ url: string; enabled: boolean | null }>('SELECT url, enabled FROM python_package_index ORDER BY id');
    return { registered: new Set(rows.map((row) => row.url)), enabled: rows.filter((row) => row.enabled === true).map((row) => row.url) };
  }

  async solvedEnvironments(pkg: PackageVersion): Promise<readonly SolverEnvironment[]> {
    const { rows } = await this.query<{ os_name: string; os_version: string; python_version: string }>(
      `SELECT DISTINCT v.os_name, v.os_version, v.python_version
         FROM python_package_version v
         JOIN python_package_index i ON i.id = v.python_package_index_id
        WHERE v.package_name = $1 AND v.package_version = $2 AND i.url = $3`,
      [pkg.name, pkg.version, pkg.indexUrl],
    );
    return rows.map((row) => ({ osName: row.os_name, osVersion: row.os_version, pythonVersion: row.python_version }));
  }

  async securityAnalysed(pkg: PackageVersion): Promise<boolean> {
    const { rows } = await this.query<{ analysed: boolean }>(
      `SELECT EXISTS (
         SELECT 1
           FROM python_package_version_entity e
           JOIN python_package_index i ON i.id = e.python_package_index_id
           JOIN si_aggregated s ON s.python_package_version_entity_id = e.id
           JOIN si_aggregated_run r ON r.id = s.si_aggregated_run_id AND NOT r.error
          WHERE e.package_name = $1 AND e.package_version = $2 AND i.url = $3
       ) AS analysed`,
      [pkg.name, pkg.version, pkg.indexUrl],
    );
    return rows[0]!.analysed;
  }

  async markMissing(pkg: PackageRef & { readonly version?: string }): Promise<number> {
    const result = await this.query(
      `UPDATE python_package_version v SET is_missing = TRUE
         FROM python_package_index i
        WHERE i.id = v.python_package_index_id AND v.package_name = $1 AND i.url = $2
          AND ($3::text IS NULL OR v.package_version = $3) AND NOT v.is_missing`,
      [pkg.name, pkg.indexUrl, pkg.version ?? null],
    );
    return result.rowCount ?? 0;
  }

  async setProvidesSourceDistro(pkg: PackageVersion, value: boolean): Promise<number> {
    const result = await this.query(
      `UPDATE python_package_version v SET provides_source_distro = $4
         FROM python_package_index i
        WHERE i.id = v.python_package_index_id AND v.package_name = $1 AND v.package_version = $2 AND i.url = $3
          AND v.provides_source_distro IS DISTINCT FROM $4`,
      [pkg.name, pkg.version, pkg.indexUrl, value],
    );
    return result.rowCount ?? 0;
  }

  async markArtifactsAbsent(pkg: PackageVersion, sha256: readonly string[]): Promise<number> {
    const result = await this.query(
      `UPDATE python_artifact a SET present = FALSE
         FROM has_artifact h
         JOIN python_package_version_entity e ON e.id = h.python_package_version_entity_id
         JOIN python_package_index i ON i.id = e.python_package_index_id
        WHERE h.python_artifact_id = a.id AND e.package_name = $1 AND e.package_version = $2 AND i.url = $3
          AND a.artifact_hash_sha256 = ANY($4::text[]) AND a.present`,
      [pkg.name, pkg.version, pkg.indexUrl, sha256],
    );
    return result.rowCount ?? 0;
  }
}
