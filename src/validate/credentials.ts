/**
 * Credentials written in plain text into a rendered object, which would land in git and in every
 * reader's view of the cluster: found by name (an env var, a workflow parameter, a ConfigMap key or an
 * annotation named like a credential, with a literal value) and by value (token formats that identify
 * themselves, private keys, URLs with a password), anywhere in the object. The messages never repeat
 * the value.
 */
import { isCredentialName, URL_WITH_PASSWORD } from '../runtime/credentials.js';
import type { Manifest } from '../synth/manifest.js';

/** Formats that say what they are; each is a credential wherever it appears. */
const TOKEN_FORMATS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { what: 'a URL with a password', pattern: URL_WITH_PASSWORD },
];

/** Kinds that only point at secrets held elsewhere; a Secret is refused by policy/secret-data. */
const NOT_SCANNED = new Set(['Secret', 'ExternalSecret', 'SecretStore', 'ClusterSecretStore']);

/**
 * A value that says where a credential is, not what it is: another variable or a template parameter
 * standing for it, or the absolute path of a mounted file (GOOGLE_APPLICATION_CREDENTIALS).
 */
const isReference = (value: string) => /^\s*(\$\(.+\)|\$\{.+\}|\{\{.+\}\})\s*$/.test(value) || /^\/[^\s]*$/.test(value);

/** All formats in one pass: most strings hold none, and one test is cheaper than seven. */
const ANY_TOKEN = new RegExp(TOKEN_FORMATS.map(({ pattern }) => `(?:${pattern.source})`).join('|'), 'i');

const tokenFormat = (value: string) => (ANY_TOKEN.test(value) ? TOKEN_FORMATS.find(({ pattern }) => pattern.test(value)) : undefined);

/** A literal that is named like a credential and is not already reported for its format. */
const isLiteral = (value: unknown): value is string => typeof value === 'string' && value !== '' && !isReference(value) && tokenFormat(value) === undefined;

const FIX = 'keep it in the secret store and render an ExternalSecret (src/platform/external-secret.ts), then read it with secretKeyRef';

export function plaintextCredentialProblems(manifest: Manifest): string[] {
  if (NOT_SCANNED.has(manifest.kind)) return [];
  const problems: string[] = [];
  // The path is kept as segments and joined only for a problem: most objects have none.
  const segments: string[] = [];
  const path = (...more: string[]) => [...segments, ...more].join('').replace(/^\./, '');
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const format = tokenFormat(value);
      if (format !== undefined) problems.push(`${path()} holds ${format.what} in plain text; ${FIX}`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        // An item is named by its name where it has one: env[GITHUB_TOKEN] says more than env[40].
        segments.push(`[${typeof item?.name === 'string' ? item.name : index}]`);
        walk(item);
        segments.pop();
      });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const item = value as Record<string, unknown>;
    // An env var or a workflow parameter: { name: GITHUB_TOKEN, value: ... }.
    if (typeof item.name === 'string' && isCredentialName(item.name)) {
      for (const field of ['value', 'default']) {
        if (isLiteral(item[field])) problems.push(`${path(`.${field}`)} sets ${item.name} to a literal; ${FIX}`);
      }
    }
    for (const key in item) {
      segments.push(`.${key}`);
      walk(item[key]);
      segments.pop();
    }
  };
  walk(manifest);
  // A ConfigMap key or an annotation named like a credential holds one.
  const named = [
    ...Object.entries((manifest.kind === 'ConfigMap' ? (manifest.data as Record<string, unknown> | undefined) : undefined) ?? {}).map(([key, value]) => ({
      at: `data.${key}`,
      key,
      value,
    })),
    ...Object.entries(manifest.metadata.annotations ?? {}).map(([key, value]) => ({ at: `metadata.annotations.${key}`, key, value })),
  ];
  for (const { at, key, value } of named) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (isCredentialName(name) && isLiteral(value)) problems.push(`${at} is named like a credential and holds a value; ${FIX}`);
  }
  return problems;
}
