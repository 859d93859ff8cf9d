/** Durations on the command line: `90s`, `10m`, `1h30m`, or a bare number of seconds. */
import { InvalidArgumentError } from 'commander';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** A commander argument parser that reads a duration into milliseconds. */
export function parseDuration(option: string): (value: string) => number {
  return (value) => {
    const trimmed = value.trim();
    if (/^[0-9]+$/.test(trimmed) && Number(trimmed) > 0) return Number(trimmed) * 1_000;
    if (/^([0-9]+[smh])+$/.test(trimmed)) {
      const ms = [...trimmed.matchAll(/([0-9]+)([smh])/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit!]!, 0);
      if (ms > 0) return ms;
    }
    throw new InvalidArgumentError(`${option} "${value}" is not a duration: use seconds, minutes or hours such as 90s, 10m or 1h30m`);
  };
}
