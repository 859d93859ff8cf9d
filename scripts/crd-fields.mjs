#!/usr/bin/env node
// Derives src/validate/crd-fields.ts from the vendored upstream CRDs (../shared/crds by default):
// for every served version of every CRD, the tree of fields its OpenAPI schema allows, with equal
// subtrees stored once (the full Argo CRDs repeat the container schema hundreds of times, so the
// 1–3 MB files come down to a few KB each). validate uses it to report fields a CRD does not know.
//   node scripts/crd-fields.mjs [crd-dir] [out-file]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { FieldTreeBuilder } from './field-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'crds'));
const out = path.resolve(process.argv[3] ?? path.join(root, 'src', 'validate', 'crd-fields.ts'));

// A field reference: 0 any value, 1 any object (x-kubernetes-preserve-unknown-fields), n ≥ 2 an
// object node, ["array", ref] a list of, ["map", ref] a map to.
const tree = new FieldTreeBuilder();

function ref(schema) {
  if (schema === undefined || schema === null) return 0;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return 1;
  if (schema.type === 'array') return ['array', ref(schema.items)];
  if (schema.properties !== undefined) return tree.object(Object.fromEntries(Object.entries(schema.properties).map(([name, inner]) => [name, ref(inner)])));
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false)
    return ['map', schema.additionalProperties === true ? 0 : ref(schema.additionalProperties)];
  return 0;
}

const kinds = {};
for (const file of readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()) {
  const crd = load(readFileSync(path.join(dir, file), 'utf8'));
  if (crd?.kind !== 'CustomResourceDefinition') continue;
  for (const version of crd.spec.versions) {
    if (!version.served || version.schema?.openAPIV3Schema === undefined) continue;
    kinds[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = ref(version.schema.openAPIV3Schema);
  }
}
const summary = tree.write(out, 'CRD_FIELDS', 'scripts/crd-fields.mjs from the vendored upstream CRDs (../shared/crds, see its README)', kinds);
console.log(`${summary} → ${path.relative(root, out)}`);
