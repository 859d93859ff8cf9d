/**
 * download-package's decisions (thoth-jobs.md §11, download_py_package): which file of the index is
 * the version's source distribution, and what the step tells the investigator when there is none.
 *
 * A file belongs to the version when the version its name spells is that version by PEP 440 (`1.0`
 * is `1.0.0`, `2.0RC1` is `2.0rc1`, but `1.0` is not `1.0.1` nor `1.0.post1`); the reference tested
 * the file name for the text `-<version>-` or a `-<version>.tar.gz`/`.zip` ending, which took the
 * build tag or a name part of another version's file for the version, and missed every other
 * spelling and sdist format.
 */
import { eq, valid } from '@renovatebot/pep440';
import type { IndexFile } from '../../../../src/runtime/python/package-index.js';
import { normalVersion, type PackageVersion } from '../../../../src/runtime/python/package.js';
import { type FileMessage, fileMessage } from './messages-file.js';

/** What the step can extract: tar (gzip-compressed or not) and zip. */
export type ArchiveFormat = 'tar' | 'zip';

export type Release =
  /** The sdist to download, and how to extract it. */
  | { readonly kind: 'sdist'; readonly file: IndexFile; readonly format: ArchiveFormat }
  /** Source distributions of the version, each in a format the step does not extract (.tar.bz2, .tar.xz). */
  | { readonly kind: 'unsupported-sdist'; readonly files: readonly string[] }
  /** Files of the version, none a source distribution (wheels, eggs). */
  | { readonly kind: 'no-sdist'; readonly files: readonly string[] }
  /** No file of the version (or no project at all). */
  | { readonly kind: 'missing' };

/** The format the step extracts a file in, by its name; undefined for a format it does not (bzip2, xz, lzma). */
export function archiveFormat(fileName: string): ArchiveFormat | undefined {
  if (/\.(tar\.gz|tgz|tar)$/i.test(fileName)) return 'tar';
  if (/\.zip$/i.test(fileName)) return 'zip';
  return undefined;
}

/** Whether a file name's version is the version asked for. */
export function sameVersion(spelt: string, wanted: string): boolean {
  if (normalVersion(spelt) === normalVersion(wanted)) return true;
  return valid(spelt) !== null && valid(wanted) !== null && eq(spelt, wanted);
}

/**
 * The version's sdist among the project's files: one spelt as asked (in normal form) before one only
 * equal by PEP 440, then .tar.gz before .zip before a bare .tar; yanked files count, since the
 * version is pinned exactly (PEP 592).
 */
export function selectRelease(files: readonly IndexFile[] | undefined, version: string): Release {
  const ofVersion = (files ?? []).filter((file) => file.version !== undefined && sameVersion(file.version, version));
  if (ofVersion.length === 0) return { kind: 'missing' };
  const rank = (file: IndexFile): number => {
    const exact = normalVersion(file.version!) === normalVersion(version) ? 0 : 10;
    const format = /\.(tar\.gz|tgz)$/i.test(file.filename) ? 0 : archiveFormat(file.filename) === 'zip' ? 1 : 2;
    return exact + format;
  };
  const sdists = ofVersion.filter((file) => file.kind === 'sdist' && archiveFormat(file.filename) !== undefined).sort((a, b) => rank(a) - rank(b));
  const chosen = sdists[0];
  if (chosen !== undefined) return { kind: 'sdist', file: chosen, format: archiveFormat(chosen.filename)! };
  const unsupported = ofVersion.filter((file) => file.kind === 'sdist');
  if (unsupported.length > 0) return { kind: 'unsupported-sdist', files: unsupported.map((file) => file.filename) };
  return { kind: 'no-sdist', files: ofVersion.map((file) => file.filename) };
}

/** The reference's component name: the messages of the step are counted under it. */
export const DOWNLOAD_COMPONENT = 'workflow_helper.download_py_package';

/**
 * The message of a version the step could not download: update-provides-source-distro false when
 * the version has files but no sdist, missing-version when it has none. An sdist in a format the
 * step does not extract is neither: the version provides one, the step fails instead.
 */
export function releaseMessages(
  release: Release,
  pkg: PackageVersion,
  sender: { readonly componentName: string; readonly serviceVersion: string },
): FileMessage[] {
  const fields = {
    component_name: sender.componentName,
    service_version: sender.serviceVersion,
    version: 'v1',
    package_name: pkg.name,
    package_version: pkg.version,
    index_url: pkg.indexUrl,
  };
  switch (release.kind) {
    case 'sdist':
    case 'unsupported-sdist':
      return [];
    case 'no-sdist':
      return [fileMessage('update-provides-source-distro', { ...fields, value: false })];
    case 'missing':
      return [fileMessage('missing-version', fields)];
  }
}
