/**
 * The releases an index serves: PyPI's JSON API for a warehouse, the Simple API (PEP 503/691) for the
 * others (src/runtime/python/package-index.ts), and the index's whole project list for an index
 * whose every package is wanted; a busy index asked again (src/runtime/python/index-retries.ts).
 */
import { askIndex, DEFAULT_RETRIES, type RetryPolicy } from '../../../../src/runtime/python/index-retries.js';
import type { PackageIndexClient } from '../../../../src/runtime/python/package-index.js';
import type { IndexReleases } from '../application/scan-releases.js';
import { type PackageIndex, warehouseProjectUrl, warehouseReleases } from '../domain/releases.js';

export class HttpIndexReleases implements IndexReleases {
  constructor(
    private readonly client: PackageIndexClient,
    private readonly warehouses: readonly string[],
    private readonly retries: RetryPolicy = DEFAULT_RETRIES,
  ) {}

  async versions(index: PackageIndex, name: string, signal: AbortSignal): Promise<string[]> {
    const warehouse = warehouseProjectUrl(index, this.warehouses, name);
    if (warehouse !== undefined) return askIndex(async () => warehouseReleases(await this.client.json(warehouse)), signal, this.retries);
    return askIndex(async () => [...(await this.client.versions(index.url, name))], signal, this.retries);
  }

  async projects(index: PackageIndex, signal: AbortSignal): Promise<string[]> {
    return askIndex(() => this.client.projectNames(index.url), signal, this.retries);
  }
}
