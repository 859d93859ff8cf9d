/**
 * download-package run as the image runs it (in process) against a local server that answers as a
 * package index does: the sdist extracted for the analysers (tar.gz or zip), the message when the
 * version has no sdist, and every archive that would write outside its directory, or more than its
 * bounds, refused with nothing left behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { type ArchiveMember, paxRecords, tarArchive, zipArchive } from '../../../../test/services/archives.js';
import { runInProcess } from '../../../../test/services/job-programs.js';
import { workflowTasksProgram } from '../program.js';

const SDIST: ArchiveMember[] = [
  { path: 'demo-1.0/', kind: 'directory' },
  { path: 'demo-1.0/setup.py', content: 'from setuptools import setup\n' },
  { path: 'demo-1.0/demo/__init__.py', content: 'VERSION = "1.0"\n' },
  { path: 'demo-1.0/docs/README.md', kind: 'symlink', target: '../README.md' },
  { path: 'demo-1.0/README.md', content: '# demo\n' },
];

/** The files the index serves, by project: name → [file name, bytes, listed sha256 (default: the right one)]. */
const PROJECTS: Record<string, [string, Buffer, string?][]> = {
  demo: [
    ['demo-1.0.tar.gz', tarArchive(SDIST)],
    ['demo-1.0-py3-none-any.whl', Buffer.from('wheel')],
    ['demo-2.0.zip', zipArchive(SDIST.map((member) => ({ ...member, path: member.path.replace('1.0', '2.0') })))],
    ['demo-3.0-py3-none-any.whl', Buffer.from('wheel')],
    ['demo-4.0.tar.bz2', Buffer.from('bzip2')],
    ['demo-5.0.tar.gz', tarArchive(SDIST), '0'.repeat(64)],
  ],
  evil: [
    [
      'evil-1.0.tar.gz',
      tarArchive([
        { path: 'evil-1.0/ok.py', content: 'x' },
        { path: 'evil-1.0/../../escaped', content: 'pwned' },
      ]),
    ],
    ['evil-2.0.tar.gz', tarArchive([{ path: 'evil-2.0/etc', kind: 'symlink', target: '../../etc' }])],
    [
      'evil-3.0.zip',
      zipArchive([
        { path: 'evil-3.0/link', kind: 'symlink', target: '.' },
        { path: 'evil-3.0/link/x', content: 'x' },
      ]),
    ],
    ['evil-4.0.tar.gz', tarArchive([{ path: 'evil-4.0/zeros', content: Buffer.alloc(2 * 1024 * 1024) }])],
    ['evil-5.0.zip', zipArchive([{ path: '/abs', content: 'x' }])],
    // A global PAX header says 1 byte; the local one, which the data follows, 2 MiB.
    [
      'evil-6.0.tar.gz',
      tarArchive([
        { path: 'pax-global', kind: 'global-pax', content: paxRecords({ size: '1' }) },
        { path: 'pax-local', kind: 'pax', content: paxRecords({ size: String(2 * 1024 * 1024) }) },
        { path: 'evil-6.0/zeros', content: Buffer.alloc(2 * 1024 * 1024) },
      ]),
    ],
    ['evil-7.0.tar.gz', tarArchive(Array.from({ length: 12 }, (_, index) => ({ path: `f${index}`, content: 'x' })))],
    ['evil-8.0.tar.gz', Buffer.from('not a tar at all, not even gzip')],
  ],
};

let server: Server;
let indexUrl: string;
let workdir: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const [, kind, project, name] = /^\/(simple|files)\/([^/]+)\/([^/]*)$/.exec(String(request.url)) ?? [];
    const files = PROJECTS[project ?? ''];
    if (files === undefined) return response.writeHead(404).end();
    if (kind === 'simple') {
      const links = files.map(
        ([file, bytes, sha256]) => `<a href="../../files/${project}/${file}#sha256=${sha256 ?? createHash('sha256').update(bytes).digest('hex')}">${file}</a>`,
      );
      return response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!DOCTYPE html><html><body>${links.join('<br/>\n')}</body></html>`);
    }
    const served = files.find(([file]) => file === name);
    return served === undefined ? response.writeHead(404).end() : response.writeHead(200).end(served[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  workdir = mkdtempSync(path.join(tmpdir(), 'download-package-'));
});

const download = (name: string, version: string, extra: Record<string, string> = {}) =>
  runInProcess(workflowTasksProgram, 'workflow-tasks', ['download-package'], {
    THOTH_PACKAGE_NAME: name,
    THOTH_PACKAGE_VERSION: version,
    THOTH_PACKAGE_INDEX: indexUrl,
    THOTH_DOWNLOAD_WORKDIR: workdir,
    THOTH_LOGGING_NO_JSON: '1',
    ...extra,
  });
const inWorkdir = () => readdirSync(workdir).sort();
const read = (file: string) => readFileSync(path.join(workdir, file), 'utf8');

test('a tar.gz sdist, checked against its sha256, is extracted into package/ with its links; failed_status 0', async () => {
  const { exitCode, stderr } = await download('Demo', '1.0.0');
  expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
  expect(inWorkdir()).toEqual(['failed_status', 'message', 'package']);
  expect(read('failed_status')).toBe('0');
  expect(JSON.parse(read('message'))).toEqual([]);
  expect(read('package/demo-1.0/setup.py')).toBe('from setuptools import setup\n');
  expect(readlinkSync(path.join(workdir, 'package/demo-1.0/docs/README.md'))).toBe('../README.md');
  expect(read('package/demo-1.0/docs/README.md')).toBe('# demo\n');
});

test('a zip sdist is extracted the same way, and a retried step replaces what an earlier attempt left', async () => {
  mkdirSync(path.join(workdir, 'package/stale'), { recursive: true });
  writeFileSync(path.join(workdir, 'package/stale/left-over.py'), 'x');
  expect((await download('demo', '2.0')).exitCode).toBe(0);
  expect(readdirSync(path.join(workdir, 'package'))).toEqual(['demo-2.0']);
  expect(read('package/demo-2.0/demo/__init__.py')).toBe('VERSION = "1.0"\n');
});

test('only wheels: update-provides-source-distro false for send-messages, failed_status 1; no file of the version: missing-version', async () => {
  expect((await download('demo', '3.0')).exitCode).toBe(0);
  expect(read('failed_status')).toBe('1');
  expect(JSON.parse(read('message'))).toEqual([
    {
      topic_name: MESSAGE_TYPES['update-provides-source-distro'].base,
      message_contents: expect.objectContaining({
        component_name: 'workflow_helper.download_py_package',
        package_name: 'demo',
        package_version: '3.0',
        index_url: indexUrl,
        value: false,
      }),
    },
  ]);
  expect((await download('demo', '9.9')).exitCode).toBe(0);
  expect(JSON.parse(read('message')).map((message: { topic_name: string }) => message.topic_name)).toEqual([MESSAGE_TYPES['missing-version'].base]);
  expect((await download('unknown-project', '1.0')).exitCode).toBe(0);
  expect(read('failed_status')).toBe('1');
  expect(inWorkdir()).toEqual(['failed_status', 'message']);
});

test('an sdist only in a format the step does not extract fails the step; so does one whose hash is not the index’s', async () => {
  const bzip2 = await download('demo', '4.0');
  expect(bzip2.exitCode).toBe(1);
  expect(bzip2.stdout).toContain('demo-4.0.tar.bz2');
  const tampered = await download('demo', '5.0');
  expect(tampered.exitCode).toBe(1);
  expect(tampered.stdout).toContain('demo-5.0.tar.gz: its sha256 is');
  expect(inWorkdir()).toEqual([]);
});

test.each([
  ['1.0', '"evil-1.0/../../escaped" contains ..'],
  ['2.0', 'links to "../../etc", outside the target directory'],
  ['3.0', 'goes through the link "evil-3.0/link" the archive made'],
  ['4.0', 'holds more than 1048576 bytes'],
  ['5.0', '"/abs" is an absolute path'],
  ['6.0', 'holds more than 1048576 bytes'],
  ['7.0', 'has more than 10 entries'],
  ['8.0', 'cannot be extracted'],
])('evil %s is refused (%s); nothing is extracted, nothing is left', async (version, reason) => {
  const { exitCode, stdout } = await download('evil', version, { THOTH_DOWNLOAD_MAX_EXTRACTED_MB: '1', THOTH_DOWNLOAD_MAX_ENTRIES: '10' });
  expect(exitCode).toBe(1);
  expect(stdout).toContain(reason);
  expect(stdout).not.toMatch(/\n\s+at /);
  expect(inWorkdir()).toEqual([]);
  expect(readdirSync(path.dirname(workdir)).filter((name) => name === 'escaped')).toEqual([]);
});

test('a setting out of its bounds is one line naming it, before any request', async () => {
  const { exitCode, stderr } = await download('demo', '1.0', { THOTH_DOWNLOAD_MAX_ENTRIES: '0' });
  expect(exitCode).toBe(1);
  expect(stderr).toMatch(/^workflow-tasks: THOTH_DOWNLOAD_MAX_ENTRIES="0" is invalid/);
});
