/**
 * One report: for each day, the documents of each component counted from one listing of that day's
 * ids (`<id prefix>-<yymmdd>`: thoth-storages 0.74.0 listed `-<yymmdd>`, which no id starts with,
 * so the reference counted 0), the day's adviser documents read `concurrency` at a time, and its
 * tables stored (or logged). A document that cannot be read or a table that cannot be stored is
 * logged and counted, and the other days go on; a listing that fails ends the report.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import type { CallOptions, Retrieved } from '../../../../src/runtime/s3/documents.js';
import { type AdviserRun, readAdviserRun } from '../domain/adviser-run.js';
import {
  adviserTables,
  COMPONENTS,
  type ComponentCount,
  type DayGauges,
  dayGauges,
  type JustificationRow,
  justificationRows,
  requestsTable,
  type Table,
  tableCsv,
  tableId,
  tablesArea,
} from '../domain/daily-tables.js';
import { type Day, idDay } from '../domain/days.js';

export interface ResultDocuments {
  list(area: string, options?: CallOptions & { readonly startsWith?: string }): AsyncIterable<string>;
  get(area: string, id: string, options?: CallOptions): Promise<Retrieved>;
}

export interface TableStore {
  upload(area: string, id: string, body: AsyncIterable<Uint8Array>, options?: CallOptions): Promise<unknown>;
}

export interface Report {
  /** The last day's gauges (the reference pushes those), when a day was reported on. */
  readonly gauges: DayGauges | undefined;
  /** Every day's justification rows, for the advise-justification messages. */
  readonly justifications: readonly JustificationRow[];
  readonly unreadDocuments: number;
  readonly unstoredTables: number;
}

interface Context {
  readonly log: Logger;
  readonly signal: AbortSignal;
}

export async function reportDays(
  ports: { readonly documents: ResultDocuments; readonly tableStores: readonly TableStore[] },
  settings: { readonly days: readonly Day[]; readonly deploymentName: string; readonly concurrency: number },
  context: Context,
): Promise<Report> {
  let gauges: DayGauges | undefined;
  const justifications: JustificationRow[] = [];
  let unreadDocuments = 0;
  let unstoredTables = 0;
  for (const day of settings.days) {
    context.signal.throwIfAborted();
    const { counts, adviserIds } = await countDay(ports.documents, day, context);
    const read = await readRuns(ports.documents, adviserIds, settings.concurrency, context);
    unreadDocuments += read.unread;
    const tables = [requestsTable(day, counts), ...adviserTables(day, read.runs)];
    unstoredTables += await storeTables(ports.tableStores, tables, day, tablesArea(settings.deploymentName), context);
    justifications.push(...justificationRows(read.runs));
    gauges = dayGauges(counts, read.runs);
    context.log.info({ day, counts, adviserRuns: read.runs.length, skipped: read.skipped, unread: read.unread }, 'day reported');
  }
  return { gauges, justifications, unreadDocuments, unstoredTables };
}

/** One listing per component: `<id>.request` keys are requests, the others stored documents. */
async function countDay(documents: ResultDocuments, day: Day, { signal }: Context): Promise<{ counts: ComponentCount[]; adviserIds: string[] }> {
  const counts: ComponentCount[] = [];
  const adviserIds: string[] = [];
  for (const { component, area, idPrefix } of COMPONENTS) {
    let requests = 0;
    let stored = 0;
    for await (const id of documents.list(area, { startsWith: `${idPrefix}-${idDay(day)}`, signal })) {
      if (id.endsWith('.request')) requests++;
      else {
        stored++;
        if (component === 'adviser') adviserIds.push(id);
      }
    }
    counts.push({ component, requests, documents: stored });
  }
  return { counts, adviserIds };
}

/** The runs in listing order; a document that is no adviser result is skipped with a warning. */
async function readRuns(
  documents: ResultDocuments,
  ids: readonly string[],
  concurrency: number,
  { log, signal }: Context,
): Promise<{ runs: AdviserRun[]; skipped: number; unread: number }> {
  const runs: (AdviserRun | undefined)[] = new Array(ids.length);
  let skipped = 0;
  let unread = 0;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const id = ids[index]!;
      let retrieved: Retrieved;
      try {
        retrieved = await documents.get('adviser', id, { signal });
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof Error && error.name === 'DocumentNotJson') {
          skipped++;
          log.warn({ id, reason: error.message }, 'not an adviser result; skipped');
        } else {
          unread++;
          log.error({ err: error, id }, 'could not read an adviser document');
        }
        continue;
      }
      if (!retrieved.found) continue;
      const read = readAdviserRun(id, retrieved.document);
      if ('run' in read) runs[index] = read.run;
      else {
        skipped++;
        log.warn({ id, reason: read.skipped }, 'not an adviser result; skipped');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return { runs: runs.filter((run): run is AdviserRun => run !== undefined), skipped, unread };
}

/** Each table to each store (none: logged); returns how many could not be stored. */
async function storeTables(stores: readonly TableStore[], tables: readonly Table[], day: Day, area: string, { log, signal }: Context): Promise<number> {
  let failed = 0;
  for (const table of tables) {
    const csv = tableCsv(table);
    if (stores.length === 0) log.info({ table: table.name, day, columns: table.columns, csv }, 'table (not stored)');
    for (const store of stores) {
      try {
        await store.upload(area, tableId(table, day), oneChunk(csv), { signal });
      } catch (error) {
        signal.throwIfAborted();
        failed++;
        log.error({ err: error, table: table.name, day }, 'could not store a table');
      }
    }
  }
  return failed;
}

async function* oneChunk(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}
