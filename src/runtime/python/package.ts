/**
 * Python package names, versions and index URLs as the knowledge graph stores them
 * (thoth-jobs.md §0.2): a message may spell them otherwise, and a lookup with another spelling
 * finds nothing.
 */
import { clean, satisfies, valid } from '@renovatebot/pep440';

export interface PackageVersion {
  readonly name: string;
  readonly version: string;
  readonly indexUrl: string;
}

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function canonicalName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** PEP 440's normal form (`1.0.0A1` → `1.0.0a1`); a version that is not PEP 440 is kept as written. */
export function normalVersion(version: string): string {
  return clean(version.trim()) ?? version.trim();
}

/** The one alias the knowledge graph resolves: PyPI's old host. Other URLs are stored as given. */
export function normalIndexUrl(url: string): string {
  const trimmed = url.trim();
  return /^https:\/\/pypi\.python\.org\/simple\/?$/.test(trimmed) ? 'https://pypi.org/simple' : trimmed;
}

export function packageVersion(name: string, version: string, indexUrl: string): PackageVersion {
  return { name: canonicalName(name), version: normalVersion(version), indexUrl: normalIndexUrl(indexUrl) };
}

/**
 * A rule of python_package_version_entity_rule applies to a locked version when its range is
 * empty or holds the version, pre-releases included (thoth-storages' _refresh_rules_python_entity,
 * which failed on a NULL range; here NULL is empty). A version that is not PEP 440 is in no range.
 */
export function ruleApplies(versionRange: string | null, version: string): boolean {
  if (versionRange === null || versionRange.trim() === '') return true;
  return valid(version) !== null && satisfies(version, versionRange, { prereleases: true });
}
