/** download-package's decisions: which file is the version's sdist, and which archive entries may be written. */
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import type { IndexFile } from '../../../../src/runtime/python/package-index.js';
import { ArchiveRefused, EntryGuard, type ArchiveEntry } from './archive-entries.js';
import { DOWNLOAD_COMPONENT, releaseMessages, sameVersion, selectRelease } from './download-package.js';

const file = (filename: string, version: string | undefined, kind: IndexFile['kind'] = 'sdist'): IndexFile => ({
  filename,
  url: `https://files.example/${filename}`,
  hashes: {},
  kind,
  version,
  yanked: false,
});

describe('selectRelease', () => {
  test('the version by PEP 440, not by text: 1.0 is 1.0.0 and 2.0RC1 is 2.0rc1; 1.0 is not 1.0.1 nor 1.0.post1', () => {
    expect(sameVersion('1.0.0', '1.0')).toBe(true);
    expect(sameVersion('2.0RC1', '2.0rc1')).toBe(true);
    expect(sameVersion('1.0.1', '1.0')).toBe(false);
    expect(sameVersion('1.0.post1', '1.0')).toBe(false);
    const files = [file('a-1.0.post1.tar.gz', '1.0.post1'), file('a-1.0.1.tar.gz', '1.0.1'), file('a-1.0.0.zip', '1.0.0')];
    expect(selectRelease(files, '1.0')).toEqual({ kind: 'sdist', file: files[2], format: 'zip' });
  });

  test('the spelling asked for first, then .tar.gz before .zip before .tar; yanked files count (the version is pinned)', () => {
    const files = [file('a-1.0.0.tar.gz', '1.0.0'), file('a-1.0.tar', '1.0'), file('a-1.0.zip', '1.0'), { ...file('a-1.0.tar.gz', '1.0'), yanked: 'oops' }];
    expect(selectRelease(files, '1.0')).toMatchObject({ kind: 'sdist', file: { filename: 'a-1.0.tar.gz' }, format: 'tar' });
    expect(selectRelease(files.slice(0, 3), '1.0')).toMatchObject({ file: { filename: 'a-1.0.zip' }, format: 'zip' });
  });

  test('only wheels: no-sdist; only .tar.bz2: unsupported; nothing of the version, or no project: missing', () => {
    expect(selectRelease([file('a-1.0-py3-none-any.whl', '1.0', 'wheel'), file('a-2.0.tar.gz', '2.0')], '1.0')).toEqual({
      kind: 'no-sdist',
      files: ['a-1.0-py3-none-any.whl'],
    });
    expect(selectRelease([file('a-1.0.tar.bz2', '1.0')], '1.0')).toEqual({ kind: 'unsupported-sdist', files: ['a-1.0.tar.bz2'] });
    expect(selectRelease([file('a-2.0.tar.gz', '2.0')], '1.0')).toEqual({ kind: 'missing' });
    expect(selectRelease(undefined, '1.0')).toEqual({ kind: 'missing' });
  });

  test('the messages: update-provides-source-distro false for wheels only, missing-version for nothing, none otherwise', () => {
    const pkg = { name: 'a', version: '1.0', indexUrl: 'https://pypi.org/simple' };
    const sender = { componentName: DOWNLOAD_COMPONENT, serviceVersion: '1' };
    expect(releaseMessages({ kind: 'no-sdist', files: [] }, pkg, sender)).toEqual([
      {
        topic_name: MESSAGE_TYPES['update-provides-source-distro'].base,
        message_contents: expect.objectContaining({ package_name: 'a', package_version: '1.0', index_url: pkg.indexUrl, value: false }),
      },
    ]);
    expect(releaseMessages({ kind: 'missing' }, pkg, sender).map((message) => message.topic_name)).toEqual([MESSAGE_TYPES['missing-version'].base]);
    expect(releaseMessages({ kind: 'unsupported-sdist', files: [] }, pkg, sender)).toEqual([]);
  });
});

describe('EntryGuard', () => {
  const bounds = { maxEntries: 10, maxBytes: 100_000 };
  const admitAll = (entries: ArchiveEntry[], guard = new EntryGuard('a-1.0.tar.gz', bounds)) => entries.map((entry) => guard.admit(entry));
  const entry = (path: string, kind: ArchiveEntry['kind'] = 'file', target?: string, size = 1): ArchiveEntry => ({ path, kind, size, target });
  const refusal = (entries: ArchiveEntry[]) => {
    try {
      admitAll(entries);
    } catch (error) {
      if (error instanceof ArchiveRefused) return error.message;
      throw error;
    }
    return undefined;
  };

  test('an sdist as it is: normalised relative paths; devices skipped; links that stay inside', () => {
    expect(
      admitAll([
        entry('a-1.0/', 'directory'),
        entry('./a-1.0//setup.py'),
        entry('a-1.0/dev', 'other'),
        entry('a-1.0/docs/index.md', 'symlink', '../README.md'),
        entry('a-1.0/README.md'),
        entry('a-1.0/README.rst', 'hardlink', 'a-1.0/setup.py'),
      ]),
    ).toEqual(['a-1.0', 'a-1.0/setup.py', undefined, 'a-1.0/docs/index.md', 'a-1.0/README.md', 'a-1.0/README.rst']);
  });

  test.each([
    [[entry('/etc/passwd')], '"/etc/passwd" is an absolute path'],
    [[entry('C:/x')], 'is an absolute path'],
    [[entry('a/../../x')], '"a/../../x" contains ..'],
    [[entry('a/link', 'symlink', '/etc')], 'links to "/etc", an absolute path'],
    [[entry('a/link', 'symlink', '../../etc')], 'outside the target directory'],
    [[entry('a/link', 'symlink', 'b/../../..')], 'only leading .. are allowed'],
    [[entry('a/link', 'symlink', '.'), entry('a/link/x')], 'goes through the link "a/link" the archive made'],
    [[entry('a/b/c'), entry('a/b', 'symlink', 'x')], 'is a link in place of a directory the archive made'],
    [[entry('a/x', 'hardlink', '/etc/shadow')], 'is an absolute path'],
    [[entry('a/x', 'hardlink', 'a/never-written')], 'which is no file the archive wrote before'],
    [[entry('.', 'file')], 'replaces the target directory'],
  ])('refuses %j: %s', (entries, reason) => {
    expect(refusal(entries)).toContain(reason);
  });

  test('bounds: entries counted up front (zip) or as they come, bytes as they add up; the archive, not an entry, is named', () => {
    expect(() => new EntryGuard('a.zip', bounds).admitCount(11)).toThrow('a.zip: has 11 entries, more than 10; nothing was extracted');
    expect(refusal(Array.from({ length: 11 }, (_, i) => entry(`f${i}`)))).toBe('a-1.0.tar.gz: has more than 10 entries; nothing was extracted');
    expect(refusal([entry('big', 'file', undefined, 60_000), entry('bigger', 'file', undefined, 41_000)])).toBe(
      'a-1.0.tar.gz: holds more than 100000 bytes; nothing was extracted',
    );
  });

  test('the folders a path implies count: as entries of 4 KiB each, at most 100 levels deep', () => {
    expect(refusal([entry(`${'d/'.repeat(10)}f`)])).toBe('a-1.0.tar.gz: has more than 10 entries (its folders counted); nothing was extracted');
    expect(refusal([entry(`${'d/'.repeat(100)}f`)])).toContain('is 101 levels deep, more than 100');
    const guard = new EntryGuard('a.zip', { maxEntries: 100, maxBytes: 3 * 4096 + 9 });
    expect(() => admitAll([entry('a/b/c/f', 'file', undefined, 10)], guard)).toThrow('holds more than 12297 bytes');
  });
});
