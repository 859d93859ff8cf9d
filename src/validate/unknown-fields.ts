/**
 * Fields Kubernetes does not know. kubernetes-models checks types, formats and required fields but
 * lets an unknown field through, and the API server drops it without a word (a misspelt
 * `imagePullPolicy` is no policy at all). The field lists come from @kubernetes/client-node's
 * models, one per built-in kind and version, and for custom resources from their vendored CRDs.
 */
import { closest } from 'fastest-levenshtein';
import type { Manifest } from '../synth/manifest.js';
import { crdUnknownFieldProblems } from './crd-unknown-fields.js';

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}
interface Model {
  getAttributeTypeMap(): Attribute[];
}
type Models = Readonly<Record<string, unknown>>;

// Loaded on the first check only: the models cost about 0.4 s to load, which synth need not pay.
let models: Promise<Models> | undefined;
const loadModels = () => (models ??= import('@kubernetes/client-node') as Promise<Models>);

const isModel = (value: unknown): value is Model => typeof value === 'function' && typeof (value as Partial<Model>).getAttributeTypeMap === 'function';

/** `apps/v1` Deployment → V1Deployment, `autoscaling/v2` HorizontalPodAutoscaler → V2HorizontalPodAutoscaler. */
function modelName(apiVersion: string, kind: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

export async function unknownFieldProblems(manifest: Manifest): Promise<string[]> {
  const custom = crdUnknownFieldProblems(manifest);
  if (custom !== undefined) return custom;
  const all = await loadModels();
  const name = modelName(manifest.apiVersion, manifest.kind);
  if (!isModel(all[name])) return [];
  const problems: string[] = [];
  walk(manifest, name, '', all, problems);
  return problems;
}

function walk(value: unknown, type: string, path: string, all: Models, problems: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array !== null) {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, array[1]!, `${path}[${index}]`, all, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map !== null) {
    if (typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, map[1]!, `${path}.${key}`, all, problems);
    return;
  }
  const model = all[type];
  if (!isModel(model) || typeof value !== 'object' || Array.isArray(value)) return;
  const attributes = model.getAttributeTypeMap();
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const attribute = attributes.find((candidate) => candidate.baseName === key);
    if (attribute === undefined) {
      const known = attributes.map((candidate) => candidate.baseName);
      problems.push(`${at}: unknown field; did you mean ${closest(key, known)}? (the fields of ${type.replace(/^V\d\w*?(?=[A-Z])/, '')} are ${known.join(', ')})`);
    } else {
      walk(item, attribute.type, at, all, problems);
    }
  }
}
