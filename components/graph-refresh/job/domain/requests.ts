/**
 * What graph-refresh asks for: per solver, each package version it has not resolved yet
 * (unresolved-package), once per name and version the reverse dependencies (unrevsolved-package),
 * and a security-indicator analysis of each version that has none (si-unanalyzed-package).
 * Pure: the caller supplies the candidates; nothing is read or sent here.
 */
import type { Solver } from '../../../../src/runtime/python/solver.js';

/** A package version of an enabled index that a solver has not resolved. */
export interface Candidate {
  readonly entityId: number;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly indexUrl: string;
}

/** The message types graph-refresh publishes (validate checks their topics exist). */
export const REQUEST_TYPES = ['unresolved-package', 'unrevsolved-package', 'si-unanalyzed-package'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export interface Request {
  readonly type: RequestType;
  readonly entityId: number;
  /** The solver asked, or '' for requests that concern every solver. */
  readonly solver: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface RequestSettings {
  readonly solver: boolean;
  readonly revsolver: boolean;
  readonly security: boolean;
}

export function buildRequests(
  candidates: ReadonlyMap<Solver, readonly Candidate[]>,
  settings: RequestSettings,
  unanalyzed: readonly Candidate[] = [],
): Request[] {
  const requests: Request[] = [];
  const revsolved = new Set<string>();
  for (const [solver, list] of candidates) {
    for (const candidate of list) {
      if (settings.solver) {
        requests.push({
          type: 'unresolved-package',
          entityId: candidate.entityId,
          solver: solver.name,
          fields: { package_name: candidate.packageName, package_version: candidate.packageVersion, index_url: candidate.indexUrl, solver: solver.name },
        });
      }
      const release = `${candidate.packageName}==${candidate.packageVersion}`;
      if (settings.revsolver && !revsolved.has(release)) {
        revsolved.add(release);
        requests.push({
          type: 'unrevsolved-package',
          entityId: candidate.entityId,
          solver: '',
          fields: { package_name: candidate.packageName, package_version: candidate.packageVersion },
        });
      }
    }
  }
  if (settings.security) {
    for (const candidate of unanalyzed) {
      requests.push({
        type: 'si-unanalyzed-package',
        entityId: candidate.entityId,
        solver: '',
        fields: { package_name: candidate.packageName, package_version: candidate.packageVersion, index_url: candidate.indexUrl },
      });
    }
  }
  return requests;
}
