/**
 * Turns ajv's errors into problems a person can act on: where (file:line:column and key path), the
 * value received, and what is allowed, with a "did you mean" for near-miss keys and values.
 */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Problem } from '../errors.js';
import { CRON_ALLOWED, cronScheduleProblem } from './cron.js';
import { CRON_SCHEDULE_FORMAT } from './schema.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

interface SchemaNode {
  description?: string;
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, SchemaNode>;
  propertyNames?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
  pattern?: string;
  type?: string;
}

export function schemaProblems(source: YamlSource, errors: readonly ErrorObject[]): Problem[] {
  const problems: Problem[] = [];
  for (const error of withoutUnionBranches(errors)) {
    const path = parseInstancePath(error.instancePath);
    const parent = (error.parentSchema ?? {}) as SchemaNode;
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(error.params.additionalProperty);
        problems.push(source.problemFor([...path, key], unknownKeyMessage(key, parent), 'key'));
        break;
      }
      case 'required': {
        const missing = String(error.params.missingProperty);
        const where = path.length === 0 ? 'the file' : 'this mapping';
        problems.push(source.problemFor(path, `missing required key "${missing}" in ${where}`, 'key'));
        break;
      }
      case 'format':
        problems.push(source.problemFor(path, formatMessage(error)));
        break;
      default:
        problems.push(source.problemFor(path, valueMessage(error, parent)));
    }
  }
  return problems;
}

/**
 * A failed union makes ajv report the union and every branch; the branches say nothing the union's
 * own message (its description or its allowed values) does not say better.
 */
function withoutUnionBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((error) => error.keyword === 'anyOf').map((error) => `${error.schemaPath.slice(0, -'/anyOf'.length)}/anyOf/`);
  return errors.filter((error) => !unions.some((prefix) => error.schemaPath.startsWith(prefix)));
}

function parseInstancePath(pointer: string): KeyPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function unknownKeyMessage(key: string, parent: SchemaNode): string {
  const known = Object.keys(parent.properties ?? {});
  if (known.length === 0) {
    const keySchema = Object.values(parent.patternProperties ?? {})[0] ?? parent.propertyNames;
    const rule = parent.description ?? (keySchema?.pattern !== undefined ? `keys matching ${keySchema.pattern}` : 'other keys');
    return `invalid key "${key}": expected ${rule}`;
  }
  const suggestion = suggest(key, known);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return `unknown key "${key}"${hint}; allowed keys: ${known.join(', ')}`;
}

function formatMessage(error: ErrorObject): string {
  const value = error.data;
  if (error.params.format === CRON_SCHEDULE_FORMAT && typeof value === 'string') {
    return `${show(value)} is not a valid schedule: ${cronScheduleProblem(value) ?? 'invalid'}; allowed: ${CRON_ALLOWED}`;
  }
  return `${show(value)} must be a valid ${String(error.params.format)}`;
}

function valueMessage(error: ErrorObject, parent: SchemaNode): string {
  const got = `got ${show(error.data)}`;
  const described = parent.description === undefined ? '' : ` (${parent.description})`;
  switch (error.keyword) {
    case 'anyOf': {
      const choices = (parent.anyOf ?? []).filter((branch) => 'const' in branch).map((branch) => String(branch.const));
      if (choices.length > 0 && choices.length === parent.anyOf?.length) {
        const suggestion = typeof error.data === 'string' ? suggest(error.data, choices) : undefined;
        const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
        return `${got}${hint}; allowed: ${choices.join(', ')}`;
      }
      return `${got}; expected ${parent.description ?? 'one of the allowed forms'}`;
    }
    case 'type': {
      const hint = error.params.type === 'boolean' && typeof error.data === 'string' ? ': write true or false, without quotes' : described;
      return `${got}; expected ${article(String(error.params.type))}${hint}`;
    }
    case 'pattern':
      return `${got}; expected ${parent.description ?? `text matching ${String(error.params.pattern)}`}`;
    case 'not':
      return `${got}; expected ${parent.description ?? 'another value'}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${got}; must be ${COMPARISONS[String(error.params.comparison)] ?? String(error.params.comparison)} ${String(error.params.limit)}${described}`;
    case 'minItems':
      return `${got}; expected at least ${String(error.params.limit)} item(s)${described}`;
    case 'minProperties':
      return `${got}; expected at least ${String(error.params.limit)} key(s)${described}`;
    case 'uniqueItems':
      return `${got}; items ${String(error.params.j)} and ${String(error.params.i)} are the same, each may appear once`;
    case 'minLength':
      return `${got}; must not be empty`;
    case 'maxLength':
      return `${got}; must be at most ${String(error.params.limit)} characters`;
    default:
      return `${got}; ${error.message ?? 'not allowed'}`;
  }
}

const COMPARISONS: Readonly<Record<string, string>> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };

/** The closest candidate, when it is close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The received value, short enough for one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return `a mapping with keys ${Object.keys(value).join(', ') || '(none)'}`;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
