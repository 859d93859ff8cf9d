/**
 * What a diff must not print: a Secret's data, and the literal values of env vars, workflow
 * parameters and fields whose name says credential. A reference to a Secret (`secretKeyRef`, a
 * Secret's name) is not a credential and shows; a value that replaces one is redacted.
 */
import type { FieldChange } from './fields.js';

const CREDENTIAL = /password|passwd|token|api[-_]?key|private[-_]?key|credential|secret[-_]?key|dsn/i;
export const REDACTED = '(redacted)';

export function isSensitive(kind: string, path: string): boolean {
  if (kind === 'Secret' && /^(data|stringData)(\.|$)/.test(path)) return true;
  // env[name=DB_PASSWORD].value, parameters[name=THOTH_REGISTRY_CREDENTIALS].value
  const item = /\[name=([^\]]+)\]\.value$/.exec(path);
  if (item !== null) return CREDENTIAL.test(item[1]!);
  // The last key; a whole list item (`env[name=X]`) is not a value, its own `value` is scrubbed below.
  const last = /(?:^|\.)([^.[\]]+)$/.exec(path)?.[1] ?? '';
  return CREDENTIAL.test(last) && !/(Ref|Name|Names)$/.test(last);
}

/** A whole list item added or removed, such as an env var: its `value` goes if its name says credential. */
function scrubItem(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const item = value as { name?: unknown; value?: unknown };
  return typeof item.name === 'string' && CREDENTIAL.test(item.name) && item.value !== undefined ? { ...item, value: REDACTED } : value;
}

export function redact(kind: string, change: FieldChange): FieldChange & { readonly redacted?: true } {
  if (!isSensitive(kind, change.path)) {
    return { path: change.path, ...('before' in change ? { before: scrubItem(change.before) } : {}), ...('after' in change ? { after: scrubItem(change.after) } : {}) };
  }
  return { path: change.path, ...('before' in change ? { before: REDACTED } : {}), ...('after' in change ? { after: REDACTED } : {}), redacted: true };
}
