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

/** Versions looked up in one query at most. */
const SOLVED_BATCH = 500;

interface SolvedAsk {
  readonly pkg: PackageVersion;
  readonly resolve: (environments: readonly SolverEnvironment[]) => void;
  readonly reject: (error: unknown) => void;
}

export class PostgresKnowledgeGraph implements KnowledgeGraph {
  private indexList: { readonly read: Promise<IndexList>; readonly at: number } | undefined;
  private readonly solvedAsked: SolvedAsk[] = [];
  /** Whether a lookup of solved versions is running or about to. */
  private solvedLookup = false;

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

  /**
   * The environments each version is solved for. Asked by the records in flight at once, the
   * versions are looked up together: one query while none runs, then one for all that came meanwhile.
   */
  solvedEnvironments(pkg: PackageVersion): Promise<readonly SolverEnvironment[]> {
    return new Promise((resolve, reject) => {
      this.solvedAsked.push({ pkg, resolve, reject });
      if (!this.solvedLookup) {
        this.solvedLookup = true;
        // The records that ask in this turn of the event loop go into the first query too.
        setImmediate(() => void this.lookUpSolved());
      }
    });
  }

  private async lookUpSolved(): Promise<void> {
    while (this.solvedAsked.length > 0) {
      const asked = this.solvedAsked.splice(0, SOLVED_BATCH);
      try {
        const { rows } = await this.query<{ asked: number; os_name: string; os_version: string; python_version: string }>(
          `SELECT DISTINCT q.asked::int AS asked, v.os_name, v.os_version, v.python_version
             FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(name, version, url, asked)
             JOIN python_package_index i ON i.url = q.url
             JOIN python_package_version v ON v.python_package_index_id = i.id AND v.package_name = q.name AND v.package_version = q.version`,
          [asked.map(({ pkg }) => pkg.name), asked.map(({ pkg }) => pkg.version), asked.map(({ pkg }) => pkg.indexUrl)],
        );
        const found = asked.map((): SolverEnvironment[] => []);
        for (const row of rows) found[row.asked - 1]!.push({ osName: row.os_name, osVersion: row.os_version, pythonVersion: row.python_version });
        for (const [index, { resolve }] of asked.entries()) resolve(found[index]!);
      } catch (error) {
        for (const { reject } of asked) reject(error);
      }
    }
    this.solvedLookup = false;
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
