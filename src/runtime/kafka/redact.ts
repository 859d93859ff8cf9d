/**
 * What a dead letter may not keep: registry passwords and the like ride in some messages
 * (package-extract-trigger, build-analysis-trigger), and the dead-letter topic keeps records a week
 * for people to read. Values of keys that name a secret are replaced; the rest stays as sent. A
 * value out of a record's bounds (record-shape.ts) is dropped, not walked: too deep to walk safely,
 * or too large for the topic.
 */
import { isCredentialName } from '../credentials.js';
import { shapeProblem } from './record-shape.js';

export const REDACTED = '<redacted>';

export interface RedactedValue {
  readonly value: Buffer | null;
  readonly redacted: boolean;
  /** Why the value was dropped, when it was. */
  readonly dropped?: string;
}

export function redactSecrets(value: Buffer | null): RedactedValue {
  if (value === null) return { value, redacted: false };
  const shape = shapeProblem(value);
  if (shape !== undefined) return { value: null, redacted: false, dropped: shape.detail };
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
