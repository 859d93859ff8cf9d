/**
 * One backup: the knowledge graph dumped straight into the document store (never to a file: the
 * reference wrote the whole dump to the pod's disk first), then the dumps beyond the newest `keep`
 * deleted. A dump that fails part way stores nothing: its upload is abandoned, not completed.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import type { CallOptions, UploadOptions, Uploaded } from '../../../../src/runtime/s3/documents.js';
import { DUMP_AREA, dumpName, expiredDumps } from '../domain/dumps.js';

/** The database as a dump: its bytes as they are written; the iteration fails where the dump fails. */
export interface GraphDumper {
  dump(signal: AbortSignal): AsyncIterable<Uint8Array>;
}

/** Where dumps are kept: the document store's calls this use case makes. */
export interface DumpStore {
  upload(area: string, id: string, body: AsyncIterable<Uint8Array>, options?: UploadOptions): Promise<Uploaded>;
  list(area: string, options?: CallOptions): AsyncIterable<string>;
  delete(area: string, id: string, options?: CallOptions): Promise<void>;
}

export interface BackupSummary {
  readonly dump: Uploaded;
  /** Dumps deleted by the rotation. */
  readonly deleted: readonly string[];
}

/** Dumps the rotation could not delete; the dump itself was stored. */
export class RotationFailed extends Error {
  constructor(
    readonly failed: readonly { readonly name: string; readonly error: unknown }[],
    readonly summary: BackupSummary,
  ) {
    super(`the dump was stored, but ${failed.length} older dump(s) could not be deleted: ${failed.map(({ name }) => name).join(', ')}`);
    this.name = 'RotationFailed';
  }
}

const MIB = 1024 * 1024;

export async function backUpGraph(
  ports: { readonly dumper: GraphDumper; readonly store: DumpStore },
  settings: { readonly keep: number; readonly now: Date },
  context: { readonly log: Logger; readonly signal: AbortSignal },
): Promise<BackupSummary> {
  const { log, signal } = context;
  const name = dumpName(settings.now);
  log.info({ name }, 'dumping the knowledge graph');
  let logged = 0;
  const dump = await ports.store.upload(DUMP_AREA, name, ports.dumper.dump(signal), {
    signal,
    // A line every 256 MiB: a large graph takes a while, and the log shows it moving.
    onPart: ({ part, bytes }) => {
      if (bytes - logged < 256 * MIB) return;
      logged = bytes;
      log.info({ name, part, mib: Math.round(bytes / MIB) }, 'dump uploading');
    },
  });
  log.info({ key: dump.key, bytes: dump.bytes, parts: dump.parts }, 'dump stored');
  const names: string[] = [];
  for await (const id of ports.store.list(DUMP_AREA, { signal })) names.push(id);
  // Never the dump just stored, even where a clock set wrong has named older dumps as newer.
  const expired = expiredDumps(names, settings.keep).filter((old) => old !== name);
  const deleted: string[] = [];
  const failed: { name: string; error: unknown }[] = [];
  for (const old of expired) {
    try {
      await ports.store.delete(DUMP_AREA, old, { signal });
      deleted.push(old);
    } catch (error) {
      signal.throwIfAborted();
      log.error({ err: error, name: old }, 'could not delete an old dump');
      failed.push({ name: old, error });
    }
  }
  const summary = { dump, deleted };
  if (failed.length > 0) throw new RotationFailed(failed, summary);
  return summary;
}
