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

/** `scheme://user:` of a URL, and the password that follows it up to the `@`. */
const URL_USER = String.raw`\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:`;
const URL_PASSWORD = String.raw`[^/\s@]+@`;
const URL_PASSWORDS = new RegExp(`(${URL_USER})${URL_PASSWORD}`, 'gi');

/** A URL with a password; one that is a reference (`$(VAR)`, `${VAR}`, `{{...}}`) is not a password. */
export const URL_WITH_PASSWORD = new RegExp(`${URL_USER}(?!\\$\\(|\\$\\{|\\{\\{)${URL_PASSWORD}`, 'i');

/** `postgres://user:pw@host` → `postgres://user:(redacted)@host`. */
export function withoutUrlPassword(text: string, replacement: string): string {
  return text.replace(URL_PASSWORDS, `$1${replacement}@`);
}
