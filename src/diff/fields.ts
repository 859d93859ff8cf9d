/**
 * Field-level differences between two versions of an object, with paths a reviewer can read:
 * list items that carry a `name` (containers, env vars, parameters, ports; an alert rule's `alert`)
 * are addressed by it (`spec.containers[name=main].env[name=LOG].value`), so an insertion does not
 * show as every later item changed; an embedded JSON document (a dashboard) is compared inside.
 */
export interface FieldChange {
  readonly path: string;
  /** The path's parts: keys (which may hold dots), `[name=…]`, `[3]`, `<json>`. */
  readonly segments: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** What names a list item: containers, env vars and parameters have a name, alert rules an alert. */
const itemKey = (item: Json): string | undefined => {
  if (!isObject(item)) return undefined;
  const key = item.name ?? item.alert ?? item.record;
  return typeof key === 'string' ? key : undefined;
};
const named = (items: readonly Json[]) =>
  items.length > 0 && items.every((item) => itemKey(item) !== undefined) && new Set(items.map(itemKey)).size === items.length;

/** An embedded JSON document (a Grafana dashboard's spec.json), parsed to be compared field by field. */
function embeddedJson(value: Json): Json {
  if (typeof value !== 'string' || !value.startsWith('{')) return undefined;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
}

/** The readable path of segments: keys joined with dots, list items and embedded JSON appended. */
export function pathOf(segments: readonly string[]): string {
  return segments.reduce((path, segment) => (segment.startsWith('[') || segment === '<json>' || path === '' ? `${path}${segment}` : `${path}.${segment}`), '');
}

export function fieldChanges(before: Json, after: Json, segments: readonly string[] = []): FieldChange[] {
  const [beforeJson, afterJson] = [embeddedJson(before), embeddedJson(after)];
  if (isObject(beforeJson) && isObject(afterJson) && before !== after) return fieldChanges(beforeJson, afterJson, [...segments, '<json>']);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], [...segments, key]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // An empty list on one side takes the other's shape (env vars added to a container that had none).
    if ((named(before) || before.length === 0) && (named(after) || after.length === 0) && before.length + after.length > 0) {
      const byName = (items: readonly Json[]) => new Map(items.map((item) => [itemKey(item)!, item]));
      const [old, now] = [byName(before), byName(after)];
      const names = [...new Set([...old.keys(), ...now.keys()])];
      return names.flatMap((name) => fieldChanges(old.get(name), now.get(name), [...segments, `[name=${name}]`]));
    }
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => fieldChanges(before[index], after[index], [...segments, `[${index}]`])).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: pathOf(segments), segments, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

/** How many leaves a value has (inside embedded JSON too): the measure of how much of an object a set of changes touches. */
export function leafCount(value: Json): number {
  const json = embeddedJson(value);
  if (isObject(json)) return leafCount(json);
  if (isObject(value)) return Object.values(value).reduce<number>((sum, item) => sum + leafCount(item), 0);
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + leafCount(item), 0);
  return 1;
}
