/**
 * The graph-refresh use case: for each solver, find the versions it has not resolved (and the
 * versions without a security-indicator analysis), claim the requests, publish the claimed ones, and
 * acknowledge them once the broker has them. A request acknowledged within its dedup window is never
 * sent again; one claimed and never acknowledged (a run killed between claim and acknowledgement) is
 * sent again by the first run after its lease, so nothing is held back for a window. Sent twice at
 * worst (killed after the broker had it, before the acknowledgement): the investigator names each
 * Workflow after its inputs, so a repeat creates nothing.
 */
import { buildRequests, type Candidate, type Request, type RequestSettings } from '../domain/requests.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';

/**
 * Which recorded requests count as made: acknowledged after `windowStart`, or claimed after
 * `leaseStart` and not yet acknowledged (their run may still be publishing them).
 */
export interface Recency {
  readonly windowStart: Date;
  readonly leaseStart: Date;
}

export interface UnsolvedPackages {
  unsolved(solver: Solver, limit: number, recent: Recency): Promise<Candidate[]>;
  /** Solved versions with a source distribution and no security-indicator result. */
  securityUnanalyzed(limit: number, recent: Recency): Promise<Candidate[]>;
}

export interface RequestLedger {
  /** Records the requests not made recently as claimed at `now`; returns those, the only ones to send. */
  claim(requests: readonly Request[], now: Date, recent: Recency): Promise<Request[]>;
  /** The broker has the requests claimed at `claimedAt`: they count as made for the whole window. */
  acknowledge(requests: readonly Request[], claimedAt: Date): Promise<void>;
}

export interface RequestPublisher {
  /** Sends the requests as messages; resolves once the broker has them. */
  publish(requests: readonly Request[]): Promise<void>;
}

export interface RefreshSettings extends RequestSettings {
  readonly solvers: readonly Solver[];
  /** Versions asked per solver and run. */
  readonly limit: number;
  /** How long a request is not repeated. */
  readonly windowMs: number;
  /** How long a claimed request waits for its run's acknowledgement before another run sends it. */
  readonly leaseMs: number;
}

export interface RefreshSummary {
  readonly candidates: number;
  readonly published: Readonly<Record<string, number>>;
  /** Requests made recently by another (or an earlier) run, so not sent again. */
  readonly alreadyRequested: number;
}

export async function refreshGraph(
  ports: { graph: UnsolvedPackages; ledger: RequestLedger; publisher: RequestPublisher },
  settings: RefreshSettings,
  now: Date,
  signal?: AbortSignal,
): Promise<RefreshSummary> {
  const recent: Recency = { windowStart: new Date(now.getTime() - settings.windowMs), leaseStart: new Date(now.getTime() - settings.leaseMs) };
  const candidates = new Map<Solver, Candidate[]>();
  if (settings.solver || settings.revsolver) {
    for (const solver of settings.solvers) candidates.set(solver, await ports.graph.unsolved(solver, settings.limit, recent));
  }
  const unanalyzed = settings.security ? await ports.graph.securityUnanalyzed(settings.limit, recent) : [];
  const requests = buildRequests(candidates, settings, unanalyzed);
  // Past this point the requests are claimed, so they are published even when asked to stop: a
  // claim left unacknowledged waits for its lease.
  signal?.throwIfAborted();
  const claimed = await ports.ledger.claim(requests, now, recent);
  await ports.publisher.publish(claimed);
  await ports.ledger.acknowledge(claimed, now);
  const published: Record<string, number> = {};
  for (const request of claimed) published[request.type] = (published[request.type] ?? 0) + 1;
  return {
    candidates: [...candidates.values()].reduce((sum, list) => sum + list.length, unanalyzed.length),
    published,
    alreadyRequested: requests.length - claimed.length,
  };
}
