/**
 * Archives written byte by byte, as an index may serve them, including what no honest packaging tool
 * writes (`..` in a path, a link out of the tree): ustar for tar, stored entries for zip.
 */
import { crc32, gzipSync } from 'node:zlib';

export interface ArchiveMember {
  readonly path: string;
  /** pax and global-pax: PAX extended headers, their records in `content` (paxRecords). */
  readonly kind?: 'file' | 'directory' | 'symlink' | 'hardlink' | 'pax' | 'global-pax';
  readonly content?: string | Buffer;
  /** A link's target. */
  readonly target?: string;
}

const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', directory: '5', pax: 'x', 'global-pax': 'g' } as const;

/** PAX records ("<length> <key>=<value>\n", the length counting itself). */
export function paxRecords(records: Readonly<Record<string, string>>): string {
  return Object.entries(records)
    .map(([key, value]) => {
      const body = ` ${key}=${value}\n`;
      let length = body.length + 1;
      while (`${length}${body}`.length !== length) length += 1;
      return `${length}${body}`;
    })
    .join('');
}

function tarHeader(member: ArchiveMember, size: number): Buffer {
  const header = Buffer.alloc(512);
  const kind = member.kind ?? 'file';
  const put = (text: string, offset: number, length: number) => header.write(text.slice(0, length), offset, length, 'utf8');
  const octal = (value: number, offset: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  put(member.path, 0, 100);
  octal(kind === 'directory' ? 0o755 : 0o644, 100, 8);
  octal(1000, 108, 8);
  octal(1000, 116, 8);
  octal(size, 124, 12);
  octal(1_700_000_000, 136, 12);
  put(' '.repeat(8), 148, 8);
  put(TYPE_FLAGS[kind], 156, 1);
  put(member.target ?? '', 157, 100);
  put('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** A tar archive of the members, gzip-compressed unless `gzip` is false. */
export function tarArchive(members: readonly ArchiveMember[], { gzip = true } = {}): Buffer {
  const blocks = members.flatMap((member) => {
    const hasContent = member.kind === undefined || member.kind === 'file' || member.kind === 'pax' || member.kind === 'global-pax';
    const content = hasContent ? Buffer.from(member.content ?? '') : Buffer.alloc(0);
    const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
    return [tarHeader(member, content.length), content, padding];
  });
  const tar = Buffer.concat([...blocks, Buffer.alloc(1024)]);
  return gzip ? gzipSync(tar) : tar;
}

/** A zip archive of the members, stored (not compressed); links as Info-ZIP writes them (Unix mode in the external attributes). */
export function zipArchive(members: readonly ArchiveMember[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const kind = member.kind ?? 'file';
    const name = Buffer.from(kind === 'directory' && !member.path.endsWith('/') ? `${member.path}/` : member.path);
    const data = kind === 'symlink' ? Buffer.from(member.target ?? '') : Buffer.from(member.content ?? '');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const mode = kind === 'symlink' ? 0o120777 : kind === 'directory' ? 0o040755 : 0o100644;
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE((mode << 16) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
