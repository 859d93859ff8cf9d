import type { Candidate, Request } from '../domain/requests.js';
import { parseSolver, type Solver } from '../../../../src/runtime/python/solver.js';
import { refreshGraph, type Recency, type RequestLedger, type RequestPublisher, type UnsolvedPackages } from './refresh-graph.js';

/**
 * In-memory ports, as the real ones behave: the ledger refuses requests acknowledged within the
 * window or claimed within the lease.
 */
class Fakes implements UnsolvedPackages, RequestLedger, RequestPublisher {
  readonly sent: Request[] = [];
  readonly recorded = new Map<string, { at: Date; acknowledged: boolean }>();
  failPublish = false;

  private madeRecently(key: string, recent: Recency): boolean {
    const made = this.recorded.get(key);
    return made !== undefined && made.at > recent.windowStart && (made.acknowledged || made.at > recent.leaseStart);
  }

  reads = 0;

  constructor(
    private readonly catalogue: ReadonlyMap<string, Candidate[]>,
    private readonly unanalyzed: Candidate[] = [],
  ) {}

  async unsolved(solver: Solver, limit: number, recent: Recency): Promise<Candidate[]> {
    this.reads++;
    return (this.catalogue.get(solver.name) ?? [])
      .filter((candidate) => !this.madeRecently(`unresolved-package/${candidate.entityId}/${solver.name}`, recent))
      .slice(0, limit);
  }

  async securityUnanalyzed(limit: number, recent: Recency): Promise<Candidate[]> {
    this.reads++;
    return this.unanalyzed.filter((candidate) => !this.madeRecently(`si-unanalyzed-package/${candidate.entityId}/`, recent)).slice(0, limit);
  }

  async claim(requests: readonly Request[], now: Date, recent: Recency): Promise<Request[]> {
    return requests.filter((request) => {
      const key = `${request.type}/${request.entityId}/${request.solver}`;
      if (this.madeRecently(key, recent)) return false;
      this.recorded.set(key, { at: now, acknowledged: false });
      return true;
    });
  }

  async acknowledge(requests: readonly Request[], claimedAt: Date): Promise<void> {
    for (const request of requests) {
      const key = `${request.type}/${request.entityId}/${request.solver}`;
      if (this.recorded.get(key)?.at.getTime() === claimedAt.getTime()) this.recorded.set(key, { at: claimedAt, acknowledged: true });
    }
  }

  async publish(requests: readonly Request[]): Promise<void> {
    if (this.failPublish) throw new Error('broker unavailable');
    this.sent.push(...requests);
  }
}

const rhel = parseSolver('solver-rhel-8-py38');
const candidate = (id: number, name: string): Candidate => ({ entityId: id, packageName: name, packageVersion: '1.0', indexUrl: 'https://pypi.org/simple' });
const settings = { solvers: [rhel], limit: 10, windowMs: 6 * 3_600_000, leaseMs: 10 * 60_000, solver: true, revsolver: true, security: false };
const now = new Date('2026-11-24T12:00:00Z');

test('publishes an unresolved and an unrevsolved request per version, and says so', async () => {
  const fakes = new Fakes(new Map([[rhel.name, [candidate(1, 'flask'), candidate(2, 'django')]]]));
  const summary = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, now);
  expect(summary).toEqual({ candidates: 2, published: { 'unresolved-package': 2, 'unrevsolved-package': 2 }, alreadyRequested: 0 });
  expect(fakes.sent).toHaveLength(4);
});

test('a second run within the window sends nothing again; after it, it asks again', async () => {
  const fakes = new Fakes(new Map([[rhel.name, [candidate(1, 'flask')]]]));
  await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, now);
  const again = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + 3_600_000));
  expect(again.published).toEqual({});
  expect(fakes.sent).toHaveLength(2);
  const later = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + 7 * 3_600_000));
  expect(later.published).toEqual({ 'unresolved-package': 1, 'unrevsolved-package': 1 });
});

test('a run that dies between claim and acknowledgement holds its requests for the lease, not the window', async () => {
  const fakes = new Fakes(new Map([[rhel.name, [candidate(1, 'flask')]]]));
  fakes.failPublish = true;
  await expect(refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, now)).rejects.toThrow('broker unavailable');
  fakes.failPublish = false;
  // Within the lease the dead run may still be publishing: nothing is sent twice.
  const soon = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + 60_000));
  expect(soon.published).toEqual({});
  // After it, the next run sends them, acknowledged this time: then not again within the window.
  const afterLease = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + settings.leaseMs + 60_000));
  expect(afterLease.published).toEqual({ 'unresolved-package': 1, 'unrevsolved-package': 1 });
  const later = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + 2 * settings.leaseMs + 60_000));
  expect(later.published).toEqual({});
  expect(fakes.sent).toHaveLength(2);
});

test('with every category off, nothing is read or sent', async () => {
  const fakes = new Fakes(new Map([[rhel.name, [candidate(1, 'flask')]]]));
  expect(await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, { ...settings, solver: false, revsolver: false }, now)).toEqual({
    candidates: 0,
    published: {},
    alreadyRequested: 0,
  });
  expect(fakes.reads).toBe(0);
});

test('security on: versions without analysis are asked for once within the window', async () => {
  const fakes = new Fakes(new Map(), [candidate(3, 'numpy')]);
  const security = { ...settings, solver: false, revsolver: false, security: true };
  expect(await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, security, now)).toEqual({
    candidates: 1,
    published: { 'si-unanalyzed-package': 1 },
    alreadyRequested: 0,
  });
  expect((await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, security, now)).published).toEqual({});
});
