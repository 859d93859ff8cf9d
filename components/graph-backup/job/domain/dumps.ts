/**
 * The dumps of the knowledge graph in the document store, named as the reference names them
 * (thoth-station/storages@v0.74.0 thoth/storages/graph_backup.py): `pg_dump-<UTC %y-%m-%d-%H-%M-%S>`
 * in the area `graph-backup`, where graph-metrics-exporter looks for the newest. Which to keep is
 * decided here, on names alone.
 */

/** The document area (the reference's result type) of the dumps. */
export const DUMP_AREA = 'graph-backup';

const DUMP_PREFIX = 'pg_dump-';
const DUMP_NAME = /^pg_dump-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/;

const two = (value: number) => String(value).padStart(2, '0');

/** The name of a dump taken at `at`, in UTC, to the second. */
export function dumpName(at: Date): string {
  const parts = [at.getUTCFullYear() % 100, at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()];
  return DUMP_PREFIX + parts.map(two).join('-');
}

/**
 * When the dump of that name was taken, or undefined for a name that is not a dump's (anything else
 * in the area, which is never deleted). Two-digit years as Python's strptime reads %y: 69–99 are
 * 1969–1999, 00–68 are 2000–2068.
 */
export function dumpTakenAt(name: string): Date | undefined {
  const match = DUMP_NAME.exec(name);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(year >= 69 ? 1900 + year : 2000 + year, month - 1, day, hour, minute, second));
  // 99-02-31 is no date: Date.UTC would roll it over into March.
  return dumpName(at) === name ? at : undefined;
}

/**
 * The dumps to delete so that the newest `keep` remain: the reference's rotation, which meant to do
 * this but deleted `<prefix>g` (the name's second character) and so never removed a dump.
 */
export function expiredDumps(names: readonly string[], keep: number): string[] {
  const dumps = names.flatMap((name) => {
    const at = dumpTakenAt(name);
    return at === undefined ? [] : [{ name, at: at.getTime() }];
  });
  // Newest first; names break ties, so that the choice does not depend on the listing's order.
  dumps.sort((a, b) => b.at - a.at || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return dumps.slice(keep).map((dump) => dump.name);
}
