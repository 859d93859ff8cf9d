/**
 * download-package: the version's source distribution downloaded from its index and extracted for
 * the analysers, or the message that says why there is none (no file of the version, or only
 * wheels), which the workflow's send-messages step sends.
 */
import type { IndexFile, ProjectFiles } from '../../../../src/runtime/python/package-index.js';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { type ArchiveFormat, releaseMessages, selectRelease } from '../domain/download-package.js';
import type { FileMessage } from '../domain/messages-file.js';

/** The index's Simple API (src/runtime/python/package-index.ts is one). */
export interface ProjectIndex {
  /** The project's files; undefined when the index does not know the project. */
  project(indexUrl: string, name: string): Promise<ProjectFiles | undefined>;
}

/** The downloaded archive, checked against the hashes the index gave. */
export interface FetchedArchive {
  readonly path: string;
  /** As the index names it. */
  readonly filename: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The hash algorithms checked: none when the index gave no hash. */
  readonly checked: readonly string[];
}

/** Where the step's archive goes, and the package it becomes. */
export interface PackageStore {
  /** Downloads the file; one that is too large or not what the index says is an error, and not kept. */
  fetch(file: IndexFile): Promise<FetchedArchive>;
  /** Extracts the archive as the package, all of it or nothing (an archive that breaks a rule is an error). */
  unpack(archive: FetchedArchive, format: ArchiveFormat): Promise<{ readonly entries: number; readonly bytes: number }>;
  /** Deletes the downloaded archive, which nothing after the step reads. */
  discard(archive: FetchedArchive): Promise<void>;
}

export type DownloadOutcome =
  | {
      readonly kind: 'extracted';
      readonly file: string;
      readonly bytes: number;
      readonly sha256: string;
      readonly entries: number;
      readonly extractedBytes: number;
    }
  /** No sdist to download: the messages that say so. */
  | {
      readonly kind: 'not-provided';
      readonly reason: 'missing-version' | 'no-sdist';
      readonly files: readonly string[];
      readonly messages: readonly FileMessage[];
    }
  /** The version's sdists are all in a format the step does not extract: it fails, and says nothing of the version. */
  | { readonly kind: 'unsupported'; readonly files: readonly string[] };

export async function downloadPackage(
  pkg: PackageVersion,
  ports: { readonly index: ProjectIndex; readonly store: PackageStore },
  sender: { readonly componentName: string; readonly serviceVersion: string },
  log: Logger,
): Promise<DownloadOutcome> {
  const project = await ports.index.project(pkg.indexUrl, pkg.name);
  if (project === undefined) log.warn({ package: pkg.name, indexUrl: pkg.indexUrl }, 'the index does not know the project');
  const release = selectRelease(project?.files, pkg.version);
  switch (release.kind) {
    case 'missing':
      return { kind: 'not-provided', reason: 'missing-version', files: [], messages: releaseMessages(release, pkg, sender) };
    case 'no-sdist':
      return { kind: 'not-provided', reason: 'no-sdist', files: release.files, messages: releaseMessages(release, pkg, sender) };
    case 'unsupported-sdist':
      return { kind: 'unsupported', files: release.files };
  }
  const { file, format } = release;
  if (file.yanked !== false) log.warn({ file: file.filename, reason: file.yanked }, 'the sdist is yanked; it is the version asked for, so it is analysed');
  const archive = await ports.store.fetch(file);
  if (archive.checked.length === 0) log.warn({ file: file.filename }, 'the index gives no hash of the sdist; it is not verified');
  let unpacked: { readonly entries: number; readonly bytes: number };
  try {
    unpacked = await ports.store.unpack(archive, format);
  } finally {
    await ports.store.discard(archive);
  }
  return { kind: 'extracted', file: file.filename, bytes: archive.bytes, sha256: archive.sha256, entries: unpacked.entries, extractedBytes: unpacked.bytes };
}
