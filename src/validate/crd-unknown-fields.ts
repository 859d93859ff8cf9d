/**
 * Fields a custom resource's CRD does not know, from the field trees of the vendored upstream CRDs
 * (crd-fields.ts, made by scripts/crd-fields.mjs): the @kubernetes-models/* validators, like
 * kubernetes-models, let unknown fields through, and so does the API server when it prunes them.
 */
import { closest } from 'fastest-levenshtein';
import type { Manifest } from '../synth/manifest.js';
import { CRD_FIELDS } from './crd-fields.js';

/** 0: any value; 1: any object; n ≥ 2: object node n - 2; a list of, or a map to, a reference. */
export type FieldRef = number | ['array', FieldRef] | ['map', FieldRef];

export interface CrdFields {
  /** `<group>/<version>/<Kind>` → the root reference. */
  readonly kinds: Readonly<Record<string, FieldRef>>;
  readonly nodes: readonly Readonly<Record<string, FieldRef>>[];
}

/** Undefined when no vendored CRD describes the kind; else the unknown fields. */
export function crdUnknownFieldProblems(manifest: Manifest, fields: CrdFields = CRD_FIELDS): string[] | undefined {
  const root = fields.kinds[`${manifest.apiVersion}/${manifest.kind}`];
  if (root === undefined) return undefined;
  const problems: string[] = [];
  walk(manifest, root, '', fields, problems);
  return problems;
}

function walk(value: unknown, ref: FieldRef, path: string, fields: CrdFields, problems: string[]): void {
  if (value === null || value === undefined || ref === 0 || ref === 1) return;
  if (Array.isArray(ref)) {
    const [shape, inner] = ref;
    if (shape === 'array' && Array.isArray(value)) value.forEach((item, index) => walk(item, inner, `${path}[${index}]`, fields, problems));
    if (shape === 'map' && typeof value === 'object' && !Array.isArray(value)) for (const [key, item] of Object.entries(value)) walk(item, inner, `${path}.${key}`, fields, problems);
    return;
  }
  const node = fields.nodes[ref - 2];
  if (node === undefined || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const child = node[key];
    if (child === undefined) {
      const known = Object.keys(node);
      problems.push(`${at}: unknown field; did you mean ${closest(key, known)}? (the CRD allows ${known.join(', ')})`);
    } else {
      walk(item, child, at, fields, problems);
    }
  }
}
