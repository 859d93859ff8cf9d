/**
 * The deploy progress on a terminal: the Applications' table redrawn in place on every change, and
 * once a second so the elapsed times run.
 */
import { stripVTControlCharacters } from 'node:util';
import { formatTable } from '../deploy/report.js';
import type { Row } from '../deploy/waves.js';
import type { Io } from './io.js';

const REDRAW_MS = 1_000;

export class LiveTable {
  private rows: readonly Row[] = [];
  private takenAt = Date.now();
  private drawnLines = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: Io,
    private readonly expected: string,
  ) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  update(rows: readonly Row[]): void {
    this.rows = rows;
    this.takenAt = Date.now();
    this.draw();
  }

  /** Stops redrawing; the last table stays on the screen. */
  stop(): void {
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    if (this.rows.length === 0) return;
    const since = Date.now() - this.takenAt;
    // Rows still waited for have waited a little longer than when they were read.
    const rows = this.rows.map((row) => (row.phase === 'done' || row.elapsedMs === 0 ? row : { ...row, elapsedMs: row.elapsedMs + since }));
    const table = formatTable(rows, this.expected, this.io.color === true);
    // Up to the first line of the previous table, and clear from there down.
    const rewind = this.drawnLines === 0 ? '' : `\u001b[${this.drawnLines}A\u001b[0J`;
    this.io.out(`${rewind}${table}\n`);
    // A line wider than the terminal takes several rows, all of which the next redraw must go back over.
    const width = this.io.columns ?? Number.POSITIVE_INFINITY;
    this.drawnLines = table.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(stripVTControlCharacters(line).length / width)), 0);
  }
}
