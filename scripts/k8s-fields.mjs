#!/usr/bin/env node
// Derives src/validate/k8s-fields.ts from @kubernetes/client-node's models: for every built-in kind
// (a model with apiVersion and kind), the tree of fields Kubernetes knows, equal subtrees stored
// once, in the format of crd-fields.ts. validate reads it instead of loading client-node's 700
// models on every run.
//   node scripts/k8s-fields.mjs [out-file]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FieldTreeBuilder } from './field-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'src', 'validate', 'k8s-fields.ts'));
const models = await import('@kubernetes/client-node');
const isModel = (value) => typeof value === 'function' && typeof value.getAttributeTypeMap === 'function';

const tree = new FieldTreeBuilder();
const byType = new Map();

/** A reference for a client-node type string: Array<T>, { [key: string]: T; }, a model, or a leaf. */
function ref(type) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array !== null) return ['array', ref(array[1])];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map !== null) return ['map', ref(map[1])];
  if (!isModel(models[type])) return 0;
  if (byType.has(type)) return byType.get(type);
  byType.set(type, 1); // a model that contains itself (JSONSchemaProps) is free-form below its first level
  const node = tree.object(Object.fromEntries(models[type].getAttributeTypeMap().map((attribute) => [attribute.baseName, ref(attribute.type)])));
  byType.set(type, node);
  return node;
}

const kinds = {};
for (const name of Object.keys(models).sort()) {
  if (!isModel(models[name])) continue;
  const attributes = models[name].getAttributeTypeMap().map((attribute) => attribute.baseName);
  if (attributes.includes('apiVersion') && attributes.includes('kind') && attributes.includes('metadata') && !name.endsWith('List')) kinds[name] = ref(name);
}
const summary = tree.write(out, 'K8S_FIELDS', "scripts/k8s-fields.mjs from @kubernetes/client-node's models", kinds);
console.log(`${summary} → ${path.relative(root, out)}`);
