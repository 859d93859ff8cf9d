/**
 * graph-refresh's reads and its request ledger in the knowledge graph. The selection walks entities
 * in id order and stops at the limit, each condition an index lookup (rules association, the
 * per-environment version index, the ledger's key), so it stays fast however large the graph
 * (docs/quirks.md Q18).
 */
import type pg from 'pg';
import type { Recency } from '../application/refresh-graph.js';
import type { Candidate, Request, RequestType } from '../domain/requests.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';

export class PostgresGraph {
  constructor(private readonly pool: pg.Pool) {}

  /** Up to `limit` versions the solver has not resolved and that were not requested for it recently. */
  async unsolved(solver: Solver, limit: number, recent: Recency): Promise<Candidate[]> {
    const result = await this.pool.query<CandidateRow>(
      `SELECT e.id, e.package_name, e.package_version, i.url
         FROM python_package_version_entity e
         JOIN python_package_index i ON i.id = e.python_package_index_id AND i.enabled
        WHERE e.package_version IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM python_package_version_entity_rules_association r
                           WHERE r.python_package_version_entity_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM python_package_version v
                           WHERE v.entity_id = e.id AND v.os_name = $1 AND v.os_version = $2 AND v.python_version = $3)
          AND NOT EXISTS (SELECT 1 FROM graph_refresh_request q
                           WHERE q.message_type = 'unresolved-package' AND q.entity_id = e.id AND q.solver = $4 AND ${MADE_RECENTLY('$5', '$6')})
        ORDER BY e.id
        LIMIT $7`,
      [solver.osName, solver.osVersion, solver.pythonVersion, solver.name, recent.windowStart, recent.leaseStart, limit],
    );
    return result.rows.map(toCandidate);
  }

  /**
   * Up to `limit` versions that a solver resolved with a source distribution, that have no
   * security-indicator result and were not requested recently. One row per version
   * (docs/quirks.md Q19).
   */
  async securityUnanalyzed(limit: number, recent: Recency): Promise<Candidate[]> {
    const result = await this.pool.query<CandidateRow>(
      `SELECT e.id, e.package_name, e.package_version, i.url
         FROM python_package_version_entity e
         JOIN python_package_index i ON i.id = e.python_package_index_id AND i.enabled
        WHERE e.package_version IS NOT NULL
          AND EXISTS (SELECT 1 FROM python_package_version v WHERE v.entity_id = e.id AND v.provides_source_distro)
          AND NOT EXISTS (SELECT 1 FROM si_aggregated s WHERE s.python_package_version_entity_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM graph_refresh_request q
                           WHERE q.message_type = 'si-unanalyzed-package' AND q.entity_id = e.id AND q.solver = '' AND ${MADE_RECENTLY('$1', '$2')})
        ORDER BY e.id
        LIMIT $3`,
      [recent.windowStart, recent.leaseStart, limit],
    );
    return result.rows.map(toCandidate);
  }

  /**
   * Records the requests as claimed at `now` (not acknowledged), except those made recently, and
   * returns the ones recorded: only those may be sent. Runs at once never both get the same request.
   */
  async claim(requests: readonly Request[], now: Date, recent: Recency): Promise<Request[]> {
    // One statement may not touch a row twice: the same request twice in a batch is one request.
    const unique = [...new Map(requests.map((request) => [key(request), request])).values()];
    if (unique.length === 0) return [];
    const result = await this.pool.query<{ message_type: RequestType; entity_id: number; solver: string }>(
      `INSERT INTO graph_refresh_request AS q (message_type, entity_id, solver, requested_at)
       SELECT type, entity, solver, $4 FROM unnest($1::text[], $2::int[], $3::text[]) AS request(type, entity, solver)
       ON CONFLICT (message_type, entity_id, solver)
         DO UPDATE SET requested_at = EXCLUDED.requested_at, published_at = NULL WHERE NOT ${MADE_RECENTLY('$5', '$6')}
       RETURNING message_type, entity_id, solver`,
      [...columns(unique), now, recent.windowStart, recent.leaseStart],
    );
    const claimed = new Set(result.rows.map((row) => key({ type: row.message_type, entityId: row.entity_id, solver: row.solver })));
    return unique.filter((request) => claimed.has(key(request)));
  }

  /** Marks the requests this run claimed at `claimedAt` as published; a later claim by another run is left alone. */
  async acknowledge(requests: readonly Request[], claimedAt: Date): Promise<void> {
    if (requests.length === 0) return;
    await this.pool.query(
      `UPDATE graph_refresh_request q SET published_at = now()
         FROM unnest($1::text[], $2::int[], $3::text[]) AS request(type, entity, solver)
        WHERE q.message_type = request.type AND q.entity_id = request.entity AND q.solver = request.solver AND q.requested_at = $4`,
      [...columns(requests), claimedAt],
    );
  }
}

/**
 * Whether the ledger row `q` counts as a request made recently: acknowledged within the window, or
 * claimed within the lease and not acknowledged (its run may still be publishing). `window` and
 * `lease` are the statement's parameters holding their starts.
 */
const MADE_RECENTLY = (window: string, lease: string) => `(q.requested_at > ${window} AND (q.published_at IS NOT NULL OR q.requested_at > ${lease}))`;

const key = (request: { type: string; entityId: number; solver: string }) => `${request.type}/${request.entityId}/${request.solver}`;

/** The requests as the three arrays `unnest` reads. */
const columns = (requests: readonly Request[]) => [
  requests.map((request) => request.type),
  requests.map((request) => request.entityId),
  requests.map((request) => request.solver),
];

/** The columns both selections return. */
interface CandidateRow {
  id: number;
  package_name: string;
  package_version: string;
  url: string;
}

function toCandidate(row: CandidateRow): Candidate {
  return { entityId: row.id, packageName: row.package_name, packageVersion: row.package_version, indexUrl: row.url };
}
