import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimpleIndex, versionInFileName } from './simple-index.js';

let server: Server;
let url: string;
const accepts: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    accepts.push(String(request.headers.accept));
    const json = (body: unknown) => response.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' }).end(JSON.stringify(body));
    if (request.url === '/simple/flask/') return json({ name: 'flask', versions: ['1.0', '2.0.1'], files: [] });
    if (request.url === '/simple/zope-interface/')
      return json({
        name: 'zope-interface',
        files: [
          { filename: 'zope.interface-5.4.0.tar.gz' },
          { filename: 'zope.interface-5.4.0-cp39-cp39-manylinux1_x86_64.whl' },
          { filename: 'zope.interface-6.0.zip' },
        ],
      });
    if (request.url === '/simple/html/') {
      return response
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<html><body><a href="../../files/html-1.0.tar.gz#sha256=00">html-1.0.tar.gz</a><br/><A HREF="x">html-1.1-py3-none-any.whl</A></body></html>');
    }
    if (request.url === '/simple/broken/') return response.writeHead(503).end();
    if (request.url === '/simple/forbidden/') return response.writeHead(403).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const index = new SimpleIndex({ timeoutMs: 5_000 });

test('PEP 700 versions, asked for in JSON', async () => {
  expect(await index.versions(url, 'flask')).toEqual(['1.0', '2.0.1']);
  expect(accepts.at(-1)).toMatch(/^application\/vnd\.pypi\.simple\.v1\+json, /);
});

test('without the versions list, the versions of the file names', async () => {
  expect(await index.versions(`${url}/`, 'zope-interface')).toEqual(['5.4.0', '6.0']);
});

test('an index that serves only HTML (PEP 503): the versions of its links', async () => {
  expect(await index.versions(url, 'html')).toEqual(['1.0', '1.1']);
});

test('unknown package: none; down or busy: retryable; refused: permanent', async () => {
  expect(await index.versions(url, 'unknown')).toEqual([]);
  await expect(index.versions(url, 'broken')).rejects.toMatchObject({ retryable: true, message: `${url}/broken/ answered 503 Service Unavailable` });
  await expect(index.versions(url, 'forbidden')).rejects.toMatchObject({ retryable: false });
  await expect(index.versions('http://127.0.0.1:1/simple', 'flask')).rejects.toMatchObject({ retryable: true });
});

test.each([
  ['Flask-2.0.1-py3-none-any.whl', 'flask', '2.0.1'],
  ['python-dateutil-2.8.2.tar.gz', 'python-dateutil', '2.8.2'],
  ['README.txt', 'x', undefined],
])('%s', (file, name, version) => expect(versionInFileName(file, name)).toBe(version));
