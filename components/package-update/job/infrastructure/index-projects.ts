/**
 * A project as its index serves it, with each version's files' sha256: one request per project,
 * PyPI's JSON API for a warehouse (`releases[version][].digests.sha256`), the Simple API's page for
 * the others (its links' #sha256 fragments or PEP 691 hashes). A 404 is a project the index does not
 * have; the reference decided that from the index's whole listing, and took every package of an index
 * whose listing failed for missing.
 */
import { askIndex, DEFAULT_RETRIES, type RetryPolicy } from '../../../../src/runtime/python/index-retries.js';
import type { PackageIndexClient } from '../../../../src/runtime/python/package-index.js';
import { type PackageIndex, warehouseProjectUrl } from '../../../package-releases/job/domain/releases.js';
import type { IndexProjects } from '../application/check-packages.js';
import type { IndexProject } from '../domain/discrepancies.js';

export class HttpIndexProjects implements IndexProjects {
  constructor(
    private readonly client: PackageIndexClient,
    private readonly warehouses: readonly string[],
    private readonly retries: RetryPolicy = DEFAULT_RETRIES,
  ) {}

  async project(index: PackageIndex, name: string, signal: AbortSignal): Promise<IndexProject> {
    const warehouse = warehouseProjectUrl(index, this.warehouses, name);
    if (warehouse !== undefined) {
      const answer = await askIndex(() => this.client.json(warehouse), signal, this.retries);
      if (answer === undefined) return { found: false };
      const releases = (answer as { releases?: Record<string, { digests?: { sha256?: unknown } }[]> }).releases ?? {};
      const versions = new Map<string, Set<string>>();
      for (const [version, files] of Object.entries(releases)) {
        if (!Array.isArray(files) || files.length === 0) continue;
        versions.set(version, new Set(files.flatMap((file) => (typeof file?.digests?.sha256 === 'string' ? [file.digests.sha256.toLowerCase()] : []))));
      }
      return { found: true, versions };
    }
    const page = await askIndex(() => this.client.project(index.url, name), signal, this.retries);
    if (page === undefined) return { found: false };
    const versions = new Map<string, Set<string>>();
    for (const file of page.files) {
      if (file.version === undefined) continue;
      const hashes = versions.get(file.version) ?? new Set<string>();
      if (file.hashes.sha256 !== undefined) hashes.add(file.hashes.sha256);
      versions.set(file.version, hashes);
    }
    return { found: true, versions };
  }
}
