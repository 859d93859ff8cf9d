/**
 * A package index that answers as PyPI does, through its JSON API (/pypi/<name>/json) and its Simple
 * API (PEP 503 HTML: /simple/ and /simple/<name>/), for package-releases' tests and benchmark.
 * Projects are given as name → version → files ({ filename, yanked, sha256 }); a project can be made to
 * answer 429 with Retry-After a number of times first, or 500 always. Names are PEP 503 normalised.
 */
import { createServer } from 'node:http';

const canonical = (name) => name.toLowerCase().replace(/[-_.]+/g, '-');

export async function startFakePackageIndex(projects = new Map()) {
  const busy = new Map();
  const broken = new Set();
  const requests = { count: 0 };
  const server = createServer((request, response) => {
    requests.count++;
    const url = new URL(request.url, 'http://index');
    const json = /^\/pypi\/([^/]+)\/json$/.exec(url.pathname);
    const simple = /^\/simple\/([^/]+)\/$/.exec(url.pathname);
    const name = json?.[1] ?? simple?.[1];
    if (name !== undefined) {
      const key = canonical(decodeURIComponent(name));
      if (broken.has(key)) return response.writeHead(500).end('broken');
      if ((busy.get(key) ?? 0) > 0) {
        busy.set(key, busy.get(key) - 1);
        return response.writeHead(429, { 'retry-after': '1' }).end('slow down');
      }
      const versions = projects.get(key);
      if (versions === undefined) return response.writeHead(404).end('not found');
      if (json !== null) {
        const releases = Object.fromEntries(
          [...versions].map(([version, files]) => [
            version,
            files.map((file) => ({
              filename: file.filename,
              yanked: file.yanked === true,
              url: `/files/${file.filename}`,
              digests: file.sha256 ? { sha256: file.sha256 } : {},
            })),
          ]),
        );
        return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ info: { name: key }, releases }));
      }
      const links = [...versions.values()]
        .flat()
        .map(
          (file) =>
            `<a href="/files/${file.filename}${file.sha256 ? `#sha256=${file.sha256}` : ''}"${file.yanked ? ' data-yanked=""' : ''}>${file.filename}</a><br/>`,
        );
      return response.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><body>${links.join('\n')}</body></html>`);
    }
    if (url.pathname === '/simple/') {
      const links = [...projects.keys()].map((project) => `<a href="/simple/${project}/">${project}</a>`);
      return response.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><body>${links.join('\n')}</body></html>`);
    }
    response.writeHead(404).end('not found');
  });
  // Many packages asked at once: the default backlog drops connections under load.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    projects,
    requests,
    /** The project answers 429 (Retry-After: 1) `times` times before it answers. */
    busy: (name, times) => busy.set(canonical(name), times),
    /** The project answers 500, always. */
    broken: (name) => broken.add(canonical(name)),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
