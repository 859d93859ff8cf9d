/**
 * How deploy and status show Applications: a table (Application, wave, sync, health, revision,
 * elapsed), the resources that hold one back, and a one-line-per-change log for CI, where a table
 * redrawn in place would be noise.
 */
import { shortRevision, type ApplicationState, type Blocker } from './applications.js';
import type { Row } from './waves.js';

const paint = (color: boolean, code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

export function formatDuration(ms: number): string {
  // Tenths under ten seconds, where they tell a quick wave from an instant one.
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

const waveLabel = (wave: number) => (Number.isFinite(wave) ? String(wave) : 'root');

/** A row as JSON reports give it: the root's wave, which finishes last, is "root". */
export function jsonRow<T extends { wave: number }>(row: T): Omit<T, 'wave'> & { wave: number | 'root' } {
  return { ...row, wave: Number.isFinite(row.wave) ? row.wave : 'root' };
}

function revisionCell(state: ApplicationState, expected: string): string {
  if (state.revision === undefined || state.revision === '') return '-';
  return state.atExpected ? shortRevision(state.revision) : `${shortRevision(state.revision)} (want ${shortRevision(expected)})`;
}

const HEALTH_COLOURS: Readonly<Record<string, number>> = { Healthy: 32, Synced: 32, Degraded: 31, Missing: 33, OutOfSync: 33, Progressing: 36, Suspended: 35 };

/** The table; `elapsed` is shown when rows carry it (deploy), not for status. */
export function formatTable(rows: readonly (ApplicationState & { elapsedMs?: number })[], expected: string, color = false): string {
  const withElapsed = rows.some((row) => row.elapsedMs !== undefined);
  const header = ['APPLICATION', 'WAVE', 'SYNC', 'HEALTH', 'REVISION', ...(withElapsed ? ['ELAPSED'] : [])];
  const cells = rows.map((row) => [
    row.name,
    waveLabel(row.wave),
    row.sync,
    row.health,
    revisionCell(row, expected),
    ...(withElapsed ? [row.phase === 'waiting' && row.elapsedMs === 0 ? '-' : formatDuration(row.elapsedMs ?? 0)] : []),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: readonly string[], colourOf: (value: string, column: number) => number | undefined) =>
    values
      .map((value, column) => {
        const padded = column === values.length - 1 ? value : value.padEnd(widths[column]!);
        const code = colourOf(value, column);
        return code === undefined ? padded : paint(color, code, padded);
      })
      .join('  ')
      .trimEnd();
  return [
    line(header, () => 1),
    ...cells.map((values) => line(values, (value, column) => (column === 2 || column === 3 ? HEALTH_COLOURS[value] : undefined))),
  ].join('\n');
}

/** The resources holding an Application back, indented under its name, with Argo CD's messages. */
export function formatBlockers(state: ApplicationState): string[] {
  const lines = [`${state.name}: ${state.reason ?? `${state.sync}, ${state.health}`}`];
  for (const blocker of state.blockers) lines.push(`  ${formatBlocker(blocker)}`);
  return lines;
}

function formatBlocker(blocker: Blocker): string {
  const status = [blocker.sync, blocker.health].filter((part) => part !== undefined && part !== '').join(', ');
  return `${blocker.resource}${status === '' ? '' : ` (${status})`}${blocker.message === undefined || blocker.message === '' ? '' : `: ${blocker.message}`}`;
}

/**
 * A log line for each Application whose sync, health, revision or phase changed since the last
 * call: what CI shows instead of the live table.
 */
export class ChangeLog {
  private readonly seen = new Map<string, string>();

  constructor(private readonly expected: string) {}

  lines(rows: readonly Row[]): string[] {
    const lines: string[] = [];
    for (const row of rows) {
      const key = `${row.sync} ${row.health} ${row.revision ?? ''} ${row.phase}`;
      if (this.seen.get(row.name) === key) continue;
      const first = !this.seen.has(row.name);
      this.seen.set(row.name, key);
      if (first && !row.exists) continue;
      const done = row.phase === 'done' ? ` done in ${formatDuration(row.elapsedMs)}` : '';
      lines.push(
        `${Number.isFinite(row.wave) ? `wave ${row.wave}` : 'root'}  ${row.name}  ${row.sync}  ${row.health}  ${revisionCell(row, this.expected)}${done}`,
      );
    }
    return lines;
  }
}
