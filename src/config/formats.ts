/**
 * The string formats the schema names beyond JSON Schema's own (`format: 'label-key'`). Each says why
 * a value breaks it: the validator accepts what has no reason, and a problem quotes the reason.
 */
import { labelValueProblem, qualifiedNameProblem } from '../validate/admission/names.js';
import { CRON_ALLOWED, cronScheduleProblem } from './cron.js';

export interface StringFormat {
  /** What a value of the format is, as in `"x" is not a valid label key`. */
  readonly noun: string;
  /** Why `value` is not of the format; undefined when it is. */
  readonly problem: (value: string) => string | undefined;
  readonly allowed: string;
}

/** The API server's rules read "must be ...", "is 70 characters long ...": said of the value. */
const saidOfIt = (rule: (value: string) => string | undefined) => (value: string) => {
  const reason = rule(value);
  return reason === undefined ? undefined : `it ${reason}`;
};

export const FORMATS = {
  'cron-schedule': { noun: 'schedule', problem: cronScheduleProblem, allowed: CRON_ALLOWED },
  // Keys and values of maps put on objects as labels, so that the API server does not reject them.
  'label-key': {
    noun: 'label key',
    problem: saidOfIt(qualifiedNameProblem),
    allowed:
      'an optional DNS subdomain prefix of at most 253 characters and "/", then a name of at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  },
  'label-value': {
    noun: 'label value',
    problem: saidOfIt(labelValueProblem),
    allowed: 'empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  },
} as const satisfies Record<string, StringFormat>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(name: unknown): name is FormatName {
  return typeof name === 'string' && Object.hasOwn(FORMATS, name);
}
