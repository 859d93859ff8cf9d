import type { Candidate, Request } from '../domain/requests.js';
import { parseSolver, type Solver } from '../../../../src/runtime/python/solver.js';
import { refreshGraph, type RequestLedger, type RequestPublisher, type UnsolvedPackages } from './refresh-graph.js';

/** In-memory ports, as the real ones behave: the ledger refuses requests made within the window. */
class Fakes implements UnsolvedPackages, RequestLedger, RequestPublisher {
  readonly sent: Request[] = [];
  readonly recorded = new Map<string, Date>();
  failPublish = false;

  reads = 0;

  constructor(
    private readonly catalogue: ReadonlyMap<string, Candidate[]>,
    private readonly unanalyzed: Candidate[] = [],
  ) {}

  async unsolved(solver: Solver, limit: number, since: Date): Promise<Candidate[]> {
    this.reads++;
    return (this.catalogue.get(solver.name) ?? [])
      .filter((candidate) => (this.recorded.get(`unresolved-package/${candidate.entityId}/${solver.name}`) ?? new Date(0)) <= since)
      .slice(0, limit);
  }

  async securityUnanalyzed(limit: number, since: Date): Promise<Candidate[]> {
    this.reads++;
    return this.unanalyzed.filter((candidate) => (this.recorded.get(`si-unanalyzed-package/${candidate.entityId}/`) ?? new Date(0)) <= since).slice(0, limit);
  }

  async claim(requests: readonly Request[], now: Date, windowStart: Date): Promise<Request[]> {
    return requests.filter((request) => {
      const key = `${request.type}/${request.entityId}/${request.solver}`;
      if ((this.recorded.get(key) ?? new Date(0)) > windowStart) return false;
      this.recorded.set(key, now);
      return true;
    });
  }

  async publish(requests: readonly Request[]): Promise<void> {
    if (this.failPublish) throw new Error('broker unavailable');
    this.sent.push(...requests);
  }
}

const rhel = parseSolver('solver-rhel-8-py38');
const candidate = (id: number, name: string): Candidate => ({ entityId: id, packageName: name, packageVersion: '1.0', indexUrl: 'https://pypi.org/simple' });
const settings = { solvers: [rhel], limit: 10, windowMs: 6 * 3_600_000, solver: true, revsolver: true, security: false };
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

test('a run that dies while publishing does not let the next run within the window send the same requests', async () => {
  const fakes = new Fakes(new Map([[rhel.name, [candidate(1, 'flask')]]]));
  fakes.failPublish = true;
  await expect(refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, now)).rejects.toThrow('broker unavailable');
  fakes.failPublish = false;
  const retry = await refreshGraph({ graph: fakes, ledger: fakes, publisher: fakes }, settings, new Date(now.getTime() + 60_000));
  expect(retry.published).toEqual({});
  expect(fakes.sent).toEqual([]);
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
