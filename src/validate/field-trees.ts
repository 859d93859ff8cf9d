/**
 * The fields an object may have, as trees derived ahead of time from @kubernetes/client-node's
 * models (k8s-fields.ts, scripts/k8s-fields.mjs) and from the vendored upstream CRDs
 * (crd-fields.ts, scripts/crd-fields.mjs). Equal subtrees are stored once, so a few KB describe
 * every kind, and nothing has to be loaded at run time.
 */
import { closest } from 'fastest-levenshtein';

/** 0: any value; 1: any object; n ≥ 2: object node n - 2; a list of, or a map to, a reference. */
export type FieldRef = number | ['array', FieldRef] | ['map', FieldRef];

export interface FieldTrees {
  /** The kind's key (`<group>/<version>/<Kind>`, or a client-node model name) → its root. */
  readonly kinds: Readonly<Record<string, FieldRef>>;
  readonly nodes: readonly Readonly<Record<string, FieldRef>>[];
}

/** The fields of `value` its tree does not have, as messages with a path and a did-you-mean. */
export function unknownFields(value: unknown, root: FieldRef, trees: FieldTrees, allowedBy: string): string[] {
  const problems: string[] = [];
  walk(value, root, '', trees, allowedBy, problems);
  return problems;
}

function walk(value: unknown, ref: FieldRef, path: string, trees: FieldTrees, allowedBy: string, problems: string[]): void {
  if (value === null || value === undefined || ref === 0 || ref === 1) return;
  if (Array.isArray(ref)) {
    const [shape, inner] = ref;
    if (shape === 'array' && Array.isArray(value))
      for (const [index, item] of value.entries()) walk(item, inner, `${path}[${index}]`, trees, allowedBy, problems);
    if (shape === 'map' && typeof value === 'object' && !Array.isArray(value))
      for (const [key, item] of Object.entries(value)) walk(item, inner, `${path}.${key}`, trees, allowedBy, problems);
    return;
  }
  const node = trees.nodes[ref - 2];
  if (node === undefined || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const child = node[key];
    if (child === undefined) {
      const known = Object.keys(node);
      problems.push(`${at}: unknown field; did you mean ${closest(key, known)}? (${allowedBy} allows ${known.join(', ')})`);
    } else {
      walk(item, child, at, trees, allowedBy, problems);
    }
  }
}
