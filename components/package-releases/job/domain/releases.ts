/**
 * What package-releases-job asks of each index and records of it (thoth-jobs.md §2): the index's
 * kind (a warehouse, answering PyPI's JSON API, or a PEP 503/691 Simple API), where a project's
 * releases are, and which of the versions an index lists are releases to record.
 */
import { canonicalName, normalIndexUrl, normalVersion } from '../../../../src/runtime/python/package.js';

export interface PackageIndex {
  readonly id: number;
  /** The Simple API's root, as python_package_index.url has it. */
  readonly url: string;
  /** PyPI's JSON API root, when the index row gives one. */
  readonly warehouseApiUrl: string | undefined;
  /** The packages asked for are those the graph knows already (true), or every project of the index. */
  readonly onlyIfPackageSeen: boolean;
}

/**
 * The JSON API's URL of a project when the index is a warehouse (its row gives warehouse_api_url, or
 * its URL is one of `warehouses`: then `<url without /simple>/pypi`), else undefined: the Simple API.
 * As thoth-python chose between its two sources.
 */
export function warehouseProjectUrl(index: PackageIndex, warehouses: readonly string[], name: string): string | undefined {
  const isWarehouse =
    index.warehouseApiUrl !== undefined || warehouses.some((url) => normalIndexUrl(url).replace(/\/+$/, '') === index.url.replace(/\/+$/, ''));
  if (!isWarehouse) return undefined;
  const root = index.warehouseApiUrl ?? `${index.url.replace(/\/+$/, '').replace(/\/simple$/, '')}/pypi`;
  return `${root.replace(/\/+$/, '')}/${encodeURIComponent(canonicalName(name))}/json`;
}

/**
 * The releases of a JSON API answer: the `releases` keys that have at least one file (a release
 * whose files were all deleted cannot be installed, and the reference recorded it anyway).
 */
export function warehouseReleases(answer: unknown): string[] {
  const releases = (answer as { releases?: unknown } | null)?.releases;
  if (releases === null || typeof releases !== 'object') return [];
  return Object.entries(releases as Record<string, unknown>).flatMap(([version, files]) => (Array.isArray(files) && files.length > 0 ? [version] : []));
}

/** The versions to record: PEP 440's normal form (the form stored and announced; the reference announced the raw one), each once. */
export function recordableVersions(versions: readonly string[]): string[] {
  return [...new Set(versions.map((version) => normalVersion(version)).filter((version) => version !== ''))];
}
