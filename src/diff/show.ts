/**
 * How one object's change reads, in a terminal and in a pull-request comment alike: a heading, each
 * update the API server would refuse with what to do instead, every field change (a long value as a
 * word diff of what changed inside it), and the content of an added or removed object as YAML.
 */
import { dump } from 'js-yaml';
import { objectTitle } from '../synth/manifest.js';
import type { ObjectChange } from './compare.js';
import type { FieldChange } from './fields.js';
import { wordDiff, type Marks } from './inline.js';
import { REDACTED } from './redact.js';

/** The first character of an object's heading; `!` starts a refused update's lines. */
const SIGN: Record<ObjectChange['change'], string> = { added: '+', removed: '-', changed: '~', moved: '>', renamed: '>' };
/** A longer value shows as a word diff when changed, cut (or as YAML, for a list or a map) when added or removed. */
const MAX_VALUE = 160;

export interface ObjectReport {
  readonly heading: string;
  /** Two lines per refused update: what the API server refuses, and how to apply the change all the same. */
  readonly refused: readonly string[];
  /** A line per field change; a list or map added or removed whole continues on lines indented under it. */
  readonly fields: readonly string[];
  /** An added or removed object, as YAML. */
  readonly content: readonly string[];
}

export function objectReport(change: ObjectChange, marks: Marks): ObjectReport {
  let heading = `${SIGN[change.change]} ${objectTitle(change.object)}`;
  if (change.change === 'moved') heading += ` (moved from application ${change.from!.application})`;
  if (change.change === 'renamed') heading += ` (renamed from ${change.from!.name})`;
  if (change.change === 'added' || change.change === 'removed') heading += ` (${change.change})`;
  return {
    heading,
    refused: (change.refused ?? []).flatMap((refused) => [
      `! the API server refuses this update of ${refused.fields.join(', ')}: ${refused.why}`,
      `  to apply it: ${refused.procedure}`,
    ]),
    fields: change.fields.flatMap((field) => fieldLines(field, marks)),
    content: change.content === undefined ? [] : yamlLines(change.content),
  };
}

/**
 * A value as the diff writes it: JSON on one line, but a redacted one as the word (redacted), and
 * quotes inside a string left as they are (PromQL's `{job="user-api"}` reads better than escaped).
 */
function text(value: unknown): string {
  if (value === REDACTED) return REDACTED;
  const json = JSON.stringify(value);
  return typeof value === 'string' ? json.replace(/\\"/g, '"') : json;
}

function fieldLines(field: FieldChange, marks: Marks): string[] {
  if (!('before' in field)) {
    const after = whole(field.after);
    return typeof after === 'string' ? [`${field.path}: added ${after}`] : [`${field.path}: added:`, ...after];
  }
  if (!('after' in field)) {
    const before = whole(field.before);
    return typeof before === 'string' ? [`${field.path}: removed (was ${before})`] : [`${field.path}: removed, was:`, ...before];
  }
  const [before, after] = [text(field.before), text(field.after)];
  if (before.length <= MAX_VALUE && after.length <= MAX_VALUE) return [`${field.path}: ${before} → ${after}`];
  return [`${field.path}: ${wordDiff(before, after, marks)}`];
}

/** A value added or removed whole: short, on the line; a long list or map as YAML lines to indent under it; a long scalar cut, saying how long it is. */
function whole(value: unknown): string | string[] {
  const shown = text(value);
  if (shown.length <= MAX_VALUE) return shown;
  if (typeof value === 'object' && value !== null) return yamlLines(value).map((line) => `  ${line}`);
  return clip(shown, MAX_VALUE);
}

/** YAML as generated/ writes it. */
function yamlLines(value: unknown): string[] {
  return dump(value, { lineWidth: -1, noRefs: true, quotingType: '"' }).trimEnd().split('\n');
}

/** At most `max` lines, the last saying how many were left out. */
export function firstLines(lines: readonly string[], max: number): string[] {
  return lines.length <= max ? [...lines] : [...lines.slice(0, max - 1), `… ${lines.length - max + 1} more lines`];
}

/** A line cut to `max` characters, saying how long it was. */
export function clip(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max - 1)}… (${line.length} characters)`;
}
