/**
 * What every program's logs read, declared apart from the logger (./log.ts) so that the contracts
 * that name these variables load no logger. Levels are the reference's Python names or pino's.
 */
import type { Level } from 'pino';
import { oneOf, strictFlag } from '../contracts/model.js';

export const PINO_LEVEL = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  WARN: 'warn',
  ERROR: 'error',
  CRITICAL: 'fatal',
  FATAL: 'fatal',
} as const satisfies Record<string, Level>;
const LEVELS = Object.keys(PINO_LEVEL) as (keyof typeof PINO_LEVEL)[];
const SOURCE = 'src/runtime/log-settings.ts';

/** What every program's logs read: the line format, and the level from the program's own variable. */
export const LOGGING_SETTINGS = {
  THOTH_LOGGING_NO_JSON: { form: strictFlag(), default: '0', description: 'readable lines instead of JSON', source: SOURCE },
} as const;

/** The declaration of a program's log-level variable. */
export const logLevelSetting = () => ({ form: oneOf(LEVELS, { caseInsensitive: true }), default: 'INFO', description: 'log level', source: SOURCE }) as const;
