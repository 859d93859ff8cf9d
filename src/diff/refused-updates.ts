/**
 * Which changes of an object the API server refuses as an update (immutable-fields.ts), with what to
 * do instead. Argo CD updates an object in place unless it deletes and creates it anew on every sync
 * (a hook, or `Force=true,Replace=true`), for which nothing is refused.
 */
import { fieldChanges, pathOf, type FieldChange } from './fields.js';
import { IMMUTABLE_RULES, type ImmutableObject, type ImmutableRule } from './immutable-fields.js';

type Body = Readonly<Record<string, unknown>>;

export interface RefusedUpdate {
  /** The immutable fields that changed, such as `spec.volumeClaimTemplates`. */
  readonly fields: readonly string[];
  /** What the API server says, in short. */
  readonly why: string;
  /** How to apply the change all the same. */
  readonly procedure: string;
}

export function refusedUpdates(object: ImmutableObject, before: Body, after: Body): RefusedUpdate[] {
  if (recreatedOnSync(after)) return [];
  const changes = fieldChanges(before, after);
  return IMMUTABLE_RULES.filter((rule) => rule.kinds.includes(object.kind) && (rule.when?.(before, after) ?? true)).flatMap((rule) => {
    const fields = [...new Set(changes.map((change) => immutableField(rule, change, { before, after })).filter((field) => field !== undefined))];
    return fields.length === 0 ? [] : [{ fields, why: rule.why, procedure: rule.procedure(object, { fields, before, after }) }];
  });
}

const startsWith = (segments: readonly string[], path: string) =>
  path.split('.').every((part, index) => index < segments.length && (part === '*' || part === segments[index]));

/** The immutable field (`spec.*` resolved to `spec.serviceName`) a change touches, if the rule refuses it. */
function immutableField(rule: ImmutableRule, change: FieldChange, objects: { readonly before: Body; readonly after: Body }): string | undefined {
  if (rule.accepts?.[change.path]?.(change.before, change.after, objects) === true) return undefined;
  if (rule.except?.some((path) => startsWith(change.segments, path)) === true) return undefined;
  const field = rule.fields.find((path) => startsWith(change.segments, path));
  return field === undefined ? undefined : pathOf(change.segments.slice(0, field.split('.').length));
}

/**
 * Whether Argo CD deletes and creates the object on each sync instead of updating it: a hook whose
 * delete policy is BeforeHookCreation (the default), or the sync options Force=true and Replace=true.
 */
function recreatedOnSync(body: Body): boolean {
  const annotations = ((body.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {}) as Record<string, string>;
  const list = (key: string) => (annotations[key] ?? '').split(',').map((item) => item.trim());
  if (annotations['argocd.argoproj.io/hook'] !== undefined)
    return annotations['argocd.argoproj.io/hook-delete-policy'] === undefined || list('argocd.argoproj.io/hook-delete-policy').includes('BeforeHookCreation');
  return list('argocd.argoproj.io/sync-options').includes('Force=true') && list('argocd.argoproj.io/sync-options').includes('Replace=true');
}
