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
