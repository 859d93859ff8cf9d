/**
 * A Kebechet adviser run that stopped on packages no solver had resolved is advised again once
 * every one of them is (thoth-jobs.md §11, parse_solver_output). Which runs qualify, and the message
 * that asks for the new run, decided here from what the caller read.
 */
import { createHash } from 'node:crypto';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { MessageValue } from '../../../../src/messages/fields.js';

/** A run waiting for packages: its id (the adviser document id) and what it could not resolve. */
export interface WaitingRun {
  readonly adviserId: string;
  readonly unresolved: readonly PackageVersion[];
}

const key = (pkg: PackageVersion) => `${pkg.name}\u0000${pkg.version}\u0000${pkg.indexUrl}`;

/**
 * The runs this solver result unblocks: it solved at least one of their packages, and every other
 * one is solved already (`solvedBefore`). The reference checked the package it had just solved
 * instead of each other one, so any run that waited for it was re-run (docs/quirks.md Q49).
 */
export async function unblockedRuns(
  runs: readonly WaitingRun[],
  justSolved: readonly PackageVersion[],
  solvedBefore: (pkg: PackageVersion) => Promise<boolean>,
): Promise<WaitingRun[]> {
  const solvedNow = new Set(justSolved.map(key));
  const unblocked: WaitingRun[] = [];
  for (const run of runs) {
    if (!run.unresolved.some((pkg) => solvedNow.has(key(pkg)))) continue;
    let all = true;
    for (const pkg of run.unresolved) {
      if (solvedNow.has(key(pkg))) continue;
      if (!(await solvedBefore(pkg))) {
        all = false;
        break;
      }
    }
    if (all) unblocked.push(run);
  }
  return unblocked;
}

/**
 * The new run's job id, derived from the old one: the same run unblocked twice (a retried step, two
 * solver results) asks for the same workflow, which the investigator submits once (its names are
 * its inputs'). The reference drew a new random id each time (docs/quirks.md Q49).
 */
export function reRunJobId(adviserId: string): string {
  return `adviser-re-run-${createHash('sha256').update(adviserId).digest('hex').slice(0, 24)}`;
}

type AdviserTrigger = MessageValue<'adviser-trigger'>;

/**
 * The adviser-trigger of the new run, from the stored request of the old one: the fields of the
 * message type it has (the reference copied GitHub fields the message does not have, which were
 * dropped, and dropped kebechet_metadata, which it has), authenticated as a Kebechet run is.
 */
export function reRunTrigger(
  oldId: string,
  request: Readonly<Record<string, unknown>>,
  sender: { componentName: string; serviceVersion: string },
): Omit<AdviserTrigger, 'version'> {
  const pick = <K extends keyof AdviserTrigger>(name: K): Partial<Pick<AdviserTrigger, K>> =>
    request[name] === undefined ? {} : ({ [name]: request[name] } as Partial<Pick<AdviserTrigger, K>>);
  return {
    component_name: sender.componentName,
    service_version: sender.serviceVersion,
    recommendation_type: String(request.recommendation_type ?? ''),
    ...pick('count'),
    ...pick('limit'),
    ...pick('limit_latest_versions'),
    ...pick('origin'),
    ...pick('source_type'),
    ...pick('dev'),
    ...pick('debug'),
    ...pick('kebechet_metadata'),
    authenticated: true,
    job_id: reRunJobId(oldId),
    re_run_adviser_id: oldId,
  };
}
