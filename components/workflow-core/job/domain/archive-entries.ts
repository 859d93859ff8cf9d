/**
 * What of an archive from an index may be written to disk (docs/quirks.md, download-package): every
 * entry stays in the target directory, and the archive as a whole stays within its bounds. One entry
 * that breaks a rule refuses the whole archive; the extraction is then undone.
 *
 * - a path is relative, without `..`, and never goes through a link the archive made;
 * - a symbolic link points inside: relative, its `..` only at the start, not above the target; nor may
 *   it replace a directory the archive made (paths already checked would then lead elsewhere);
 * - a hard link names a regular file the archive wrote before (relative to the target, as tar's are);
 * - at most `maxEntries` entries and `maxBytes` bytes, each folder it makes (said or implied by a path
 *   beneath it) counted as an entry of 4 KiB, and paths at most 100 levels deep;
 * - devices and FIFOs are skipped.
 *
 * A link that respects these rules resolves inside the target: its leading `..` climb real directories
 * that hold it, and the rest only descends, through directories or links that stay inside in turn.
 */

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface ArchiveEntry {
  /** As the archive spells it. */
  readonly path: string;
  readonly kind: EntryKind;
  /** Bytes of contents (files only). */
  readonly size: number;
  /** A link's target, as the archive spells it. */
  readonly target?: string;
}

export interface ExtractionBounds {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** The archive may not be extracted: `entry` is the path that broke a rule (none for a bound). */
export class ArchiveRefused extends Error {
  constructor(
    readonly archive: string,
    readonly entry: string | undefined,
    readonly reason: string,
  ) {
    super(`${archive}: ${entry === undefined ? '' : `${JSON.stringify(entry)} `}${reason}; nothing was extracted`);
    this.name = 'ArchiveRefused';
  }
}

/** Checks an archive's entries in their order; one guard per archive. */
export class EntryGuard {
  private entries = 0;
  private bytes = 0;
  private readonly links = new Set<string>();
  private readonly files = new Set<string>();
  private readonly directories = new Set<string>();

  constructor(
    private readonly archive: string,
    private readonly bounds: ExtractionBounds,
  ) {}

  /** Entries and bytes admitted so far. */
  get admitted(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries, bytes: this.bytes };
  }

  private addDirectory(path: string): void {
    if (this.directories.has(path)) return;
    this.directories.add(path);
    this.entries += 1;
    if (this.entries > this.bounds.maxEntries)
      throw new ArchiveRefused(this.archive, undefined, `has more than ${this.bounds.maxEntries} entries (its folders counted)`);
    this.bytes += DIRECTORY_BYTES;
    if (this.bytes > this.bounds.maxBytes)
      throw new ArchiveRefused(this.archive, undefined, `holds more than ${this.bounds.maxBytes} bytes (its folders counted)`);
  }

  /** Refuses an archive that says up front (a zip's central directory) it holds more entries than allowed. */
  admitCount(count: number): void {
    if (count > this.bounds.maxEntries) throw new ArchiveRefused(this.archive, undefined, `has ${count} entries, more than ${this.bounds.maxEntries}`);
  }

  /**
   * The entry's path relative to the target (`''` for the target itself), or undefined when it is
   * skipped; throws ArchiveRefused when it breaks a rule.
   */
  admit(entry: ArchiveEntry): string | undefined {
    const refuse = (reason: string): never => {
      throw new ArchiveRefused(this.archive, entry.path, reason);
    };
    this.entries += 1;
    if (this.entries > this.bounds.maxEntries) throw new ArchiveRefused(this.archive, undefined, `has more than ${this.bounds.maxEntries} entries`);
    const path = relativePath(entry.path, refuse);
    if (entry.kind === 'other') return undefined;
    if (path === '') return entry.kind === 'directory' ? '' : refuse('replaces the target directory');
    const parts = path.split('/');
    for (let end = 1; end <= parts.length; end++) {
      const prefix = parts.slice(0, end).join('/');
      if (this.links.has(prefix)) refuse(`goes through the link ${JSON.stringify(prefix)} the archive made`);
    }
    if (parts.length > MAX_DEPTH) refuse(`is ${parts.length} levels deep, more than ${MAX_DEPTH}`);
    // A folder the extraction makes, said or implied by a path beneath it, is an entry and takes a
    // block of the volume: thousands of deep paths would otherwise fill it with folders alone.
    for (let end = 1; end < parts.length; end++) this.addDirectory(parts.slice(0, end).join('/'));
    switch (entry.kind) {
      case 'directory':
        this.addDirectory(path);
        break;
      case 'file':
        this.bytes += entry.size;
        if (this.bytes > this.bounds.maxBytes) throw new ArchiveRefused(this.archive, undefined, `holds more than ${this.bounds.maxBytes} bytes`);
        this.files.add(path);
        break;
      case 'symlink':
        if (this.directories.has(path)) refuse('is a link in place of a directory the archive made');
        checkSymlinkTarget(path, entry.target ?? '', refuse);
        this.links.add(path);
        this.files.delete(path);
        break;
      case 'hardlink': {
        const target = relativePath(entry.target ?? '', (reason) => refuse(`links to ${JSON.stringify(entry.target)}, which ${reason}`));
        if (!this.files.has(target)) refuse(`links to ${JSON.stringify(entry.target)}, which is no file the archive wrote before`);
        this.files.add(path);
        break;
      }
    }
    return path;
  }
}

/** Paths deeper than this are no sdist's (the deepest known are about 15 levels). */
const MAX_DEPTH = 100;
/** What a folder takes on the volume. */
const DIRECTORY_BYTES = 4096;

/** The path normalised (no `.`, no empty parts), or a refusal: absolute, with `..`, empty or with NUL. */
function relativePath(path: string, refuse: (reason: string) => never): string {
  if (path === '' || path.includes('\0')) return refuse('is no path');
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path)) return refuse('is an absolute path');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return refuse('contains ..');
  return parts.join('/');
}

function checkSymlinkTarget(path: string, target: string, refuse: (reason: string) => never): void {
  const says = `links to ${JSON.stringify(target)}`;
  if (target === '' || target.includes('\0')) refuse(`${says}, no path`);
  if (target.startsWith('/') || target.startsWith('\\') || /^[a-z]:/i.test(target)) refuse(`${says}, an absolute path`);
  const parts = target.split('/').filter((part) => part !== '' && part !== '.');
  const climbs = parts.findIndex((part) => part !== '..');
  const up = climbs === -1 ? parts.length : climbs;
  if (parts.slice(up).includes('..')) refuse(`${says}, with .. after a name (only leading .. are allowed)`);
  // The link's own directory is `depth` levels below the target.
  const depth = path.split('/').length - 1;
  if (up > depth) refuse(`${says}, outside the target directory`);
}
