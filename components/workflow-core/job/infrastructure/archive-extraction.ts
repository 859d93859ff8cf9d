/**
 * Extracts a tar (gzip-compressed or not) or zip archive from disk into a fresh directory, streamed
 * entry by entry, each entry first admitted by the archive's EntryGuard (../domain/archive-entries.ts).
 * The first refusal stops the extraction and is the error; the caller deletes the directory.
 *
 * tar: node-tar, strict (a corrupt header, a path it would itself strip or skip, is an error), owners
 * not kept, modes without set-id bits and always readable by the owner. zip: yauzl, sizes checked
 * against the central directory as the data is inflated; a Unix symbolic link (as Info-ZIP stores
 * it) is made a link, under the same rules as tar's.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type ReadEntry, Unpack } from 'tar';
import yauzl, { type Entry } from 'yauzl';
import { type ArchiveEntry, ArchiveRefused, type EntryGuard, type EntryKind } from '../domain/archive-entries.js';

export interface Extracted {
  readonly entries: number;
  readonly bytes: number;
}

const TAR_KINDS: Readonly<Record<string, EntryKind>> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'directory',
  GNUDumpDir: 'directory',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
};

export async function extractTar(archive: string, into: string, guard: EntryGuard): Promise<Extracted> {
  let refusal: unknown;
  const unpack = new Unpack({
    cwd: into,
    strict: true,
    preserveOwner: false,
    filter: (entryPath, entry) => {
      // After a refusal every later entry is skipped, not aborted: node-tar still writes the entries
      // it had queued, and 'close' (after them) is when the directory can be removed whole.
      if (refusal !== undefined) return false;
      const read = entry as ReadEntry;
      try {
        const kind = TAR_KINDS[read.type] ?? 'other';
        // `remain` is what node-tar will write: a global PAX header can make `size` say less.
        const admitted = guard.admit({ path: entryPath, kind, size: kind === 'file' ? read.remain : 0, target: read.linkpath });
        if (admitted === undefined) return false;
        if (read.mode !== undefined) read.mode = (read.mode & 0o755) | (kind === 'directory' ? 0o700 : 0o600);
        return true;
      } catch (error) {
        refusal = error;
        return false;
      }
    },
  });
  const source = createReadStream(archive);
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      source.destroy();
      reject(refusal ?? error);
    };
    unpack.on('error', fail);
    unpack.on('close', () => (refusal === undefined ? resolve() : reject(refusal)));
    source.on('error', fail);
    source.pipe(unpack);
  });
  return guard.admitted;
}

/** Info-ZIP's "made by" of Unix, and the file type bits of a symbolic link in its external attributes. */
const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
/** A link's target is a path, not contents. */
const MAX_LINK_TARGET = 4096;

export async function extractZip(archive: string, into: string, guard: EntryGuard): Promise<Extracted> {
  // Names are decoded here so that the guard, not yauzl, says what is wrong with one.
  const zip = await yauzl.openPromise(archive, { decodeStrings: false, validateEntrySizes: true, autoClose: false });
  try {
    // The central directory lists every entry before any is written: the count is checked first.
    guard.admitCount(zip.entryCount);
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const kind = zipKind(entry, name);
      if (entry.isEncrypted()) throw new ArchiveRefused(path.basename(archive), name, 'is encrypted');
      const target = kind === 'symlink' ? await linkTarget(zip, entry, archive, name) : undefined;
      const admitted = guard.admit({ path: name, kind, size: entry.uncompressedSize, target } satisfies ArchiveEntry);
      if (admitted === undefined || admitted === '') continue;
      const destination = path.join(into, admitted);
      if (kind === 'directory') {
        await mkdir(destination, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(destination), { recursive: true });
      if (kind === 'symlink') {
        await symlink(target!, destination);
        continue;
      }
      // 'wx': a name the archive holds twice is refused by the file system rather than written through.
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(destination, { flags: 'wx', mode: 0o644 }));
    }
  } finally {
    zip.close();
  }
  return guard.admitted;
}

function zipKind(entry: Entry, name: string): EntryKind {
  const unixType = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
  if (name.endsWith('/') || unixType === S_IFDIR) return 'directory';
  if (unixType === S_IFLNK) return 'symlink';
  return 'file';
}

async function linkTarget(zip: yauzl.ZipFile, entry: Entry, archive: string, name: string): Promise<string> {
  if (entry.uncompressedSize > MAX_LINK_TARGET) throw new ArchiveRefused(path.basename(archive), name, `is a link of more than ${MAX_LINK_TARGET} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
