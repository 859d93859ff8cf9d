/** The objects of a rendered tree, by identity: environment, kind, namespace and name. */
import { load } from 'js-yaml';

export interface TreeObject {
  readonly env: string;
  /** The Argo CD Application folder it is written to. */
  readonly application: string;
  readonly file: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export const identity = (object: Pick<TreeObject, 'env' | 'kind' | 'namespace' | 'name'>) =>
  `${object.env}/${object.kind}/${object.namespace ?? ''}/${object.name}`;

export function objectsOf(tree: ReadonlyMap<string, string>): Map<string, TreeObject> {
  const objects = new Map<string, TreeObject>();
  for (const [file, content] of tree) {
    const [env, application] = file.split('/');
    const body = load(content) as Record<string, unknown> | null;
    if (env === undefined || application === undefined || body === null || typeof body !== 'object') continue;
    const metadata = (body.metadata ?? {}) as { name?: string; namespace?: string };
    const object: TreeObject = { env, application, file, kind: String(body.kind), namespace: metadata.namespace, name: String(metadata.name), body };
    objects.set(identity(object), object);
  }
  return objects;
}
