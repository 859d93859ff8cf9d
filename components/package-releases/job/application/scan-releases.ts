/**
 * One scan: for each enabled index, the packages to ask about (those the graph knows, or every
 * project of an index that wants them all), each asked `concurrency` at a time; every version not yet
 * in the graph is recorded and announced as package-released, in that order and together (a version
 * recorded is one announced: the graph's transaction commits only once the broker has the messages).
 * A package the index cannot answer for is counted and the scan goes on; an index whose project list
 * cannot be read is skipped; the graph or the broker failing ends the run.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { type PackageIndex, recordableVersions } from '../domain/releases.js';

export interface IndexReleases {
  /** The versions the index serves of the package; none when it does not know it. */
  versions(index: PackageIndex, name: string, signal: AbortSignal): Promise<string[]>;
  /** Every project of the index, by normalised name. */
  projects(index: PackageIndex, signal: AbortSignal): Promise<string[]>;
}

export interface ReleaseGraph {
  knownPackageNames(): Promise<string[]>;
  enabledIndexes(): Promise<PackageIndex[]>;
  /**
   * Records the versions the graph lacks and hands them to `announce` before they are committed;
   * returns them. A failing `announce` records nothing.
   */
  recordReleases(index: PackageIndex, name: string, versions: readonly string[], announce: (released: readonly string[]) => Promise<void>): Promise<string[]>;
}

export interface ReleaseAnnouncer {
  announce(index: PackageIndex, name: string, versions: readonly string[]): Promise<void>;
}

export interface ScanSummary {
  readonly indexes: number;
  readonly packages: number;
  readonly released: number;
  /** Packages an index could not answer for (another run asks again). */
  readonly failed: readonly { readonly index: string; readonly name: string; readonly error: unknown }[];
  /** Indexes whose project list could not be read. */
  readonly skippedIndexes: readonly string[];
}

export async function scanReleases(
  ports: { readonly graph: ReleaseGraph; readonly releases: IndexReleases; readonly announcer: ReleaseAnnouncer },
  settings: { readonly concurrency: number },
  { log, signal }: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<ScanSummary> {
  const indexes = await ports.graph.enabledIndexes();
  const known = shuffled(await ports.graph.knownPackageNames());
  let packages = 0;
  let released = 0;
  const failed: { index: string; name: string; error: unknown }[] = [];
  const skippedIndexes: string[] = [];
  for (const index of indexes) {
    let names: readonly string[];
    try {
      names = index.onlyIfPackageSeen ? known : await ports.releases.projects(index, signal);
    } catch (error) {
      signal.throwIfAborted();
      log.error({ err: error, index: index.url }, 'could not list the index’s projects; the index is skipped');
      skippedIndexes.push(index.url);
      continue;
    }
    const one = async (name: string) => {
      let versions: string[];
      try {
        versions = recordableVersions(await ports.releases.versions(index, name, signal));
      } catch (error) {
        signal.throwIfAborted();
        log.warn({ err: error, index: index.url, name }, 'could not read the package’s releases');
        failed.push({ index: index.url, name, error });
        return;
      }
      packages++;
      if (versions.length === 0) return;
      const recorded = await ports.graph.recordReleases(index, name, versions, (fresh) => ports.announcer.announce(index, name, fresh));
      released += recorded.length;
      if (recorded.length > 0) log.debug({ index: index.url, name, versions: recorded }, 'new releases');
    };
    await eachAtOnce(names, settings.concurrency, one);
    log.info({ index: index.url, packages: names.length }, 'index scanned');
  }
  return { indexes: indexes.length, packages, released, failed, skippedIndexes };
}

/** Runs `work` on every item, `limit` at a time; the first failure stops taking new items and is thrown once the running ones end. */
async function eachAtOnce<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

/** A fresh order each run, as the reference's: a run cut short leaves other packages for the next. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
