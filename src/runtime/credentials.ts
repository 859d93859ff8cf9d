/**
 * What names a credential: the keys, env vars and parameters whose values must not be shown, in
 * dead letters (kafka/redact.ts) and in manifest diffs (src/diff/redact.ts) alike. A reference to
 * a credential (secretKeyRef, secretName) names where it is, not what it is, and is left alone.
 */
export const CREDENTIAL_NAME = /password|passwd|secret|token|credential|api[-_]?key|private[-_]?key|access[-_]?key|dsn/i;
const REFERENCE_NAME = /(Ref|Refs|Name|Names)$/;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) && !REFERENCE_NAME.test(name);
}

/** `postgres://user:pw@host` → `postgres://user:(redacted)@host`. */
export function withoutUrlPassword(text: string, replacement: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi, `$1${replacement}@`);
}
