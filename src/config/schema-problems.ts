/**
 * Turns ajv's errors into problems a person can act on: where (file:line:column and key path), the
 * value received, and what is allowed, with a "did you mean" for near-miss keys and values.
 */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Problem } from '../errors.js';
import { FORMATS, isFormatName } from './formats.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

interface SchemaNode {
  description?: string;
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, SchemaNode>;
  propertyNames?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: unknown[];
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
        // A key's format (propertyNames) is reported at the key.
        if (error.propertyName !== undefined) problems.push(source.problemFor([...path, error.propertyName], formatMessage(error), 'key'));
        else problems.push(source.problemFor(path, formatMessage(error)));
        break;
      case 'propertyNames':
        // Says only that a key failed; the key's own error above says how.
        break;
      case 'type':
        // An enum's own error lists the allowed values, which says more.
        if (parent.enum === undefined) problems.push(source.problemFor(path, valueMessage(error, parent)));
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
  // By schema path: a list of a hundred thousand failed unions has one path, not a hundred thousand.
  const unions = [...new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => `${error.schemaPath}/`))];
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
    return `invalid key ${show(key)}: expected ${rule}`;
  }
  const suggestion = suggest(key, known);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return `unknown key ${show(key)}${hint}; allowed keys: ${known.join(', ')}`;
}

function formatMessage(error: ErrorObject): string {
  const value: unknown = error.data;
  const name: unknown = error.params.format;
  if (isFormatName(name) && typeof value === 'string') {
    const format = FORMATS[name];
    return `${show(value)} is not a valid ${format.noun}: ${format.problem(value) ?? 'invalid'}; allowed: ${format.allowed}`;
  }
  return `${show(value)} must be a valid ${String(name)}`;
}

function valueMessage(error: ErrorObject, parent: SchemaNode): string {
  const got = `got ${show(error.data)}`;
  const described = parent.description === undefined ? '' : ` (${parent.description})`;
  switch (error.keyword) {
    case 'anyOf': {
      const choices = (parent.anyOf ?? []).filter((branch) => 'const' in branch).map((branch) => String(branch.const));
      if (choices.length > 0 && choices.length === parent.anyOf?.length) return choiceMessage(error.data, choices);
      return `${got}; expected ${parent.description ?? 'one of the allowed forms'}`;
    }
    case 'enum':
      return choiceMessage(error.data, (error.params.allowedValues as unknown[]).map(String));
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

/** A value that is not one of a few allowed ones, with the one probably meant. */
function choiceMessage(value: unknown, choices: readonly string[]): string {
  const suggestion = typeof value === 'string' ? suggest(value, choices) : undefined;
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return `got ${show(value)}${hint}; allowed: ${choices.join(', ')}`;
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

/** The received value as YAML would read it, short enough for one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'a mapping with keys (none)';
    return shorten(
      keys.length <= 10
        ? `a mapping with keys ${keys.join(', ')}`
        : `a mapping with ${keys.length.toLocaleString('en')} keys: ${keys.slice(0, 10).join(', ')}, ...`,
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : `${value > 0 ? '' : '-'}.inf (infinity)`;
  // A YAML 1.1 merge tag (!!merge) makes a symbol; the parser reports it, but show stays total.
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return shorten(String(value));
  return shorten(JSON.stringify(value));
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
