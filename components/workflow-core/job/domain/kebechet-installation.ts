/**
 * update-kebechet-installation's rules: a repository's .thoth.yaml (thamos v1.29 config.py), its
 * requirements files (Pipfile, Pipfile.lock, requirements.txt or .in, as thoth-python v0.16 reads
 * them) and what thoth-storages v0.74.1 update_kebechet_installation_using_files makes of them in
 * the graph: the rows of one Kebechet installation per runtime environment. See docs/quirks.md for
 * what the reference did wrongly.
 */
import type { ParsedFiles } from './requirements-files.js';
import { ssdeep } from './ssdeep.js';
import type { RuntimeEnvironment } from './thoth-config.js';

// The installation row.

/** external_software_environment as storages keeps it (thoth-common map_os_name, normalize_os_version). */
export interface ExternalEnvironment {
  readonly environmentName: string | null;
  readonly osName: string | null;
  readonly osVersion: string | null;
  readonly pythonVersion: string | null;
  readonly cudaVersion: string | null;
}

export function externalEnvironment(environment: RuntimeEnvironment): ExternalEnvironment {
  const osName = environment.osName === 'ubi' ? 'rhel' : environment.osName;
  const osVersion = osName === 'rhel' && environment.osVersion !== null ? environment.osVersion.split('.')[0]! : environment.osVersion;
  return { environmentName: environment.name, osName, osVersion, pythonVersion: environment.pythonVersion, cudaVersion: environment.cudaVersion };
}

/** The managers columns of kebechet_github_installations, from .thoth.yaml's managers. */
export interface Managers {
  readonly info: boolean;
  readonly pipfileRequirements: boolean;
  readonly update: boolean;
  readonly version: boolean;
  readonly thothAdvise: boolean;
  readonly thothProvenance: boolean;
}

export function managers(names: readonly string[]): Managers {
  const has = (name: string) => names.includes(name);
  return {
    info: has('info'),
    pipfileRequirements: has('pipfile-requirements'),
    update: has('update'),
    version: has('version'),
    thothAdvise: has('thoth-advise'),
    thothProvenance: has('thoth-provenance'),
  };
}

/** One installation: what the graph gets for a repository and one of its runtime environments. */
export interface InstallationRecord extends Omit<ParsedFiles, 'warnings'> {
  readonly slug: string;
  readonly repoName: string;
  /** The GitHub App's installation id, as text (the column's type). */
  readonly installationId: string;
  readonly isPrivate: boolean;
  readonly runtimeEnvironmentName: string | null;
  readonly environment: ExternalEnvironment;
  readonly managers: Managers;
}

/** The runtime environment names the slug keeps; its other installations are deleted. */
export function staleEnvironments(present: readonly (string | null)[], kept: readonly (string | null)[]): (string | null)[] {
  return present.filter((name) => !kept.includes(name));
}

// What storages computes in Python.

/**
 * storages' _create_fuzzy_hash: the ssdeep hash of each id's big-endian bytes (none for 0),
 * concatenated in the order given (storages sorts the ids first). The key of a requirements or
 * lock row, so the same rows hash as the Python wrote them.
 */
export function fuzzyHash(sortedIds: readonly number[]): string {
  return sortedIds.map((id) => ssdeep(bigEndian(id))).join('');
}

function bigEndian(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from(bytes);
}
