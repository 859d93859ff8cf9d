/**
 * A job program's configuration is its environment: a bad value names the variable, the value and
 * what is allowed, and the program exits 1 with that one line instead of a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string | undefined,
    readonly allowed: string,
  ) {
    super(value === undefined ? `${variable} is not set; expected ${allowed}` : `${variable}=${JSON.stringify(value)} is invalid; expected ${allowed}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The value, or undefined when unset or empty (an empty ConfigMap key means "not configured"). */
export function optional(env: Environment, variable: string): string | undefined {
  const value = env[variable];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function required(env: Environment, variable: string, allowed: string): string {
  const value = optional(env, variable);
  if (value === undefined) throw new ConfigError(variable, env[variable], allowed);
  return value;
}

export function positiveInteger(env: Environment, variable: string, fallback: number): number {
  const value = optional(env, variable);
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError(variable, value, 'a whole number of at least 1');
  }
  return Number(value);
}

/** "1"/"true"/"yes"/"on" or "0"/"false"/"no"/"off", any case; anything else is a mistake, not false. */
export function flag(env: Environment, variable: string, fallback: boolean): boolean {
  const value = optional(env, variable)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(variable, env[variable], 'one of 1, true, yes, on, 0, false, no, off');
}

export function oneOf<T extends string>(env: Environment, variable: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, variable);
  if (value === undefined) return fallback;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw new ConfigError(variable, value, `one of ${allowed.join(', ')}`);
  return match;
}

/** A number above 0, decimals allowed (seconds such as 0.5). */
export function positiveNumber(env: Environment, variable: string, fallback: number): number {
  const value = optional(env, variable);
  if (value === undefined) return fallback;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || Number(value) <= 0) throw new ConfigError(variable, value, 'a number above 0');
  return Number(value);
}
