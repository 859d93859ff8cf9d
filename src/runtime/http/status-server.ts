/**
 * The HTTP side of a long-running program: `/metrics` for Prometheus, `/_health` for the kubelet's
 * probes (200 once the program is serving, 503 before and while it stops), nothing else.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface StatusServer {
  readonly port: number;
  /** Tell the probes whether the program is serving. */
  ready(ready: boolean): void;
  close(): Promise<void>;
}

export async function startStatusServer(port: number, registry: Registry, version: string): Promise<StatusServer> {
  let isReady = false;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
      );
    } else if (path === '/_health') {
      response.writeHead(isReady ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: isReady ? 'ready' : 'not ready', version }));
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    ready: (ready) => {
      isReady = ready;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
