/**
 * What changed between two rendered trees, per environment and Argo CD Application: objects added,
 * removed and changed (with their field changes), objects that moved to another Application, and
 * objects renamed (a removal and an addition of the same kind in the same namespace whose content
 * is otherwise nearly the same), each update the API server would refuse flagged with what to do
 * instead. Credentials are redacted here, so no output format can show them.
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { fieldChanges, type FieldChange, leafCount } from './fields.js';
import { objectsOf, type TreeObject } from './objects.js';
import { redact, scrub } from './redact.js';
import { refusedUpdates, type RefusedUpdate } from './refused-updates.js';
import type { Tree } from './sources.js';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly application: string;
  readonly file: string;
}

export interface ObjectChange {
  readonly change: ChangeKind;
  readonly object: ObjectRef;
  /** For moved and renamed objects: what it was. */
  readonly from?: ObjectRef;
  readonly fields: readonly (FieldChange & { readonly redacted?: true })[];
  /** For changed and moved objects: the changes the API server refuses as an update; absent when none. */
  readonly refused?: readonly RefusedUpdate[];
  /** For added and removed objects: the whole object, credentials redacted. */
  readonly content?: unknown;
}

export interface ApplicationDiff {
  readonly application: string;
  readonly changes: readonly ObjectChange[];
}

export interface EnvironmentDiff {
  readonly env: string;
  readonly applications: readonly ApplicationDiff[];
}

export interface TreeDiff {
  readonly environments: readonly EnvironmentDiff[];
}

/** A rename may change at most this share of an object's fields besides its metadata... */
const RENAME_SIMILARITY = 0.2;
/** ...and only an object with this many fields besides its metadata can be told apart from another. */
const RENAME_MIN_FIELDS = 5;

const refOf = (object: TreeObject): ObjectRef => ({
  kind: object.kind,
  ...(object.namespace === undefined ? {} : { namespace: object.namespace }),
  name: object.name,
  application: object.application,
  file: object.file,
});
const changesOf = (before: TreeObject, after: TreeObject) => fieldChanges(before.body, after.body).map((change) => redact(after.kind, change));
/** An added or removed object as it may be shown: credentials redacted. */
const redactedBody = (object: TreeObject) => scrub(object.kind, [], object.body).value;
/** An update of `before` to `after`, with the changes the API server would refuse, if any. */
function update(change: 'changed' | 'moved', before: TreeObject, after: TreeObject, fields: ObjectChange['fields']): ObjectChange {
  const refused = refusedUpdates(after, before.body, after.body);
  return { change, object: refOf(after), ...(change === 'moved' ? { from: refOf(before) } : {}), fields, ...(refused.length === 0 ? {} : { refused }) };
}
/** What an object says besides what every object of its kind says (apiVersion, kind) and its metadata. */
const contentOf = (object: TreeObject) => Object.fromEntries(Object.entries(object.body).filter(([key]) => !['apiVersion', 'kind', 'metadata'].includes(key)));

export function compareTrees(base: Tree, head: Tree, environments?: readonly string[]): TreeDiff {
  const [before, after] = [objectsOf(base), objectsOf(head)];
  const changes: { env: string; change: ObjectChange }[] = [];
  const removed: TreeObject[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) {
      removed.push(old);
      continue;
    }
    const fields = changesOf(old, now);
    if (old.application !== now.application) changes.push({ env: now.env, change: update('moved', old, now, fields) });
    else if (fields.length > 0) changes.push({ env: now.env, change: update('changed', old, now, fields) });
  }
  const added = [...after].filter(([key]) => !before.has(key)).map(([, object]) => object);
  const renamedFrom = new Set<TreeObject>();
  for (const now of added) {
    const match = bestRename(
      now,
      removed.filter((old) => !renamedFrom.has(old)),
    );
    if (match === undefined) {
      changes.push({ env: now.env, change: { change: 'added', object: refOf(now), fields: [], content: redactedBody(now) } });
    } else {
      renamedFrom.add(match);
      changes.push({
        env: now.env,
        change: { change: 'renamed', object: refOf(now), from: refOf(match), fields: changesOf(match, now).filter((field) => field.path !== 'metadata.name') },
      });
    }
  }
  for (const old of removed)
    if (!renamedFrom.has(old)) changes.push({ env: old.env, change: { change: 'removed', object: refOf(old), fields: [], content: redactedBody(old) } });
  return group(changes.filter(({ env }) => environments === undefined || environments.length === 0 || environments.includes(env)));
}

/**
 * The removed object `now` most likely was: same environment, kind and namespace, content (all but
 * metadata) of some size and at most 20 % of it changed, counting a changed subtree by its leaves;
 * a tie goes to the closest name.
 */
function bestRename(now: TreeObject, candidates: readonly TreeObject[]): TreeObject | undefined {
  let best: { object: TreeObject; score: number; distance: number } | undefined;
  const size = leafCount(contentOf(now));
  if (size < RENAME_MIN_FIELDS) return undefined;
  for (const old of candidates) {
    if (old.env !== now.env || old.kind !== now.kind || old.namespace !== now.namespace) continue;
    const changed = fieldChanges(contentOf(old), contentOf(now)).reduce((sum, change) => sum + Math.max(leafCount(change.before), leafCount(change.after)), 0);
    const score = changed / Math.max(size, leafCount(contentOf(old)));
    const distance = levenshtein(old.name, now.name);
    if (score <= RENAME_SIMILARITY && (best === undefined || score < best.score || (score === best.score && distance < best.distance)))
      best = { object: old, score, distance };
  }
  return best?.object;
}

const ORDER: Record<ChangeKind, number> = { removed: 0, renamed: 1, moved: 2, changed: 3, added: 4 };

function group(changes: readonly { env: string; change: ObjectChange }[]): TreeDiff {
  const byEnv = new Map<string, Map<string, ObjectChange[]>>();
  for (const { env, change } of changes) {
    const applications = byEnv.get(env) ?? new Map<string, ObjectChange[]>();
    byEnv.set(env, applications);
    applications.set(change.object.application, [...(applications.get(change.object.application) ?? []), change]);
  }
  const sortedKeys = <T>(map: Map<string, T>) => [...map.keys()].sort();
  return {
    environments: sortedKeys(byEnv).map((env) => ({
      env,
      applications: sortedKeys(byEnv.get(env)!).map((application) => ({
        application,
        changes: [...byEnv.get(env)!.get(application)!].sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.object.file.localeCompare(b.object.file)),
      })),
    })),
  };
}

export function allChanges(diff: TreeDiff): ObjectChange[] {
  return diff.environments.flatMap((env) => env.applications.flatMap((application) => application.changes));
}

export function changeCount(diff: TreeDiff): number {
  return allChanges(diff).length;
}

/** How many objects have an update the API server refuses. */
export function refusedCount(diff: TreeDiff): number {
  return allChanges(diff).filter((change) => change.refused !== undefined).length;
}
