import { CronExpressionParser } from 'cron-parser';

/** The macros a Kubernetes CronJob schedule accepts besides five fields. */
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

const FIELDS = [
  { name: 'minute', max: 59 },
  { name: 'hour', max: 23 },
  { name: 'day of month', max: 31 },
  { name: 'month', max: 12 },
  { name: 'day of week', max: 7 },
] as const;

const NAMES = new Set(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC', 'SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']);

export const CRON_ALLOWED = `five fields "minute hour day-of-month month day-of-week" (e.g. "0 */6 * * *") or one of ${MACROS.join(', ')}`;

/**
 * Checks a schedule as a Kubernetes CronJob would read it. cron-parser checks each field's values;
 * the field count and step sizes are checked here because cron-parser also accepts a seconds field,
 * an empty string and steps larger than the field ("*\/61").
 * @returns why the schedule is invalid, or undefined when it is valid
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed !== schedule) return 'it has spaces around it; remove them';
  if (trimmed.startsWith('@')) {
    return MACROS.includes(trimmed) ? undefined : `unknown macro ${trimmed}`;
  }
  const fields = trimmed.split(/\s+/).filter((field) => field !== '');
  if (fields.length !== 5) {
    return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, a Kubernetes schedule has 5`;
  }
  for (const [index, field] of fields.entries()) {
    const spec = FIELDS[index]!;
    // Kubernetes' parser knows no Quartz extensions (L, W, #, ?, H), which cron-parser accepts.
    const names = field.match(/[a-zA-Z]+/g) ?? [];
    if (/[^0-9a-zA-Z*,\-/]/.test(field) || names.some((name) => !NAMES.has(name.toUpperCase()))) {
      return `the ${spec.name} field "${field}" is not supported by Kubernetes: use numbers, *, ",", "-", "/" and month or day names`;
    }
    for (const step of field.matchAll(/\/(\d+)/g)) {
      const size = Number(step[1]);
      if (size === 0 || size > spec.max) {
        return `step /${size} in the ${spec.name} field is outside 1-${spec.max}`;
      }
    }
  }
  try {
    CronExpressionParser.parse(trimmed);
  } catch (error) {
    return (error as Error).message.replace(/^Constraint error, /, '');
  }
  return undefined;
}
