/**
 * One measurement of the knowledge graph's health: the four checks of the reference, each on its
 * own, so that one that fails (the document store is down, an extension is missing) does not keep
 * the others' figures from being pushed; the run then fails, naming each check that did.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import type { CallOptions } from '../../../../src/runtime/s3/documents.js';
import { DUMP_AREA } from '../../../graph-backup/job/domain/dumps.js';
import { type DumpFreshness, dumpFreshness, type IndexBloat, type TableBloat } from '../domain/graph-health.js';

export interface GraphHealth {
  corruptedIndexes(signal?: AbortSignal): Promise<string[]>;
  tableBloat(): Promise<TableBloat[]>;
  indexBloat(): Promise<IndexBloat[]>;
}

export interface DumpListing {
  list(area: string, options?: CallOptions): AsyncIterable<string>;
}

/** What each check found; a check that failed has no figure. */
export interface Measurement {
  readonly corrupted?: readonly string[];
  readonly tables?: readonly TableBloat[];
  readonly indexes?: readonly IndexBloat[];
  readonly dumps?: DumpFreshness;
  readonly failed: readonly { readonly check: string; readonly error: unknown }[];
}

export class ChecksFailed extends Error {
  constructor(readonly failed: Measurement['failed']) {
    super(
      `${failed.length} check(s) failed: ${failed.map(({ check, error }) => `${check}: ${error instanceof Error ? error.message : String(error)}`).join('; ')}`,
    );
    this.name = 'ChecksFailed';
  }
}

export async function measureGraph(
  ports: { readonly health: GraphHealth; readonly dumps: DumpListing },
  settings: { readonly keep: number; readonly checkDays: number; readonly today: Date },
  context: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<Measurement> {
  const { log, signal } = context;
  const failed: { check: string; error: unknown }[] = [];
  const attempt = async <T>(check: string, run: () => Promise<T>): Promise<T | undefined> => {
    signal.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      signal.throwIfAborted();
      log.error({ err: error, check }, 'check failed');
      failed.push({ check, error });
      return undefined;
    }
  };
  const corrupted = await attempt('corruption', () => ports.health.corruptedIndexes(signal));
  if (corrupted !== undefined && corrupted.length > 0) log.error({ indexes: corrupted }, 'amcheck found corrupted indexes');
  const tables = await attempt('table bloat', () => ports.health.tableBloat());
  const indexes = await attempt('index bloat', () => ports.health.indexBloat());
  const dumps = await attempt('backups', async () => {
    const names: string[] = [];
    for await (const name of ports.dumps.list(DUMP_AREA, { signal })) names.push(name);
    return dumpFreshness(names, settings);
  });
  return {
    ...(corrupted === undefined ? {} : { corrupted }),
    ...(tables === undefined ? {} : { tables }),
    ...(indexes === undefined ? {} : { indexes }),
    ...(dumps === undefined ? {} : { dumps }),
    failed,
  };
}
