/**
 * The YAML of generated/'s files: byte for byte what js-yaml's dump writes with DUMP_OPTIONS, with
 * the keys in the files' order, several times faster. js-yaml's dump was a quarter of synth's time:
 * for every scalar it tests each character and every implicit type (is it a bool in YAML 1.1? a
 * timestamp?) and it cannot skip a key order copied beforehand. Here the block structure is written
 * directly (the same lines, indents and dashes as js-yaml's writeBlockMapping and
 * writeBlockSequence), and each distinct scalar is handed to js-yaml once, so that how a string is
 * quoted stays js-yaml's decision: objects repeat the same keys and values thousands of times.
 * Anything outside the JSON data cdk8s renders (a Date, a bigint, a mapping key of over 1,024
 * characters, which js-yaml writes as an explicit `? ` pair) is written by js-yaml whole.
 */
import { dump } from 'js-yaml';

/** noRefs: equal sub-objects written out, not as anchors; compatibility mode (the default) quotes YAML 1.1's booleans. */
export const DUMP_OPTIONS = { lineWidth: -1, noRefs: true, quotingType: '"' } as const;

const INDENT = 2;
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];
const LEADING_METADATA_KEYS = ['name', 'namespace'];

/** A value this writer leaves to js-yaml. */
class NotPlainData extends Error {}

/** A Kubernetes object as YAML: apiVersion, kind and metadata first (name, namespace first in it), every other key in code-unit order. */
export function objectYaml(object: Readonly<Record<string, unknown>>): string {
  try {
    return `${node(object, 0, true, LEADING_KEYS)}\n`;
  } catch (error) {
    if (error instanceof NotPlainData) return referenceYaml(object);
    throw error;
  }
}

/** The same text from js-yaml alone: what objectYaml falls back to, and what the tests hold it to. */
export function referenceYaml(object: Readonly<Record<string, unknown>>): string {
  return dump(ordered(object, LEADING_KEYS), DUMP_OPTIONS);
}

/** Keys in the files' order: `leading` first (those present), then the rest in code-unit order, which no locale changes. */
function keysOf(record: Readonly<Record<string, unknown>>, leading: readonly string[]): string[] {
  const keys = Object.keys(record).sort();
  if (leading.length === 0) return keys;
  const first = leading.filter((key) => key in record);
  return [...first, ...keys.filter((key) => !first.includes(key))];
}

function ordered(value: unknown, leading: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of keysOf(record, leading)) result[key] = ordered(record[key], key === 'metadata' && leading === LEADING_KEYS ? LEADING_METADATA_KEYS : []);
  return result;
}

const newLine = (level: number) => `\n${' '.repeat(INDENT * level)}`;

/** A node at `level`, as writeNode writes it in block context; undefined for a value js-yaml skips. */
function node(value: unknown, level: number, compact: boolean, leading: readonly string[] = []): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return stringValue(value, level);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : sequence(value, level, compact);
  if (value !== null && typeof value === 'object') {
    // A Date, a Buffer, a Map: js-yaml has a type for some and refuses the others.
    if (Object.prototype.toString.call(value) !== '[object Object]') throw new NotPlainData();
    return Object.keys(value).length === 0 ? '{}' : mapping(value as Record<string, unknown>, level, compact, leading);
  }
  return otherScalar(value);
}

function mapping(record: Readonly<Record<string, unknown>>, level: number, compact: boolean, leading: readonly string[]): string {
  let result = '';
  for (const key of keysOf(record, leading)) {
    const written = node(record[key], level + 1, false, key === 'metadata' && leading === LEADING_KEYS ? LEADING_METADATA_KEYS : []);
    if (written === undefined) continue;
    if (!compact || result !== '') result += newLine(level);
    result += keyScalar(key);
    result += written.charCodeAt(0) === 10 ? ':' : ': ';
    result += written;
  }
  return result === '' ? '{}' : result;
}

function sequence(items: readonly unknown[], level: number, compact: boolean): string {
  let result = '';
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    // js-yaml writes undefined (or a hole) in a sequence as null.
    const written = node(item === undefined ? null : item, level + 1, true)!;
    if (!compact || result !== '') result += newLine(level);
    // An item is compact, so never starts on a line of its own (js-yaml writes "-" then, for tagged nodes).
    result += `- ${written}`;
  }
  return result;
}

/** How js-yaml wrote each distinct scalar; emptied when full, so that a hundred environments' names do not pile up. */
class Written extends Map<string, string> {
  remember(scalar: string, written: string): string {
    if (this.size >= 20_000) this.clear();
    this.set(scalar, written);
    return written;
  }
}

const keys = new Written();
const strings = new Written();
const others = new Written();

/** A mapping key as js-yaml writes it (keys are always on one line). */
function keyScalar(key: string): string {
  const known = keys.get(key);
  if (known !== undefined) return known;
  const probe = dump({ [key]: null }, DUMP_OPTIONS);
  if (probe.startsWith('? ')) throw new NotPlainData();
  return keys.remember(key, probe.slice(0, -': null\n'.length));
}

/**
 * A string value as js-yaml writes it at `level`. Only a block scalar (`|`, a string of several
 * lines) depends on the level: its lines are indented by 2 × max(1, level), the empty ones not at
 * all; js-yaml's choice is made once, at level 1, and re-indented here.
 */
function stringValue(value: string, level: number): string {
  const written = strings.get(value) ?? strings.remember(value, dump({ k: value }, DUMP_OPTIONS).slice('k: '.length, -1));
  if (level <= 1 || (written.charCodeAt(0) !== 124 && written.charCodeAt(0) !== 62)) return written;
  const pad = ' '.repeat(INDENT * (level - 1));
  return written
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** A number, a boolean or null as js-yaml represents it (-0, NaN and the infinities included). */
function otherScalar(value: unknown): string {
  if (typeof value !== 'number' && typeof value !== 'boolean' && value !== null) throw new NotPlainData();
  const key = Object.is(value, -0) ? '-0' : `${typeof value}:${String(value)}`;
  return others.get(key) ?? others.remember(key, dump(value, DUMP_OPTIONS).slice(0, -1));
}
