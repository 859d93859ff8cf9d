/**
 * One check: each solved package of each enabled index (read a page at a time) asked of its index, `concurrency` at a time,
 * and what differs told (./../domain/discrepancies.ts). A package the index cannot answer for is
 * counted and the check goes on; the broker failing ends the run.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import type { PackageIndex } from '../../../package-releases/job/domain/releases.js';
import { type Discrepancy, discrepancies, type IndexProject, type SolvedVersion } from '../domain/discrepancies.js';

export interface SolvedPackage {
  readonly index: PackageIndex;
  readonly name: string;
  readonly versions: readonly SolvedVersion[];
}

export interface IndexProjects {
  project(index: PackageIndex, name: string, signal: AbortSignal): Promise<IndexProject>;
}

export interface DiscrepancyAnnouncer {
  announce(index: PackageIndex, name: string, found: readonly Discrepancy[]): Promise<void>;
}

export interface CheckSummary {
  readonly packages: number;
  readonly told: Readonly<Record<Discrepancy['type'], number>>;
  readonly failed: readonly { readonly index: string; readonly name: string; readonly error: unknown }[];
}

export async function checkPackages(
  ports: { readonly solved: { solvedPackages(): AsyncIterable<SolvedPackage> }; readonly projects: IndexProjects; readonly announcer: DiscrepancyAnnouncer },
  settings: { readonly concurrency: number },
  { log, signal }: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<CheckSummary> {
  // The workers share one iterator: an async generator hands out its items one call at a time.
  const solvedPackages = ports.solved.solvedPackages()[Symbol.asyncIterator]();
  const told = { 'missing-package': 0, 'missing-version': 0, 'hash-mismatch': 0 };
  const failed: { index: string; name: string; error: unknown }[] = [];
  let packages = 0;
  // The first failure (the broker, the graph) stops the workers taking packages; it is thrown once every one has stopped.
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    try {
      await work();
    } catch (error) {
      failure ??= { error };
    }
  };
  const work = async () => {
    for (let next = await solvedPackages.next(); !next.done && failure === undefined; next = await solvedPackages.next()) {
      const solved = next.value;
      packages++;
      signal.throwIfAborted();
      let project: IndexProject;
      try {
        project = await ports.projects.project(solved.index, solved.name, signal);
      } catch (error) {
        signal.throwIfAborted();
        log.warn({ err: error, index: solved.index.url, name: solved.name }, 'could not read the package from its index');
        failed.push({ index: solved.index.url, name: solved.name, error });
        continue;
      }
      const found = discrepancies(solved.versions, project);
      if (found.length === 0) continue;
      await ports.announcer.announce(solved.index, solved.name, found);
      for (const each of found) told[each.type]++;
      log.info({ index: solved.index.url, name: solved.name, found }, 'discrepancies told');
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  if (failure !== undefined) throw failure.error;
  return { packages, told, failed };
}
