/**
 * Which versions an unresolved-package message asks for. graph-refresh names one version; the
 * adviser's and provenance checker's outputs may give none, `*`, a pin (`==1.0`) or a PEP 440
 * specifier from a Pipfile (`>=1.0,<2`). A specifier selects the index's versions it matches, newest
 * first, at most `limit` of them (docs/quirks.md Q30), pre-releases only where PEP 440 admits them.
 */
import { explain, filter, rcompare, valid, validRange } from '@renovatebot/pep440';
import { normalVersion } from '../../../../src/runtime/python/package.js';
import { InvalidMessage } from './orders.js';

export type VersionRequest = { readonly kind: 'exact'; readonly version: string } | { readonly kind: 'matching'; readonly specifier: string };

export function readVersionRequest(raw: unknown): VersionRequest {
  if (raw === null || raw === undefined) return { kind: 'matching', specifier: '' };
  const text = String(raw).trim();
  if (text === '' || text === '*') return { kind: 'matching', specifier: '' };
  const pinned = /^===?\s*([^,;\s]+)$/.exec(text);
  // `==2.*` is a pin of a prefix, a range: it falls through to the specifier.
  if (pinned !== null && valid(pinned[1]!) !== null) return { kind: 'exact', version: normalVersion(pinned[1]!) };
  if (valid(text) !== null) return { kind: 'exact', version: normalVersion(text) };
  if (validRange(text)) return { kind: 'matching', specifier: text };
  throw new InvalidMessage(`package_version ${JSON.stringify(raw)} is neither a version nor a PEP 440 specifier`);
}

export interface Selection {
  readonly versions: readonly string[];
  /** Matching versions left out by the limit. */
  readonly omitted: number;
}

/** The index's versions the specifier matches (all for ""), newest first, at most `limit`. */
export function newestMatching(available: readonly string[], specifier: string, limit: number): Selection {
  const versions = [...new Set(available.filter((version) => valid(version) !== null).map(normalVersion))];
  // PEP 440's rule, as pip applies it: pre-releases only where no final release matches (or the
  // specifier names one); they would otherwise crowd the final releases out of the limit.
  const finals = versions.filter((version) => explain(version)?.is_prerelease !== true);
  const matching = specifier === '' ? (finals.length > 0 ? finals : versions) : filter(versions, specifier);
  const newest = matching.sort(rcompare);
  return { versions: newest.slice(0, limit), omitted: Math.max(0, newest.length - limit) };
}
