/**
 * The Simple API client against a local server that answers as an index does: PEP 691 JSON (with and
 * without PEP 700's versions), PEP 503 HTML, refusals and outages, and downloads checked against the
 * hashes the page gives.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileKind, FileRejected, type IndexFile, PackageIndexClient, retryAfterMs, versionInFileName } from './package-index.js';

const CONTENT = Buffer.from('an sdist, as bytes');
const SHA256 = createHash('sha256').update(CONTENT).digest('hex');
const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';

let server: Server;
let url: string;
const requests: { url: string; accept: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ url: String(request.url), accept: String(request.headers.accept) });
    const json = (body: unknown) => response.writeHead(200, { 'Content-Type': JSON_TYPE }).end(JSON.stringify(body));
    const html = (body: string) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(body);
    switch (request.url) {
      case '/simple/flask/':
        return json({ name: 'flask', versions: ['1.0', '2.0.1'], files: [] });
      case '/simple/zope-interface/':
        return json({
          name: 'zope-interface',
          files: [
            { filename: 'zope.interface-5.4.0.tar.gz', url: '../../files/zope.interface-5.4.0.tar.gz', hashes: { SHA256: 'AB' }, yanked: 'broken' },
            { filename: 'zope.interface-5.4.0-cp39-cp39-manylinux1_x86_64.whl', url: 'https://files.example/z.whl', hashes: {} },
            { filename: 'zope.interface-6.0.zip', url: '/files/z.zip', hashes: {}, yanked: true },
            { filename: 'no-url.tar.gz' },
          ],
        });
      case '/simple/python-dateutil/':
        return html(
          '<html><head><base href="/mirror/"></head><body><a href="python-dateutil-2.8.2.tar.gz#sha256=00FF">python-dateutil-2.8.2.tar.gz</a><br/>' +
            '<A HREF="x.whl" data-yanked="bad &amp; wrong">python_dateutil-2.8.1-py2.py3-none-any.whl</A><a>no href</a></body></html>',
        );
      case '/simple/broken/':
        return response.writeHead(503).end();
      case '/simple/forbidden/':
        return response.writeHead(403).end();
      case '/files/good.tar.gz':
      case '/files/wrong.tar.gz':
        return response.writeHead(200, { 'Content-Length': String(CONTENT.length) }).end(CONTENT);
      case '/files/endless.tar.gz':
        // No length: the bound applies as the bytes arrive.
        response.writeHead(200);
        response.write(Buffer.alloc(64 * 1024));
        return response.end(Buffer.alloc(64 * 1024));
      default:
        return response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const index = new PackageIndexClient({ timeoutMs: 5_000 });

test('PEP 700 versions, asked for in JSON first', async () => {
  expect(await index.versions(url, 'flask')).toEqual(['1.0', '2.0.1']);
  expect(requests.at(-1)?.accept).toMatch(/^application\/vnd\.pypi\.simple\.v1\+json, /);
});

test('the page is asked for by the normalised name (PEP 503), with or without a trailing slash on the index', async () => {
  expect(await index.versions(`${url}/`, 'Zope.Interface')).toEqual(['5.4.0', '6.0']);
  expect(requests.at(-1)?.url).toBe('/simple/zope-interface/');
});

test('JSON files: URLs resolved against the page, hashes in lower case, yanked with its reason, kinds and versions from the names', async () => {
  const page = await index.project(url, 'zope-interface');
  expect(page?.files).toEqual([
    {
      filename: 'zope.interface-5.4.0.tar.gz',
      url: `${url.replace('/simple', '')}/files/zope.interface-5.4.0.tar.gz`,
      hashes: { sha256: 'ab' },
      kind: 'sdist',
      version: '5.4.0',
      yanked: 'broken',
    },
    expect.objectContaining({ kind: 'wheel', version: '5.4.0', yanked: false }),
    expect.objectContaining({ kind: 'sdist', version: '6.0', yanked: '' }),
  ]);
});

test('an index that serves only HTML (PEP 503): links under its <base>, the hash fragment, entities and data-yanked', async () => {
  const page = await index.project(url, 'python-dateutil');
  const origin = url.replace('/simple', '');
  expect(page?.files).toEqual([
    {
      filename: 'python-dateutil-2.8.2.tar.gz',
      url: `${origin}/mirror/python-dateutil-2.8.2.tar.gz`,
      hashes: { sha256: '00ff' },
      kind: 'sdist',
      version: '2.8.2',
      yanked: false,
    },
    {
      filename: 'python_dateutil-2.8.1-py2.py3-none-any.whl',
      url: `${origin}/mirror/x.whl`,
      hashes: {},
      kind: 'wheel',
      version: '2.8.1',
      yanked: 'bad & wrong',
    },
  ]);
  expect(await index.versions(url, 'python-dateutil')).toEqual(['2.8.2', '2.8.1']);
});

test('an unknown project is none; an index down or busy is retryable; one that refuses is not', async () => {
  expect(await index.project(url, 'unknown')).toBeUndefined();
  expect(await index.versions(url, 'unknown')).toEqual([]);
  await expect(index.versions(url, 'broken')).rejects.toMatchObject({ retryable: true, message: `${url}/broken/ answered 503 Service Unavailable` });
  await expect(index.versions(url, 'forbidden')).rejects.toMatchObject({ retryable: false });
  await expect(index.versions('http://127.0.0.1:1/simple', 'flask')).rejects.toMatchObject({ retryable: true });
});

describe('download', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'package-index-'));
  const file = (name: string, hashes: Record<string, string>): IndexFile => ({
    filename: name,
    url: `${url.replace('/simple', '')}/files/${name}`,
    hashes,
    kind: 'sdist',
    version: '1.0',
    yanked: false,
  });
  const bounds = { maxBytes: 1024, timeoutMs: 5_000 };

  test('streams the file to disk and checks every hash the index gave', async () => {
    const md5 = createHash('md5').update(CONTENT).digest('hex');
    const destination = path.join(dir, 'good');
    expect(await index.download(file('good.tar.gz', { sha256: SHA256, md5 }), destination, bounds)).toEqual({
      bytes: CONTENT.length,
      sha256: SHA256,
      checked: ['md5', 'sha256'],
    });
    expect(readFileSync(destination)).toEqual(CONTENT);
  });

  test('a file that is not what the index says is refused and deleted', async () => {
    const destination = path.join(dir, 'wrong');
    await expect(index.download(file('wrong.tar.gz', { sha256: '0'.repeat(64) }), destination, bounds)).rejects.toThrow(
      new FileRejected('wrong.tar.gz', `its sha256 is ${SHA256}, the index says ${'0'.repeat(64)}`),
    );
    expect(existsSync(destination)).toBe(false);
  });

  test('a file over the bound is refused by its length, or as it arrives when it gives none', async () => {
    await expect(index.download(file('good.tar.gz', {}), path.join(dir, 'small'), { ...bounds, maxBytes: 4 })).rejects.toThrow(
      /is 18 bytes, more than the 4 allowed/,
    );
    const destination = path.join(dir, 'endless');
    await expect(index.download(file('endless.tar.gz', {}), destination, { ...bounds, maxBytes: 100_000 })).rejects.toThrow(
      /more than the 100000 bytes allowed/,
    );
    expect(existsSync(destination)).toBe(false);
  });

  test('only http(s) URLs are fetched; a listed file the host does not have is a permanent error', async () => {
    await expect(index.download({ ...file('x.tar.gz', {}), url: 'file:///etc/passwd' }, path.join(dir, 'x'), bounds)).rejects.toBeInstanceOf(FileRejected);
    await expect(index.download(file('gone.tar.gz', {}), path.join(dir, 'gone'), bounds)).rejects.toMatchObject({ retryable: false });
  });
});

test.each([
  ['Flask-2.0.1-py3-none-any.whl', 'flask', '2.0.1'],
  ['flask-2.0.1.tar.gz', 'Flask', '2.0.1'],
  ['python-dateutil-2.8.2.tar.gz', 'python_dateutil', '2.8.2'],
  ['zope.interface-5.4.0-py3.9.egg', 'zope-interface', '5.4.0'],
  ['numpy-1.26.0.tar.bz2', 'numpy', '1.26.0'],
  ['other-1.0.tar.gz', 'flask', undefined],
  ['flask.exe', 'flask', undefined],
])('%s of %s spells version %s', (fileName, name, version) => {
  expect(versionInFileName(fileName, name)).toBe(version);
});

test('file kinds: wheels, the sdist formats pip unpacks, anything else', () => {
  expect([fileKind('a-1.0-py3-none-any.whl'), fileKind('a-1.0.tar.xz'), fileKind('a-1.0.zip'), fileKind('a-1.0-py3.9.egg'), fileKind('a-1.0.exe')]).toEqual([
    'wheel',
    'sdist',
    'sdist',
    'other',
    'other',
  ]);
});

test('Retry-After, in seconds or as an HTTP date; nothing when absent or unreadable', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  expect(retryAfterMs('120', now)).toBe(120_000);
  expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
  expect(retryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
  for (const value of [null, '', 'soon']) expect(retryAfterMs(value, now)).toBeUndefined();
});
