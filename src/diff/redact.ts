/**
 * What a diff must not print, decided for every value it would show, at any depth: a Secret's data
 * (and its last-applied annotation), values under a key named like a credential (a ConfigMap's
 * `DB_PASSWORD`, `password.txt`), the `value` or `default` of env vars and parameters named like
 * one, the same inside embedded JSON, and the password part of URLs. A reference to a Secret
 * (`secretKeyRef`, a Secret's name) is not a credential and shows.
 */
import { isCredentialName, withoutUrlPassword } from '../runtime/credentials.js';
import type { FieldChange } from './fields.js';

export const REDACTED = '(redacted)';

const itemName = (segment: string) => /^\[name=(.*)\]$/.exec(segment)?.[1];

/** Kinds that only point at secrets held elsewhere: their key names are not values. */
const POINTERS_ONLY = new Set(['ExternalSecret', 'SecretStore', 'ClusterSecretStore']);

/** Whether the value at these segments is secret. */
export function isSensitive(kind: string, segments: readonly string[]): boolean {
  if (POINTERS_ONLY.has(kind)) return false;
  if (kind === 'Secret' && (segments[0] === 'data' || segments[0] === 'stringData' || segments.at(-1) === 'kubectl.kubernetes.io/last-applied-configuration'))
    return true;
  return segments.some((segment, index) => {
    const name = itemName(segment);
    // env[name=DB_PASSWORD].value, parameters[name=registry-password].default (or the whole item).
    if (name !== undefined) return isCredentialName(name) && (index === segments.length - 1 || ['value', 'default'].includes(segments[index + 1]!));
    return !segment.startsWith('[') && segment !== '<json>' && isCredentialName(segment);
  });
}

/** `value` with every secret part below `segments` replaced; `redacted` says whether any was. */
export function scrub(kind: string, segments: readonly string[], value: unknown): { value: unknown; redacted: boolean } {
  let redacted = false;
  const walk = (item: unknown, at: readonly string[]): unknown => {
    if (item === undefined) return item;
    if (isSensitive(kind, at)) {
      redacted = true;
      return REDACTED;
    }
    if (typeof item === 'string') {
      const json = item.startsWith('{') ? tryParse(item) : undefined;
      if (json !== undefined) {
        const inner = walk(json, [...at, '<json>']);
        return inner === json ? item : JSON.stringify(inner);
      }
      const clean = withoutUrlPassword(item, REDACTED);
      if (clean !== item) redacted = true;
      return clean;
    }
    if (Array.isArray(item)) {
      return item.map((element, index) => {
        const name =
          typeof element === 'object' && element !== null && typeof (element as { name?: unknown }).name === 'string'
            ? `[name=${(element as { name: string }).name}]`
            : `[${index}]`;
        return walk(element, [...at, name]);
      });
    }
    if (typeof item === 'object' && item !== null) {
      // An env var or parameter named like a credential, however it was reached.
      const named = typeof (item as { name?: unknown }).name === 'string' && isCredentialName((item as { name: string }).name);
      return Object.fromEntries(
        Object.entries(item).map(([key, inner]) => {
          if (named && (key === 'value' || key === 'default') && inner !== undefined) {
            redacted = true;
            return [key, REDACTED];
          }
          return [key, walk(inner, [...at, key])];
        }),
      );
    }
    return item;
  };
  const result = walk(value, segments);
  return { value: redacted ? result : value, redacted };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function redact(kind: string, change: FieldChange): FieldChange & { readonly redacted?: true } {
  const before = 'before' in change ? scrub(kind, change.segments, change.before) : undefined;
  const after = 'after' in change ? scrub(kind, change.segments, change.after) : undefined;
  return {
    path: change.path,
    segments: change.segments,
    ...(before === undefined ? {} : { before: before.value }),
    ...(after === undefined ? {} : { after: after.value }),
    ...(before?.redacted || after?.redacted ? { redacted: true as const } : {}),
  };
}
