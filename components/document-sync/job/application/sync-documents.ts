/**
 * One sync: for each group of documents (the reference's: analysis-by-digest, analysis, and each
 * configured solver's), the documents the destination lacks are copied, `concurrency` at a time,
 * each streamed from the source to the destination (never held whole). A copy that fails is
 * counted and the others go on; a listing that fails ends its group, not the others'.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import type { CallOptions, UploadOptions, Uploaded } from '../../../../src/runtime/s3/documents.js';
import { type Listed, syncPlan } from '../domain/sync-plan.js';

export interface ListingOptions extends CallOptions {
  readonly startsWith?: string;
}

export interface SyncSource {
  listWithSizes(area: string, options?: ListingOptions): AsyncIterable<Listed>;
  download(area: string, id: string, options?: CallOptions): Promise<AsyncIterable<Uint8Array>>;
}

export interface SyncDestination {
  listWithSizes(area: string, options?: ListingOptions): AsyncIterable<Listed>;
  upload(area: string, id: string, body: AsyncIterable<Uint8Array>, options?: UploadOptions): Promise<Uploaded>;
}

export interface DocumentGroup {
  /** Its name in logs and metrics: the area, and the solver for a solver's documents. */
  readonly name: string;
  readonly area: string;
  readonly startsWith?: string;
}

/** The reference's groups, in its order. */
export function documentGroups(solvers: readonly string[]): DocumentGroup[] {
  return [
    { name: 'analysis-by-digest', area: 'analysis-by-digest' },
    { name: 'analysis', area: 'analysis' },
    ...solvers.map((solver) => ({ name: `solver/${solver}`, area: 'solver', startsWith: solver })),
  ];
}

export interface GroupResult {
  readonly group: string;
  readonly copied: number;
  /** At the destination already, with the same size. */
  readonly present: number;
  readonly failed: number;
  /** The listing failed: the group was not synced to its end. */
  readonly listingFailed?: unknown;
}

export async function syncDocuments(
  ports: { readonly source: SyncSource; readonly destination: SyncDestination },
  settings: { readonly groups: readonly DocumentGroup[]; readonly concurrency: number; readonly dryRun: boolean },
  context: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<GroupResult[]> {
  const results: GroupResult[] = [];
  for (const group of settings.groups) {
    context.signal.throwIfAborted();
    results.push(await syncGroup(ports, group, settings, context));
  }
  return results;
}

async function syncGroup(
  ports: { readonly source: SyncSource; readonly destination: SyncDestination },
  group: DocumentGroup,
  settings: { readonly concurrency: number; readonly dryRun: boolean },
  { log, signal }: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<GroupResult> {
  const listing = { signal, ...(group.startsWith === undefined ? {} : { startsWith: group.startsWith }) };
  let copied = 0;
  let present = 0;
  let failed = 0;
  const running = new Set<Promise<void>>();
  const copy = async (id: string) => {
    try {
      if (!settings.dryRun) await ports.destination.upload(group.area, id, await ports.source.download(group.area, id, { signal }), { signal });
      copied++;
    } catch (error) {
      signal.throwIfAborted();
      failed++;
      log.error({ err: error, group: group.name, id }, 'could not copy a document');
    }
  };
  try {
    for await (const step of syncPlan(ports.source.listWithSizes(group.area, listing), ports.destination.listWithSizes(group.area, listing))) {
      if (step.present) {
        present++;
        continue;
      }
      if (settings.dryRun) log.info({ group: group.name, id: step.id, size: step.size }, 'would copy');
      const task = copy(step.id).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= settings.concurrency) await Promise.race(running);
    }
  } catch (error) {
    await Promise.allSettled(running);
    signal.throwIfAborted();
    log.error({ err: error, group: group.name }, 'could not list the documents; the group is not synced to its end');
    return { group: group.name, copied, present, failed, listingFailed: error };
  }
  await Promise.all(running);
  log.info({ group: group.name, copied, present, failed }, 'group synced');
  return { group: group.name, copied, present, failed };
}
