/**
 * What graph-metrics-exporter reports of the knowledge graph, decided from figures the database and
 * the document store give: how bloated each table and index is, and whether the backups are fresh.
 * The metrics keep the reference's names and labels (thoth-station/graph-metrics-exporter v0.6.5,
 * thoth-jobs.md §7): the alerts and the dashboard read them.
 */
import { dumpTakenAt } from '../../../graph-backup/job/domain/dumps.js';

const MIB = 1024 * 1024;

export interface Bloat {
  /** The share of the relation that holds nothing live, in percent, rounded. */
  readonly pct: number;
  /** The same in MiB. */
  readonly mb: number;
}

export interface TableBloat extends Bloat {
  readonly table: string;
}

export interface IndexBloat extends Bloat {
  readonly table: string;
  readonly index: string;
}

/**
 * A table's bloat from pgstattuple_approx: its dead tuples and its free space, of its length. A table
 * of no pages has none.
 */
export function tableBloat(stats: { readonly tableBytes: number; readonly freeBytes: number; readonly deadBytes: number }): Bloat {
  if (stats.tableBytes <= 0) return { pct: 0, mb: 0 };
  const wasted = Math.min(stats.tableBytes, stats.freeBytes + stats.deadBytes);
  return { pct: Math.round((wasted * 100) / stats.tableBytes), mb: Math.round((wasted / MIB) * 100) / 100 };
}

/** How full PostgreSQL fills a B-tree's leaf pages when it builds the index (its default fillfactor). */
export const BTREE_LEAF_FILL = 90;

/**
 * A B-tree index's bloat from pgstatindex: the room its leaf pages have beyond what a fresh build
 * leaves (`fill` percent full), of its size. An index of no leaf pages (pgstatindex says NaN) has none.
 */
export function indexBloat(stats: { readonly indexBytes: number; readonly avgLeafDensity: number }, fill = BTREE_LEAF_FILL): Bloat {
  if (stats.indexBytes <= 0 || !Number.isFinite(stats.avgLeafDensity)) return { pct: 0, mb: 0 };
  const share = Math.max(0, 1 - stats.avgLeafDensity / fill);
  return { pct: Math.round(share * 100), mb: Math.round((stats.indexBytes * share) / MIB) };
}

export interface DumpFreshness {
  /** Dumps in the area (names that are not a dump's are not counted). */
  readonly count: number;
  /** More dumps than the rotation keeps: it did not run, or failed. */
  readonly notCleaned: boolean;
  /** The newest dump's day (UTC, YYYY-MM-DD); none when there is no dump. */
  readonly newestDay: string | undefined;
  /** No dump within `checkDays` days before today (UTC): also when there is none at all. */
  readonly missed: boolean;
}

/**
 * The backups' freshness from the names in graph-backup's area. The reference crashed on an empty
 * area and on any name that was not a dump's; neither is an error here.
 */
export function dumpFreshness(names: readonly string[], settings: { readonly keep: number; readonly checkDays: number; readonly today: Date }): DumpFreshness {
  const days = names.flatMap((name) => dumpTakenAt(name)?.toISOString().slice(0, 10) ?? []);
  // YYYY-MM-DD sorts as the days do.
  const newestDay = [...days].sort().at(-1);
  const today = Date.UTC(settings.today.getUTCFullYear(), settings.today.getUTCMonth(), settings.today.getUTCDate());
  const oldestFresh = new Date(today - settings.checkDays * 86_400_000).toISOString().slice(0, 10);
  return { count: days.length, notCleaned: days.length > settings.keep, newestDay, missed: newestDay === undefined || newestDay < oldestFresh };
}
