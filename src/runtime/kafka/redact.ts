/**
 * What a dead letter may not keep: registry passwords and the like ride in some messages
 * (package-extract-trigger, build-analysis-trigger), and the dead-letter topic keeps records a week
 * for people to read. Values of keys that name a secret are replaced; the rest stays as sent.
 */
import { isCredentialName } from '../credentials.js';
export const REDACTED = '<redacted>';

export function redactSecrets(value: Buffer | null): { readonly value: Buffer | null; readonly redacted: boolean } {
  if (value === null) return { value, redacted: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { value, redacted: false };
  }
  let redacted = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => {
        if (isCredentialName(key) && item !== null && item !== '') {
          redacted = true;
          return [key, REDACTED];
        }
        return [key, walk(item)];
      }),
    );
  };
  const cleaned = walk(parsed);
  return redacted ? { value: Buffer.from(JSON.stringify(cleaned)), redacted } : { value, redacted };
}
