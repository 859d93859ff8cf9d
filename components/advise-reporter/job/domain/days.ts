/**
 * The days a run reports on, by the reference's rules (thoth-station/reporter@v0.11.3 producer.py
 * #L144-L209): `[start, end)` in UTC days, both defaulting to today; an end after tomorrow is today;
 * a start of tomorrow is today; equal dates mean yesterday when they are today, else that one day.
 * An end before the start is refused here (the reference logged it and exited 0, pushing nothing).
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

const DAY_MS = 86_400_000;

/** The day `text` names, or undefined for a text that is no calendar day (2023-02-30). */
export function parseDay(text: string): Day | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : text;
}

export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day of an instant. */
export function dayOf(instant: Date): Day {
  return instant.toISOString().slice(0, 10);
}

/** `yymmdd`, as document ids carry their day (thoth-common's generate_id: `<prefix>-%y%m%d%H%M%S-<random>`). */
export function idDay(day: Day): string {
  return day.slice(2).replaceAll('-', '');
}

export class DaysOutOfOrder extends Error {
  constructor(
    readonly start: Day,
    readonly end: Day,
  ) {
    super(`the end date ${end} is before the start date ${start}; the end is the day after the last one reported`);
    this.name = 'DaysOutOfOrder';
  }
}

/** The days reported on, oldest first; `start` and `end` as set (undefined: today). */
export function reportedDays(start: Day | undefined, end: Day | undefined, today: Day): Day[] {
  const tomorrow = addDays(today, 1);
  let first = start ?? today;
  let last = end ?? today;
  if (first === tomorrow) first = today;
  if (last > tomorrow) last = today;
  if (last < first) throw new DaysOutOfOrder(first, last);
  if (first === last) {
    if (first === today) first = addDays(today, -1);
    else last = addDays(first, 1);
  }
  const days: Day[] = [];
  for (let day = first; day < last; day = addDays(day, 1)) days.push(day);
  return days;
}
