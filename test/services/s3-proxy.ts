import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of the S3 server: the steps talk to it, and the test sees each
 * request. It may hold one (S3 never gets it, nor the step an answer), or act once S3 has answered
 * and before the step has the answer, as the fake API server's onCreated does. The Host header is
 * passed on as the step signed it.
 */
export class S3Proxy {
  /** True holds the request. `key` is the path: /<bucket>/<key>. */
  hold: (method: string, key: string) => boolean = () => false;
  /** Awaited before the step has S3's answer. */
  onAnswered: (method: string, key: string) => Promise<void> = async () => {};
  private server: Server | undefined;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = createServer((request, response) => {
      const method = request.method!;
      const key = decodeURIComponent(new URL(request.url!, 'http://proxy').pathname);
      if (this.hold(method, key)) {
        request.resume();
        return;
      }
      // The proxy answers 100-continue itself; S3 gets the body at once.
      const { expect: _, ...headers }: IncomingHttpHeaders = request.headers;
      const upstream = httpRequest({ host: target.hostname, port: target.port, method, path: request.url, headers }, (answer) => {
        void this.onAnswered(method, key).then(() => {
          response.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(response);
        });
      });
      upstream.on('error', () => response.destroy());
      response.on('error', () => {});
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
