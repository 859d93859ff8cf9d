/**
 * The graph-refresh use case: for each solver, find the versions it has not resolved (and the
 * versions without a security-indicator analysis), record the requests, then publish the recorded ones. Recording first makes a repeated or killed run safe: a
 * request recorded within its dedup window is never published again (a run killed between the two
 * steps delays those requests until the window passes, rather than sending them twice).
 */
import { buildRequests, type Candidate, type Request, type RequestSettings } from '../domain/requests.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';

export interface UnsolvedPackages {
  unsolved(solver: Solver, limit: number, since: Date): Promise<Candidate[]>;
  /** Solved versions with a source distribution and no security-indicator result. */
  securityUnanalyzed(limit: number, since: Date): Promise<Candidate[]>;
}

export interface RequestLedger {
  claim(requests: readonly Request[], now: Date, windowStart: Date): Promise<Request[]>;
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
  const windowStart = new Date(now.getTime() - settings.windowMs);
  const candidates = new Map<Solver, Candidate[]>();
  if (settings.solver || settings.revsolver) {
    for (const solver of settings.solvers) candidates.set(solver, await ports.graph.unsolved(solver, settings.limit, windowStart));
  }
  const unanalyzed = settings.security ? await ports.graph.securityUnanalyzed(settings.limit, windowStart) : [];
  const requests = buildRequests(candidates, settings, unanalyzed);
  // Past this point the requests are recorded, so they are published even when asked to stop:
  // unpublished records would hold them back for a whole window.
  signal?.throwIfAborted();
  const claimed = await ports.ledger.claim(requests, now, windowStart);
  await ports.publisher.publish(claimed);
  const published: Record<string, number> = {};
  for (const request of claimed) published[request.type] = (published[request.type] ?? 0) + 1;
  return {
    candidates: [...candidates.values()].reduce((sum, list) => sum + list.length, unanalyzed.length),
    published,
    alreadyRequested: requests.length - claimed.length,
  };
}
