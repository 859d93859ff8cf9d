/**
 * What package-update-job tells of a solved package (thoth-jobs.md §3): that its index no longer has
 * it, no longer has one of its versions, or serves other files for a version than the ones Thoth
 * stored. Each is told once: what the investigator has already marked (python_package_version
 * is_missing, python_artifact present = false, as it does on these messages) is not told again; the
 * reference told every discrepancy again on every run.
 */
import { normalVersion } from '../../../../src/runtime/python/package.js';

/** A solved version as the graph has it. */
export interface SolvedVersion {
  readonly version: string;
  /** Every solver's row of it is marked missing already. */
  readonly missing: boolean;
  /** The sha256 of its artifacts the graph holds as present. */
  readonly presentHashes: readonly string[];
}

/** The index's answer for a project: not there, or its versions with their files' sha256 (empty when it gives none). */
export type IndexProject = { readonly found: false } | { readonly found: true; readonly versions: ReadonlyMap<string, ReadonlySet<string>> };

export type Discrepancy =
  | { readonly type: 'missing-package' }
  | { readonly type: 'missing-version'; readonly version: string }
  | {
      readonly type: 'hash-mismatch';
      readonly version: string;
      readonly missingFromSource: readonly string[];
      readonly missingFromDatabase: readonly string[];
    };

export function discrepancies(solved: readonly SolvedVersion[], project: IndexProject): Discrepancy[] {
  if (!project.found) return solved.every((version) => version.missing) ? [] : [{ type: 'missing-package' }];
  // The index's versions in their normal form, as the graph stores them (the reference compared raw ones).
  const served = new Map([...project.versions].map(([version, hashes]) => [normalVersion(version), hashes]));
  return solved.flatMap((version): Discrepancy[] => {
    const hashes = served.get(version.version);
    if (hashes === undefined) return version.missing ? [] : [{ type: 'missing-version', version: version.version }];
    // An index that gives no hashes for the version cannot contradict the graph.
    if (hashes.size === 0) return [];
    const missingFromSource = version.presentHashes.filter((hash) => !hashes.has(hash)).sort();
    // Files the graph lacks alone are no discrepancy of what it stored: told with one, never alone.
    if (missingFromSource.length === 0) return [];
    const stored = new Set(version.presentHashes);
    return [
      { type: 'hash-mismatch', version: version.version, missingFromSource, missingFromDatabase: [...hashes].filter((hash) => !stored.has(hash)).sort() },
    ];
  });
}
