/**
 * A local HTTP server that answers as the Kubernetes API server does for Argo Workflows: it keeps
 * the workflows created, answers 201 with the object, 409 AlreadyExists for a taken name, lists
 * with label selectors of the form `key!=value`, and can be told to answer the next requests with
 * an error status (403, 500, ...). It records every request, headers included.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly body: unknown;
  /** The client's port: requests on one kept-alive connection share it. */
  readonly clientPort: number | undefined;
}

type Stored = { metadata: { name: string; namespace: string; labels?: Record<string, string> }; status?: Record<string, unknown> };

const WORKFLOWS = /^\/apis\/argoproj\.io\/v1alpha1\/namespaces\/([^/]+)\/workflows(?:\/([^/]+))?$/;

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** namespace/name → workflow */
  readonly workflows = new Map<string, Stored>();
  private readonly failures: { status: number; reason: string }[] = [];
  /** How long each answer takes, as a busy API server's would. */
  latencyMs = 0;
  /**
   * A fault the test injects: an error status for the requests it matches (a Role missing for one
   * template for a while), undefined for the others. Checked after failNext's queue.
   */
  fault: (request: RecordedRequest) => { status: number; reason: string } | undefined = () => undefined;
  /** Called when a workflow has been stored, before the client has its answer. */
  onCreated: (workflow: Stored) => void = () => {};
  private server: Server | undefined;
  private readonly waits = new Set<NodeJS.Timeout>();

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    // A client that went away leaves nothing for a slow answer to wait on.
    for (const wait of this.waits) clearTimeout(wait);
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The value of a workflow parameter, for each workflow created. */
  parameterValues(parameter: string): string[] {
    return [...this.workflows.values()].map(
      (workflow) =>
        (workflow as { spec?: { arguments?: { parameters?: { name: string; value: string }[] } } }).spec?.arguments?.parameters?.find(
          (p) => p.name === parameter,
        )?.value ?? '',
    );
  }

  /** The next request is answered with this status and a Kubernetes Status body. */
  failNext(status: number, reason: string, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, reason });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const url = new URL(request.url!, 'http://localhost');
    const body = raw === '' ? undefined : JSON.parse(raw);
    const recorded: RecordedRequest = {
      method: request.method!,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
      clientPort: request.socket.remotePort,
    };
    this.requests.push(recorded);
    if (this.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const wait = setTimeout(() => {
          this.waits.delete(wait);
          resolve();
        }, this.latencyMs);
        this.waits.add(wait);
      });
    }
    const failure = this.failures.shift() ?? this.fault(recorded);
    if (failure !== undefined) return status(response, failure.status, failure.reason, `injected ${failure.status}`);
    const match = WORKFLOWS.exec(url.pathname);
    if (match === null) return status(response, 404, 'NotFound', `the server could not find the requested resource`);
    const namespace = match[1]!;
    if (request.method === 'POST') {
      const workflow = body as Stored;
      const key = `${namespace}/${workflow.metadata.name}`;
      if (this.workflows.has(key)) return status(response, 409, 'AlreadyExists', `workflows.argoproj.io "${workflow.metadata.name}" already exists`);
      this.workflows.set(key, { ...workflow, metadata: { ...workflow.metadata, namespace } });
      this.onCreated(this.workflows.get(key)!);
      return json(response, 201, this.workflows.get(key));
    }
    if (request.method === 'GET') {
      const items = [...this.workflows.values()].filter(
        (workflow) => workflow.metadata.namespace === namespace && selects(url.searchParams.get('labelSelector'), workflow.metadata.labels ?? {}),
      );
      return json(response, 200, { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowList', metadata: { resourceVersion: '1' }, items });
    }
    return status(response, 405, 'MethodNotAllowed', `${request.method} is not supported here`);
  }
}

function selects(selector: string | null, labels: Record<string, string>): boolean {
  if (selector === null || selector === '') return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('!=');
    if (value === undefined) throw new Error(`fake API server: unsupported selector ${term}`);
    return labels[key!] !== value;
  });
}

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function status(response: ServerResponse, code: number, reason: string, message: string): void {
  json(response, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}
