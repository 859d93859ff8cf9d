/**
 * The package on the workflow's volume: the sdist downloaded next to it, extracted into a directory
 * of its own and moved to `package` only once every entry is written, so the analysers never see a
 * half-extracted package, and a retried step starts from nothing (what an earlier attempt left is
 * removed first).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { IndexFile, PackageIndexClient } from '../../../../src/runtime/python/package-index.js';
import type { FetchedArchive, PackageStore } from '../application/download-package.js';
import { DOWNLOAD_OUTPUTS } from '../contract.js';
import { ArchiveRefused, EntryGuard, type ExtractionBounds } from '../domain/archive-entries.js';
import type { ArchiveFormat } from '../domain/download-package.js';
import { extractTar, extractZip } from './archive-extraction.js';

export interface DownloadBounds extends ExtractionBounds {
  /** Of the archive as downloaded. */
  readonly maxArchiveBytes: number;
  readonly timeoutMs: number;
}

export class PackageDirectory implements PackageStore {
  constructor(
    /** The workflow's volume: the package goes to `<workdir>/package`. */
    private readonly workdir: string,
    private readonly index: PackageIndexClient,
    private readonly bounds: DownloadBounds,
  ) {}

  get packageDir(): string {
    return path.join(this.workdir, DOWNLOAD_OUTPUTS.package);
  }

  async fetch(file: IndexFile): Promise<FetchedArchive> {
    await mkdir(this.workdir, { recursive: true });
    // A name of our own: the index's file name is not trusted as a path.
    const archive = path.join(this.workdir, `.download-${randomUUID()}`);
    const downloaded = await this.index.download(file, archive, { maxBytes: this.bounds.maxArchiveBytes, timeoutMs: this.bounds.timeoutMs });
    return { path: archive, filename: file.filename, ...downloaded };
  }

  async unpack(archive: FetchedArchive, format: ArchiveFormat): Promise<{ entries: number; bytes: number }> {
    const partial = path.join(this.workdir, `.package-${randomUUID()}`);
    await mkdir(partial, { mode: 0o755 });
    try {
      const guard = new EntryGuard(archive.filename, this.bounds);
      const extracted = format === 'tar' ? await extractTar(archive.path, partial, guard) : await extractZip(archive.path, partial, guard);
      await rm(this.packageDir, { recursive: true, force: true });
      await rename(partial, this.packageDir);
      return extracted;
    } catch (error) {
      // Moved aside first: a write the extractor still had in flight cannot land in a folder being removed.
      const discarded = `${partial}.discard`;
      await rename(partial, discarded).catch(() => {});
      await rm(discarded, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      await rm(partial, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      // A corrupt or hostile archive is a refusal with its reason, not a crash of the step.
      throw error instanceof ArchiveRefused ? error : new ArchiveRefused(archive.filename, undefined, `cannot be extracted: ${(error as Error).message}`);
    }
  }

  async discard(archive: FetchedArchive): Promise<void> {
    await rm(archive.path, { force: true });
  }
}
