/**
 * A local HTTP server that answers as the Kubernetes API server does, strictly, for what
 * @kubernetes/client-node sends: discovery (/api, /apis, /version), objects with uid,
 * resourceVersion (one global counter), creationTimestamp and generation (for the kinds that count
 * one: custom resources, workloads, Ingress, NetworkPolicy); GET, LIST (label and field
 * selectors, limit/continue), WATCH (from a resourceVersion, 410 Expired for one older than the
 * history it keeps), POST, PUT, DELETE (finalizers), PATCH (merge, JSON and server-side apply with
 * field managers and conflicts), the status subresource, dryRun, bearer-token authentication and a
 * deny list answered with Kubernetes' own Forbidden message. Namespaced objects need their Namespace,
 * as the NamespaceLifecycle admission plugin requires.
 *
 * Server-side apply follows structured-merge-diff with one simplification: every list is atomic (as a
 * CRD's list without x-kubernetes-list-type), so a list belongs to whoever last set it as a whole.
 * Strategic merge patch is refused for custom resources (415, as the real server does) and taken as a
 * JSON merge patch for built-in kinds. Each version of a kind is stored apart (no conversion).
 *
 * Like test/services/fake-api-server.ts, it records every request and can be told to answer the next
 * matching requests with an error status. Tests read and change stored objects directly with
 * getObject/listObjects/putObject/applyObject/modifyObject/deleteObject; those writes bump the
 * resourceVersion and reach watchers as API writes do.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** A kind the server serves. */
export interface ServedResource {
  /** The API group; '' for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Its name in URLs and RBAC: `configmaps`. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** kubectl's short names, as discovery lists them. @default [] */
  readonly shortNames?: readonly string[];
  /**
   * Whether it has a `status` subresource: writes to the object then leave status alone and
   * `.../status` writes change only status. Built-in kinds with a status have one; Argo CD's and Argo
   * Workflows' CRDs do not. @default false
   */
  readonly statusSubresource?: boolean;
  /**
   * Whether the kind comes from a CustomResourceDefinition: strategic merge patch is refused (415),
   * list items keep apiVersion and kind, field selectors name only metadata.name/namespace.
   * @default true outside Kubernetes' own API groups
   */
  readonly crd?: boolean;
}

const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'apiregistration.k8s.io',
  'resource.k8s.io',
]);

/** What a cluster with Argo CD and Argo Workflows installed serves of the kinds this repository renders. */
export const DEFAULT_RESOURCES: readonly ServedResource[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], statusSubresource: true },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'] },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'], statusSubresource: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], statusSubresource: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], statusSubresource: true },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], statusSubresource: true },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true, statusSubresource: true },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], statusSubresource: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], statusSubresource: true },
  { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', plural: 'applications', namespaced: true, shortNames: ['app', 'apps'] },
  { group: 'argoproj.io', version: 'v1alpha1', kind: 'AppProject', plural: 'appprojects', namespaced: true, shortNames: ['appproj', 'appprojs'] },
  { group: 'argoproj.io', version: 'v1alpha1', kind: 'WorkflowTemplate', plural: 'workflowtemplates', namespaced: true, shortNames: ['wftmpl'] },
  { group: 'argoproj.io', version: 'v1alpha1', kind: 'CronWorkflow', plural: 'cronworkflows', namespaced: true, shortNames: ['cwf', 'cronwf'] },
];

/** The namespaces a new cluster has. */
export const DEFAULT_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly time: string;
  readonly fieldsType: 'FieldsV1';
  /** The fields the manager owns, in Kubernetes' `f:` form; lists are owned whole. */
  readonly fieldsV1: Record<string, unknown>;
  readonly subresource?: string;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [field: string]: unknown;
}

/** An object's identity, for the direct store methods. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Required for namespaced kinds. */
  readonly namespace?: string;
}

/** A Kubernetes `Status` answer (v1). */
export interface KubeStatus {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: { name?: string; group?: string; kind?: string; causes?: { type?: string; reason?: string; message: string; field?: string }[] };
  readonly code: number;
}

/** What the server answers with an error: thrown by the direct store methods too. */
export class KubeStatusError extends Error {
  readonly status: KubeStatus;
  constructor(code: number, reason: string, message: string, details?: KubeStatus['details']) {
    super(message);
    this.name = 'KubeStatusError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details === undefined ? {} : { details }), code };
  }
  get code(): number {
    return this.status.code;
  }
}

/** A request the server will refuse with 403 Forbidden; every field left out matches anything. */
export interface DenyRule {
  /** get, list, watch, create, update, patch (server-side apply too), delete, deletecollection. */
  readonly verb?: string;
  /** '' for the core group. */
  readonly group?: string;
  /** The plural, with its subresource if any: `configmaps`, `deployments/status`. */
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** A non-resource path (`/api`, `/version`); a rule with a path matches only such requests. */
  readonly path?: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly userAgent: string | undefined;
  /** Parsed as JSON or YAML; the raw text when neither parses; undefined when empty. */
  readonly body: unknown;
  /** The client's port: requests on one kept-alive connection share it. */
  readonly clientPort: number | undefined;
  /** The status code answered (200 for a watch, whose errors are events). */
  readonly status: number | undefined;
}

/** A change to a stored object, as watchers receive it. */
export interface ChangeEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly resourceVersion: number;
  readonly resource: ServedResource;
  readonly object: KubeObject;
  /** The object before a change (MODIFIED, DELETED). */
  readonly previous: KubeObject | undefined;
}

export interface KubeApiServerOptions {
  /** The kinds served. @default DEFAULT_RESOURCES */
  readonly resources?: readonly ServedResource[];
  /** The bearer token every request must carry. @default 'test-token' */
  readonly token?: string;
  /** Who the token is, in Forbidden messages. @default 'system:serviceaccount:thoth-deploy:thoth-gitops' */
  readonly user?: string;
  /** /version's gitVersion; major and minor are derived from it. @default 'v1.30.4' */
  readonly gitVersion?: string;
  /**
   * How many changes are kept for watches that start from a resourceVersion; a watch from before the
   * oldest kept change gets an ERROR event with a 410 Expired Status. @default 50
   */
  readonly watchHistory?: number;
  /** Namespaces that exist from the start. @default DEFAULT_NAMESPACES */
  readonly namespaces?: readonly string[];
  /** The clock for timestamps. @default () => new Date() */
  readonly now?: () => Date;
}

interface Injected {
  readonly status: number;
  readonly reason: string;
  readonly message: string;
  readonly method: string | undefined;
  readonly path: string | RegExp | undefined;
  remaining: number;
}

interface Manager {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly subresource: string | undefined;
  time: string;
  /** JSON-encoded paths of the leaves owned. */
  fields: Set<string>;
}

interface Entry {
  object: KubeObject;
  managers: Manager[];
}

interface Watcher {
  readonly storeKey: string;
  readonly namespace: string | undefined;
  readonly labels: LabelRequirement[];
  readonly fields: FieldRequirement[];
  readonly response: ServerResponse;
  timer: NodeJS.Timeout | undefined;
}

/** How a write reaches the store: which fields it may touch and who it is. */
interface WriteContext {
  readonly manager: string;
  readonly dryRun: boolean;
  /** 'status' writes only status; undefined writes all but a status subresource's status; 'direct' (the store methods) writes everything. */
  readonly subresource: 'status' | 'direct' | undefined;
}

type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

interface ResourceRequest {
  readonly resource: ServedResource;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  readonly verb: Verb;
}

const NOT_FOUND = 'the server could not find the requested resource';
const SYSTEM_METADATA = [
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class KubeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests answered 403 Forbidden; tests may push to and clear it. */
  readonly denials: DenyRule[] = [];
  /** How long each answer takes, as a busy API server's would. */
  latencyMs = 0;
  token: string;
  user: string;
  gitVersion: string;
  private readonly watchHistory: number;
  private readonly now: () => Date;
  private resources: ServedResource[];
  /** group/version/plural → namespace/name → entry */
  private readonly store = new Map<string, Map<string, Entry>>();
  private readonly history: ChangeEvent[] = [];
  /** The newest resourceVersion dropped from the history: watches from before it are 410. */
  private compacted = 0;
  private revision = 0;
  private readonly failures: Injected[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private server: Server | undefined;

  constructor(options: KubeApiServerOptions = {}) {
    this.resources = [...(options.resources ?? DEFAULT_RESOURCES)];
    this.token = options.token ?? 'test-token';
    this.user = options.user ?? 'system:serviceaccount:thoth-deploy:thoth-gitops';
    this.gitVersion = options.gitVersion ?? 'v1.30.4';
    this.watchHistory = options.watchHistory ?? 50;
    if (!Number.isInteger(this.watchHistory) || this.watchHistory < 1)
      throw new Error(`KubeApiServer: watchHistory must be a whole number of at least 1, got ${String(options.watchHistory)}`);
    this.now = options.now ?? (() => new Date());
    if (this.findKind('v1', 'Namespace') !== undefined) {
      for (const name of options.namespaces ?? DEFAULT_NAMESPACES)
        this.putObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { manager: 'kube-apiserver' });
    }
  }

  get url(): string {
    if (this.server === undefined) throw new Error('KubeApiServer: not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The newest resourceVersion, as a LIST answers it. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  /** Ends every watch and closes every connection. */
  async stop(): Promise<void> {
    for (const watcher of this.watchers) this.endWatch(watcher);
    const server = this.server;
    if (server === undefined) return;
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  }

  /** A KubeConfig for @kubernetes/client-node pointing at this server with its token (or another). */
  kubeConfig(options: { token?: string; namespace?: string } = {}): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'test', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'test', token: options.token ?? this.token }],
      contexts: [{ name: 'test', cluster: 'test', user: 'test', ...(options.namespace === undefined ? {} : { namespace: options.namespace }) }],
      currentContext: 'test',
    });
    return config;
  }

  /** The same as a kubeconfig file's text, for a program that reads KUBECONFIG. */
  kubeConfigYaml(options: { token?: string; namespace?: string } = {}): string {
    return stringifyYaml({
      apiVersion: 'v1',
      kind: 'Config',
      // client-node refuses plain http unless TLS verification is off.
      clusters: [{ name: 'test', cluster: { server: this.url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'test', user: { token: options.token ?? this.token } }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'test', ...(options.namespace === undefined ? {} : { namespace: options.namespace }) } }],
      'current-context': 'test',
    });
  }

  /** The kinds served now. */
  served(): readonly ServedResource[] {
    return [...this.resources];
  }

  /** Serves one more kind (an operator's CRD being installed). */
  serve(resource: ServedResource): void {
    if (this.resourceFor(resource.group, resource.version, resource.plural) !== undefined)
      throw new Error(`KubeApiServer: ${resource.plural}.${resource.group}/${resource.version} is already served`);
    this.resources.push(resource);
  }

  /** Stops serving a kind (its CRD deleted); its objects go with it, as custom resources do. */
  unserve(apiVersion: string, kind: string): void {
    const resource = this.findKind(apiVersion, kind);
    if (resource === undefined) throw new Error(`KubeApiServer: ${apiVersion} ${kind} is not served`);
    this.resources = this.resources.filter((r) => r !== resource);
    this.store.delete(storeKey(resource));
    for (const watcher of this.watchers) if (watcher.storeKey === storeKey(resource)) this.endWatch(watcher);
  }

  /** The next requests (times, default 1) that match method and path answer this status. */
  failNext(status: number, reason: string, options: { times?: number; method?: string; path?: string | RegExp; message?: string } = {}): void {
    this.failures.push({
      status,
      reason,
      message: options.message ?? `injected ${status}`,
      method: options.method?.toUpperCase(),
      path: options.path,
      remaining: options.times ?? 1,
    });
  }

  /** Refuses matching requests with 403 Forbidden (see `denials`). */
  deny(rule: DenyRule): void {
    this.denials.push(rule);
  }

  /** Forgets the change history, as an etcd compaction does: a watch from any older resourceVersion gets 410. */
  compact(): void {
    this.compacted = this.revision;
    this.history.length = 0;
  }

  /** Called on every stored change, before watchers hear of it. Returns the function that unsubscribes. */
  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the store, for tests and simulated controllers ----

  /** A copy of the stored object, or undefined. */
  getObject(ref: ObjectRef): KubeObject | undefined {
    const resource = this.kindOrThrow(ref.apiVersion, ref.kind);
    const entry = this.bucket(resource).get(objectKey(resource, ref.namespace, ref.name));
    return entry === undefined ? undefined : clone(entry.object);
  }

  /** Copies of the stored objects of a kind (in one namespace when given), sorted as a LIST is. */
  listObjects(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const resource = this.kindOrThrow(apiVersion, kind);
    return this.entries(resource, namespace).map((entry) => clone(entry.object));
  }

  /**
   * Creates or replaces an object as an Update by `manager` (default 'test'): every field, status
   * included, as given; namespace and resourceVersion are checked as the API checks them.
   */
  putObject(object: KubeObject, options: { manager?: string } = {}): KubeObject {
    const resource = this.kindOrThrow(object.apiVersion, object.kind);
    const context: WriteContext = { manager: options.manager ?? 'test', dryRun: false, subresource: 'direct' };
    const namespace = resource.namespaced ? object.metadata?.namespace : undefined;
    const exists = this.bucket(resource).has(objectKey(resource, namespace, object.metadata?.name ?? ''));
    return clone(exists ? this.update(resource, namespace, object.metadata.name, object, context) : this.create(resource, namespace, object, context));
  }

  /** Server-side apply by `manager`, as PATCH with application/apply-patch+yaml does. */
  applyObject(object: KubeObject, options: { manager: string; force?: boolean; subresource?: 'status' }): KubeObject {
    const resource = this.kindOrThrow(object.apiVersion, object.kind);
    const namespace = resource.namespaced ? object.metadata?.namespace : undefined;
    if (resource.namespaced && namespace === undefined)
      throw new Error(`KubeApiServer.applyObject: ${object.kind} ${object.metadata?.name} needs metadata.namespace`);
    return clone(
      this.apply(resource, namespace, object.metadata?.name, object, options.force ?? false, {
        manager: options.manager,
        dryRun: false,
        subresource: options.subresource,
      }).object,
    );
  }

  /**
   * Reads the object, lets `mutate` change the copy (status included), and stores it as an Update by
   * `manager` (default 'test'). Throws a 404 KubeStatusError when absent.
   */
  modifyObject(ref: ObjectRef, mutate: (object: KubeObject) => void, options: { manager?: string } = {}): KubeObject {
    const resource = this.kindOrThrow(ref.apiVersion, ref.kind);
    const namespace = resource.namespaced ? ref.namespace : undefined;
    const entry = this.bucket(resource).get(objectKey(resource, namespace, ref.name));
    if (entry === undefined) throw notFound(resource, ref.name);
    const copy = clone(entry.object);
    mutate(copy);
    return clone(this.update(resource, namespace, ref.name, copy, { manager: options.manager ?? 'test', dryRun: false, subresource: 'direct' }));
  }

  /** Deletes as DELETE does: an object with finalizers only gets its deletionTimestamp. Returns false when absent. */
  deleteObject(ref: ObjectRef): boolean {
    const resource = this.kindOrThrow(ref.apiVersion, ref.kind);
    const namespace = resource.namespaced ? ref.namespace : undefined;
    if (!this.bucket(resource).has(objectKey(resource, namespace, ref.name))) return false;
    this.remove(resource, namespace, ref.name, false);
    return true;
  }

  // ---- HTTP ----

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const url = new URL(request.url!, 'http://localhost');
    const method = request.method!;
    const record = {
      method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      userAgent: request.headers['user-agent'],
      body: parseBody(raw),
      clientPort: request.socket.remotePort,
      status: undefined as number | undefined,
    };
    this.requests.push(record);
    const answer = (code: number, body: unknown, contentType = 'application/json') => {
      record.status = code;
      response.writeHead(code, { 'content-type': contentType }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const injected = this.failures.find(
        (f) =>
          f.remaining > 0 &&
          (f.method === undefined || f.method === method) &&
          (f.path === undefined || (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname))),
      );
      if (injected !== undefined) {
        injected.remaining--;
        if (injected.remaining === 0) this.failures.splice(this.failures.indexOf(injected), 1);
        throw new KubeStatusError(injected.status, injected.reason, injected.message);
      }
      const authorization = request.headers.authorization;
      if (authorization !== `Bearer ${this.token}`) throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
      const discovery = this.discovery(method, url.pathname);
      if (discovery !== undefined) return answer(discovery.code, discovery.body, discovery.contentType);
      const target = this.route(method, url);
      this.authorize(target);
      if (target.verb === 'watch') {
        record.status = 200;
        return this.watch(target, url.searchParams, response);
      }
      const result = this.answerResource(target, request.headers['content-type'], raw, url.searchParams, request.headers['user-agent']);
      return answer(result.code, result.body);
    } catch (error) {
      if (error instanceof KubeStatusError) return answer(error.code, error.status);
      return answer(500, new KubeStatusError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.stack : String(error)}`).status);
    }
  }

  /** Non-resource paths: undefined when the path is a resource's. */
  private discovery(method: string, path: string): { code: number; body: unknown; contentType?: string } | undefined {
    const denied = (verb: string) => {
      const rule = this.denials.find((r) => r.path === path && (r.verb === undefined || r.verb === verb));
      if (rule !== undefined) throw new KubeStatusError(403, 'Forbidden', `forbidden: User "${this.user}" cannot ${verb} path "${path}"`);
    };
    const segments = path.split('/').filter((s) => s !== '');
    const isDiscovery =
      path === '/version' ||
      path === '/healthz' ||
      path === '/livez' ||
      path === '/readyz' ||
      path === '/api' ||
      path === '/apis' ||
      (segments[0] === 'api' && segments.length === 2) ||
      (segments[0] === 'apis' && segments.length <= 3);
    if (!isDiscovery) return undefined;
    if (method !== 'GET') throw new KubeStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    denied('get');
    if (path === '/healthz' || path === '/livez' || path === '/readyz') return { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
    if (path === '/version') {
      const match = /^v(\d+)\.(\d+)/.exec(this.gitVersion);
      return {
        code: 200,
        body: {
          major: match?.[1] ?? '',
          minor: match?.[2] ?? '',
          gitVersion: this.gitVersion,
          gitCommit: '0000000000000000000000000000000000000000',
          gitTreeState: 'clean',
          buildDate: '2024-08-14T00:00:00Z',
          goVersion: 'go1.22.5',
          compiler: 'gc',
          platform: 'linux/amd64',
        },
      };
    }
    if (path === '/api')
      return {
        code: 200,
        body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] },
      };
    if (segments[0] === 'api') {
      if (segments[1] !== 'v1') throw new KubeStatusError(404, 'NotFound', NOT_FOUND, {});
      return { code: 200, body: { kind: 'APIResourceList', groupVersion: 'v1', resources: this.apiResources('', 'v1') } };
    }
    const groups = this.groups();
    if (segments.length === 1) {
      return { code: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].map(([name, versions]) => apiGroup(name, versions)) } };
    }
    const versions = groups.get(segments[1]!);
    if (versions === undefined || (segments.length === 3 && !versions.includes(segments[2]!))) throw new KubeStatusError(404, 'NotFound', NOT_FOUND, {});
    if (segments.length === 2) return { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(segments[1]!, versions) } };
    return {
      code: 200,
      body: {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: `${segments[1]}/${segments[2]}`,
        resources: this.apiResources(segments[1]!, segments[2]!),
      },
    };
  }

  private groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const r of this.resources) {
      if (r.group === '') continue;
      const versions = groups.get(r.group) ?? [];
      if (!versions.includes(r.version)) versions.push(r.version);
      groups.set(r.group, versions);
    }
    return groups;
  }

  private apiResources(group: string, version: string): unknown[] {
    const list: unknown[] = [];
    for (const r of this.resources.filter((x) => x.group === group && x.version === version)) {
      list.push({
        name: r.plural,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        ...(r.shortNames === undefined || r.shortNames.length === 0 ? {} : { shortNames: [...r.shortNames] }),
        storageVersionHash: `${Buffer.from(`${r.group}/${r.version}/${r.kind}`).toString('base64').slice(0, 11)}=`,
      });
      if (r.statusSubresource === true)
        list.push({ name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
    }
    return list;
  }

  /** The resource, namespace, name and verb of a resource path; 404 when nothing is served there. */
  private route(method: string, url: URL): ResourceRequest {
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    let group: string;
    let rest: string[];
    if (segments[0] === 'api' && segments[1] === 'v1') [group, rest] = ['', segments.slice(2)];
    else if (segments[0] === 'apis' && segments.length >= 3) [group, rest] = [segments[1]!, segments.slice(3)];
    else throw new KubeStatusError(404, 'NotFound', NOT_FOUND, {});
    const version = group === '' ? 'v1' : segments[2]!;
    let resource: ServedResource | undefined;
    let namespace: string | undefined;
    let name: string | undefined;
    let subresource: string | undefined;
    const namespacedTarget = rest[0] === 'namespaces' && rest.length >= 3 ? this.resourceFor(group, version, rest[2]!) : undefined;
    if (namespacedTarget?.namespaced === true) {
      [resource, namespace, name, subresource] = [namespacedTarget, rest[1], rest[3], rest[4]];
      if (rest.length > 5) resource = undefined;
    } else {
      resource = rest[0] === undefined ? undefined : this.resourceFor(group, version, rest[0]);
      [name, subresource] = [rest[1], rest[2]];
      if (rest.length > 3 || (resource?.namespaced === true && name !== undefined)) resource = undefined;
    }
    if (resource === undefined || (subresource !== undefined && !(subresource === 'status' && resource.statusSubresource === true)))
      throw new KubeStatusError(404, 'NotFound', NOT_FOUND, {});
    const watch = url.searchParams.get('watch');
    const verb: Verb | undefined = {
      GET: name === undefined ? (watch === 'true' || watch === '1' ? 'watch' : 'list') : 'get',
      POST: name === undefined ? 'create' : undefined,
      PUT: name === undefined ? undefined : 'update',
      PATCH: name === undefined ? undefined : 'patch',
      DELETE: name === undefined ? 'deletecollection' : 'delete',
    }[method] as Verb | undefined;
    if (verb === undefined || (verb === 'create' && resource.namespaced && namespace === undefined))
      throw new KubeStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return { resource, namespace, name, subresource, verb };
  }

  private authorize(target: ResourceRequest): void {
    const { resource, namespace, name, subresource, verb } = target;
    const full = subresource === undefined ? resource.plural : `${resource.plural}/${subresource}`;
    const rule = this.denials.find(
      (r) =>
        r.path === undefined &&
        (r.verb === undefined || r.verb === verb) &&
        (r.group === undefined || r.group === resource.group) &&
        (r.resource === undefined || r.resource === full) &&
        (r.namespace === undefined || r.namespace === namespace) &&
        (r.name === undefined || r.name === name),
    );
    if (rule === undefined) return;
    const subject = name === undefined || verb === 'create' ? qualified(resource) : `${qualified(resource)} "${name}"`;
    const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
    throw new KubeStatusError(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${this.user}" cannot ${verb} resource "${full}" in API group "${resource.group}" ${scope}`,
      {
        ...(name === undefined || verb === 'create' ? {} : { name }),
        ...(resource.group === '' ? {} : { group: resource.group }),
        kind: resource.plural,
      },
    );
  }

  private answerResource(
    target: ResourceRequest,
    contentType: string | undefined,
    raw: string,
    query: URLSearchParams,
    userAgent: string | undefined,
  ): { code: number; body: unknown } {
    const { resource, namespace, name, verb } = target;
    const dryRunValue = query.get('dryRun');
    if (dryRunValue !== null && dryRunValue !== 'All') throw invalidOptions(verb, `dryRun: Unsupported value: "${dryRunValue}": supported values: "All"`);
    const force = query.get('force');
    const fieldManager = query.get('fieldManager');
    const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const context: WriteContext = {
      manager: fieldManager ?? managerFromUserAgent(userAgent),
      dryRun: dryRunValue === 'All',
      subresource: target.subresource === 'status' ? 'status' : undefined,
    };
    if (force !== null && !(verb === 'patch' && mediaType === 'application/apply-patch+yaml'))
      throw invalidOptions(verb, 'force: Forbidden: may not be specified for non-apply patch');
    switch (verb) {
      case 'get':
        return { code: 200, body: this.entryOrThrow(resource, namespace, name!).object };
      case 'list':
        return { code: 200, body: this.list(resource, namespace, query) };
      case 'create': {
        const body = decodeObject(mediaType, raw);
        return { code: 201, body: this.create(resource, namespace, body, context) };
      }
      case 'update': {
        const body = decodeObject(mediaType, raw);
        return { code: 200, body: this.update(resource, namespace, name!, body, context) };
      }
      case 'patch':
        return this.patch(resource, namespace, name!, mediaType, raw, force === 'true' || force === '1', context, fieldManager);
      case 'delete': {
        this.entryOrThrow(resource, namespace, name!);
        return { code: 200, body: this.remove(resource, namespace, name!, context.dryRun) };
      }
      case 'deletecollection': {
        const items = this.select(resource, namespace, query);
        for (const entry of items) this.remove(resource, namespace ?? entry.object.metadata.namespace, entry.object.metadata.name, context.dryRun);
        return {
          code: 200,
          body: {
            apiVersion: apiVersionOf(resource),
            kind: `${resource.kind}List`,
            metadata: { resourceVersion: this.resourceVersion },
            items: items.map((e) => listItem(resource, e.object)),
          },
        };
      }
      default:
        throw new KubeStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  private patch(
    resource: ServedResource,
    namespace: string | undefined,
    name: string,
    mediaType: string,
    raw: string,
    force: boolean,
    context: WriteContext,
    fieldManager: string | null,
  ): { code: number; body: unknown } {
    const accepted = [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/apply-patch+yaml',
      ...(isCrd(resource) ? [] : ['application/strategic-merge-patch+json']),
    ];
    if (!accepted.includes(mediaType))
      throw new KubeStatusError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      );
    if (mediaType === 'application/apply-patch+yaml') {
      if (fieldManager === null || fieldManager === '') throw invalidOptions('patch', 'fieldManager: Required value: is required for apply patch');
      let applied: unknown;
      try {
        applied = parseYaml(raw);
      } catch (error) {
        throw new KubeStatusError(400, 'BadRequest', `error decoding YAML: ${(error as Error).message}`);
      }
      if (!isPlainObject(applied)) throw new KubeStatusError(400, 'BadRequest', `error decoding patch: the patch is not an object`);
      const result = this.apply(resource, namespace, name, applied as KubeObject, force, context);
      return { code: result.created ? 201 : 200, body: result.object };
    }
    const entry = this.entryOrThrow(resource, namespace, name);
    let patch: unknown;
    try {
      patch = JSON.parse(raw);
    } catch (error) {
      throw new KubeStatusError(400, 'BadRequest', `error decoding patch: ${(error as Error).message}`);
    }
    let patched: unknown;
    if (mediaType === 'application/json-patch+json') {
      if (!Array.isArray(patch)) throw new KubeStatusError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      patched = jsonPatch(clone(entry.object), patch);
    } else {
      if (!isPlainObject(patch)) throw new KubeStatusError(400, 'BadRequest', 'error decoding patch: the patch is not an object');
      patched = mergePatch(entry.object, mediaType === 'application/strategic-merge-patch+json' ? withoutDirectives(patch) : patch);
    }
    if (!isPlainObject(patched)) throw new KubeStatusError(422, 'Invalid', 'the patch made the object something other than an object');
    return { code: 200, body: this.update(resource, namespace, name, patched as KubeObject, context) };
  }

  private list(resource: ServedResource, namespace: string | undefined, query: URLSearchParams): unknown {
    let items = this.select(resource, namespace, query);
    const metadata: Record<string, unknown> = { resourceVersion: this.resourceVersion };
    const after = query.get('continue');
    if (after !== null && after !== '') {
      let start: string;
      try {
        start = JSON.parse(Buffer.from(after, 'base64').toString('utf8')).start;
      } catch {
        throw new KubeStatusError(400, 'BadRequest', 'continue key is not valid: illegal base64 data');
      }
      items = items.filter((e) => sortKey(e.object) > start);
    }
    const limit = Number(query.get('limit') ?? '0');
    if (limit > 0 && items.length > limit) {
      metadata.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: this.revision, start: sortKey(items[limit - 1]!.object) })).toString('base64');
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    return { apiVersion: apiVersionOf(resource), kind: `${resource.kind}List`, metadata, items: items.map((e) => listItem(resource, e.object)) };
  }

  private select(resource: ServedResource, namespace: string | undefined, query: URLSearchParams): Entry[] {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'), resource);
    return this.entries(resource, namespace).filter((e) => selects(labels, fields, e.object));
  }

  private watch(target: ResourceRequest, query: URLSearchParams, response: ServerResponse): void {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'), target.resource);
    const from = query.get('resourceVersion');
    if (from !== null && from !== '' && !/^\d+$/.test(from))
      throw new KubeStatusError(400, 'BadRequest', `resourceVersion: Invalid value: "${from}": strconv.ParseUint: parsing "${from}": invalid syntax`);
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
    // The client waits for the headers before it reads events: send them now, not with the first event.
    response.flushHeaders();
    const send = (type: string, object: unknown) => response.write(`${JSON.stringify({ type, object })}\n`);
    const watcher: Watcher = { storeKey: storeKey(target.resource), namespace: target.namespace, labels, fields, response, timer: undefined };
    if (from === null || from === '' || from === '0') {
      for (const entry of this.entries(target.resource, target.namespace)) if (selects(labels, fields, entry.object)) send('ADDED', entry.object);
    } else {
      const start = Number(from);
      if (start < this.compacted) {
        send('ERROR', new KubeStatusError(410, 'Expired', `too old resource version: ${start} (${this.compacted})`).status);
        response.end();
        return;
      }
      for (const event of this.history) {
        if (event.resourceVersion <= start) continue;
        const delivered = deliverable(watcher, event);
        if (delivered !== undefined) send(delivered.type, delivered.object);
      }
    }
    const timeout = Number(query.get('timeoutSeconds') ?? '0');
    if (timeout > 0) watcher.timer = setTimeout(() => this.endWatch(watcher), timeout * 1000);
    this.watchers.add(watcher);
    response.on('close', () => this.endWatch(watcher));
  }

  private endWatch(watcher: Watcher): void {
    if (watcher.timer !== undefined) clearTimeout(watcher.timer);
    watcher.timer = undefined;
    this.watchers.delete(watcher);
    if (!watcher.response.writableEnded) watcher.response.end();
  }

  // ---- writes ----

  private create(resource: ServedResource, namespace: string | undefined, body: KubeObject, context: WriteContext): KubeObject {
    this.checkKind(resource, body);
    const metadata = isPlainObject(body.metadata) ? (body.metadata as KubeMetadata) : ({} as KubeMetadata);
    if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace)
      throw new KubeStatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    if (resource.namespaced && namespace === undefined) namespace = metadata.namespace;
    if (resource.namespaced && namespace === undefined)
      throw invalid(resource, metadata.name ?? '', 'metadata.namespace', 'FieldValueRequired', 'Required value');
    if (metadata.resourceVersion !== undefined && metadata.resourceVersion !== '')
      throw new KubeStatusError(400, 'BadRequest', 'resourceVersion should not be set on objects to be created');
    let name = metadata.name;
    if ((name === undefined || name === '') && typeof metadata.generateName === 'string' && metadata.generateName !== '')
      name = metadata.generateName + randomSuffix();
    if (name === undefined || name === '')
      throw invalid(resource, '', 'metadata.name', 'FieldValueRequired', 'Required value: name or generateName is required');
    this.checkName(resource, name);
    if (this.bucket(resource).has(objectKey(resource, namespace, name)))
      throw new KubeStatusError(409, 'AlreadyExists', `${qualified(resource)} "${name}" already exists`, details(resource, name));
    this.admitNamespace(resource, namespace);
    const object = clone(body);
    if (context.subresource === undefined && resource.statusSubresource === true) delete object.status;
    object.apiVersion = apiVersionOf(resource);
    object.kind = resource.kind;
    object.metadata = { ...clone(metadata), name, ...(namespace === undefined ? {} : { namespace }) };
    for (const key of [
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'managedFields',
    ] as const)
      delete object.metadata[key];
    object.metadata.uid = randomUUID();
    if (tracksGeneration(resource)) object.metadata.generation = 1;
    object.metadata.creationTimestamp = this.timestamp();
    defaults(resource, object, undefined);
    const fields = fieldSet(object, resource, 'direct');
    const manager: Manager = {
      manager: context.manager,
      operation: 'Update',
      apiVersion: apiVersionOf(resource),
      subresource: undefined,
      time: this.timestamp(),
      fields,
    };
    return this.commit(resource, undefined, object, [manager], context.dryRun);
  }

  private update(resource: ServedResource, namespace: string | undefined, name: string, body: KubeObject, context: WriteContext): KubeObject {
    const entry = this.entryOrThrow(resource, namespace, name);
    this.checkKind(resource, body);
    const metadata = isPlainObject(body.metadata) ? (body.metadata as KubeMetadata) : ({} as KubeMetadata);
    if (metadata.name !== undefined && metadata.name !== name)
      throw new KubeStatusError(400, 'BadRequest', `the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace)
      throw new KubeStatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    this.checkPrecondition(resource, entry, metadata.resourceVersion);
    const current = entry.object;
    let next: KubeObject;
    if (context.subresource === 'status') {
      next = clone(current);
      if (body.status === undefined) delete next.status;
      else next.status = clone(body.status);
    } else {
      next = clone(body);
      next.apiVersion = current.apiVersion;
      next.kind = current.kind;
      next.metadata = { ...clone(metadata) };
      for (const key of SYSTEM_METADATA) delete next.metadata[key];
      next.metadata = { ...next.metadata, name, ...(namespace === undefined ? {} : { namespace }) };
      for (const key of ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const)
        if (current.metadata[key] !== undefined) next.metadata[key] = current.metadata[key] as never;
      if (context.subresource === undefined && resource.statusSubresource === true) {
        if (current.status === undefined) delete next.status;
        else next.status = clone(current.status);
      }
    }
    defaults(resource, next, current);
    const scope = context.subresource;
    const before = tracked(current, resource, scope);
    const after = tracked(next, resource, scope);
    const oldPaths = leafPaths(before);
    const newPaths = leafPaths(after);
    const changed = new Set<string>();
    for (const path of newPaths) if (!deepEqual(getAt(before, decode(path)), getAt(after, decode(path)))) changed.add(path);
    const removed = new Set([...oldPaths].filter((p) => !newPaths.has(p)));
    if (changed.size === 0 && removed.size === 0 && deepEqual(stripSystem(current), stripSystem(next))) return clone(current);
    const subresource = context.subresource === 'status' ? 'status' : undefined;
    const managers = entry.managers.map((m) => ({ ...m, fields: new Set(m.fields) }));
    const touched = [...changed, ...removed];
    // A changed field is no longer owned by whoever set it, nor are the fields under it.
    for (const m of managers) for (const owned of [...m.fields]) if (touched.some((p) => owned === p || isPrefix(p, owned))) m.fields.delete(owned);
    let mine = managers.find(
      (m) => m.manager === context.manager && m.operation === 'Update' && m.subresource === subresource && m.apiVersion === apiVersionOf(resource),
    );
    if (mine === undefined) {
      mine = { manager: context.manager, operation: 'Update', apiVersion: apiVersionOf(resource), subresource, time: this.timestamp(), fields: new Set() };
      managers.push(mine);
    }
    for (const path of changed) mine.fields.add(path);
    mine.time = this.timestamp();
    return this.commit(resource, current, next, managers, context.dryRun);
  }

  private apply(
    resource: ServedResource,
    namespace: string | undefined,
    name: string | undefined,
    body: KubeObject,
    force: boolean,
    context: WriteContext,
  ): { object: KubeObject; created: boolean } {
    this.checkKind(resource, body);
    const metadata = isPlainObject(body.metadata) ? (body.metadata as KubeMetadata) : ({} as KubeMetadata);
    if (name !== undefined && metadata.name !== undefined && metadata.name !== name)
      throw new KubeStatusError(400, 'BadRequest', `the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    name ??= metadata.name;
    if (name === undefined || name === '') throw invalid(resource, '', 'metadata.name', 'FieldValueRequired', 'Required value: name is required');
    if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace)
      throw new KubeStatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    if (metadata.managedFields !== undefined && metadata.managedFields !== null)
      throw new KubeStatusError(400, 'BadRequest', 'metadata.managedFields must be nil');
    const applied = withoutNulls(clone(body)) as KubeObject;
    const scope = context.subresource;
    const appliedTracked = tracked(applied, resource, scope);
    const appliedPaths = leafPaths(appliedTracked);
    const subresource = scope === 'status' ? 'status' : undefined;
    const entry = this.bucket(resource).get(objectKey(resource, namespace, name));
    if (entry === undefined) {
      if (subresource === 'status') throw notFound(resource, name);
      const created = clone(applied);
      created.metadata = { ...(created.metadata ?? {}), name } as KubeMetadata;
      const object = this.create(resource, namespace, created, { ...context, dryRun: true });
      const manager: Manager = {
        manager: context.manager,
        operation: 'Apply',
        apiVersion: apiVersionOf(resource),
        subresource: undefined,
        time: this.timestamp(),
        fields: new Set([...appliedPaths].filter((p) => getAt(tracked(object, resource, scope), decode(p)) !== undefined)),
      };
      if (context.dryRun) return { object: withManagedFields(object, [manager]), created: true };
      return { object: this.commit(resource, undefined, object, [manager], false), created: true };
    }
    this.checkPrecondition(resource, entry, metadata.resourceVersion);
    const current = entry.object;
    const currentTracked = tracked(current, resource, scope);
    const managers = entry.managers.map((m) => ({ ...m, fields: new Set(m.fields) }));
    const isMine = (m: Manager) => m.manager === context.manager && m.operation === 'Apply' && m.subresource === subresource;
    const conflicts: { manager: Manager; path: string }[] = [];
    for (const path of appliedPaths) {
      if (deepEqual(getAt(appliedTracked, decode(path)), getAt(currentTracked, decode(path)))) continue;
      // Another manager's field, or a field under it (applying a whole list or a value where a map was).
      for (const m of managers) if (!isMine(m) && [...m.fields].some((owned) => owned === path || isPrefix(path, owned))) conflicts.push({ manager: m, path });
    }
    if (conflicts.length > 0 && !force) throw conflictError(conflicts);
    for (const { manager, path } of conflicts)
      for (const owned of [...manager.fields]) if (owned === path || isPrefix(path, owned)) manager.fields.delete(owned);
    const next = clone(current);
    mergeInto(next, appliedTracked);
    const mine = managers.find(isMine);
    for (const path of mine?.fields ?? []) {
      if (appliedPaths.has(path)) continue;
      if (managers.some((m) => !isMine(m) && [...m.fields].some((owned) => owned === path || isPrefix(owned, path)))) continue;
      deleteAt(next, decode(path));
    }
    defaults(resource, next, current);
    const previousFields = mine?.fields;
    if (mine === undefined)
      managers.push({
        manager: context.manager,
        operation: 'Apply',
        apiVersion: apiVersionOf(resource),
        subresource,
        time: this.timestamp(),
        fields: appliedPaths,
      });
    else mine.fields = appliedPaths;
    const objectChanged = !deepEqual(stripSystem(current), stripSystem(next));
    if (!objectChanged && conflicts.length === 0 && previousFields !== undefined && sameSet(previousFields, appliedPaths))
      return { object: clone(current), created: false };
    if (mine !== undefined && (objectChanged || !sameSet(previousFields!, appliedPaths))) mine.time = this.timestamp();
    return { object: this.commit(resource, current, next, managers, context.dryRun), created: false };
  }

  /** Removes an object, or marks it deleted while finalizers remain. */
  private remove(resource: ServedResource, namespace: string | undefined, name: string, dryRun: boolean): KubeObject {
    const entry = this.entryOrThrow(resource, namespace, name);
    const current = entry.object;
    const isNamespace = resource.group === '' && resource.kind === 'Namespace';
    const finalizers = current.metadata.finalizers ?? [];
    if (finalizers.length > 0 || isNamespace) {
      if (current.metadata.deletionTimestamp !== undefined) {
        if (isNamespace && !dryRun) this.emptyNamespace(name);
        return clone(current);
      }
      const next = clone(current);
      next.metadata.deletionTimestamp ??= this.timestamp();
      next.metadata.deletionGracePeriodSeconds = 0;
      if (isNamespace) next.status = { ...(isPlainObject(next.status) ? next.status : {}), phase: 'Terminating' };
      const result = this.commit(resource, current, next, entry.managers, dryRun);
      if (isNamespace && !dryRun) this.emptyNamespace(name);
      return result;
    }
    if (dryRun) return clone(current);
    this.revision++;
    this.bucket(resource).delete(objectKey(resource, namespace, name));
    const gone = clone(current);
    gone.metadata.resourceVersion = String(this.revision);
    this.publish({ type: 'DELETED', resourceVersion: this.revision, resource, object: gone, previous: clone(current) });
    if (namespace !== undefined) this.finishNamespace(namespace);
    return clone(gone);
  }

  /** Deletes what a terminating namespace holds; the namespace goes once nothing is left. */
  private emptyNamespace(namespace: string): void {
    for (const resource of this.resources.filter((r) => r.namespaced)) {
      for (const entry of this.entries(resource, namespace)) this.remove(resource, namespace, entry.object.metadata.name, false);
    }
    this.finishNamespace(namespace);
  }

  private finishNamespace(namespace: string): void {
    const nsResource = this.findKind('v1', 'Namespace');
    if (nsResource === undefined) return;
    const entry = this.bucket(nsResource).get(objectKey(nsResource, undefined, namespace));
    if (entry === undefined || entry.object.metadata.deletionTimestamp === undefined) return;
    if (this.resources.some((r) => r.namespaced && this.entries(r, namespace).length > 0)) return;
    const finalizers = entry.object.metadata.finalizers ?? [];
    if (finalizers.length > 0) return;
    this.revision++;
    this.bucket(nsResource).delete(objectKey(nsResource, undefined, namespace));
    const gone = clone(entry.object);
    gone.metadata.resourceVersion = String(this.revision);
    this.publish({ type: 'DELETED', resourceVersion: this.revision, resource: nsResource, object: gone, previous: clone(entry.object) });
  }

  /** Stores the next state (or, for a dry run, only answers it), bumping resourceVersion and generation. */
  private commit(resource: ServedResource, current: KubeObject | undefined, next: KubeObject, managers: Manager[], dryRun: boolean): KubeObject {
    const keep = managers
      .map((m) => ({ ...m, fields: new Set([...m.fields].filter((p) => getAt(next, decode(p)) !== undefined)) }))
      .filter((m) => m.fields.size > 0);
    if (current !== undefined) {
      if (tracksGeneration(resource))
        next.metadata.generation = (current.metadata.generation ?? 1) + (deepEqual(specOf(current, resource), specOf(next, resource)) ? 0 : 1);
      next.metadata.resourceVersion = current.metadata.resourceVersion;
    }
    const object = withManagedFields(next, keep);
    if (dryRun) return object;
    // Removing the last finalizer of an object being deleted deletes it.
    if (
      current !== undefined &&
      object.metadata.deletionTimestamp !== undefined &&
      (object.metadata.finalizers ?? []).length === 0 &&
      !(resource.group === '' && resource.kind === 'Namespace')
    ) {
      this.bucket(resource).set(objectKey(resource, object.metadata.namespace, object.metadata.name), { object, managers: keep });
      return this.remove(resource, object.metadata.namespace, object.metadata.name, false);
    }
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    this.bucket(resource).set(objectKey(resource, object.metadata.namespace, object.metadata.name), { object, managers: keep });
    this.publish({
      type: current === undefined ? 'ADDED' : 'MODIFIED',
      resourceVersion: this.revision,
      resource,
      object: clone(object),
      previous: current === undefined ? undefined : clone(current),
    });
    if (resource.group === '' && resource.kind === 'Namespace' && object.metadata.deletionTimestamp !== undefined) this.finishNamespace(object.metadata.name);
    return clone(object);
  }

  private publish(event: ChangeEvent): void {
    this.history.push(event);
    while (this.history.length > this.watchHistory) this.compacted = this.history.shift()!.resourceVersion;
    for (const listener of this.listeners) listener(event);
    for (const watcher of this.watchers) {
      if (watcher.storeKey !== storeKey(event.resource)) continue;
      const delivered = deliverable(watcher, event);
      if (delivered !== undefined) watcher.response.write(`${JSON.stringify(delivered)}\n`);
    }
  }

  // ---- checks ----

  private checkKind(resource: ServedResource, body: KubeObject): void {
    if (!isPlainObject(body)) throw new KubeStatusError(400, 'BadRequest', 'the body of the request is not an object');
    if (body.kind === undefined || body.kind === '') throw new KubeStatusError(400, 'BadRequest', `Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(resource))
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(resource)})`,
      );
    if (body.kind !== resource.kind)
      throw new KubeStatusError(400, 'BadRequest', `the kind in the data (${String(body.kind)}) does not match the expected kind (${resource.kind})`);
  }

  private checkName(resource: ServedResource, name: string): void {
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
      throw invalid(
        resource,
        name,
        'metadata.name',
        'FieldValueInvalid',
        `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      );
    }
  }

  private checkPrecondition(resource: ServedResource, entry: Entry, resourceVersion: unknown): void {
    if (resourceVersion === undefined || resourceVersion === null || resourceVersion === '') return;
    if (String(resourceVersion) !== entry.object.metadata.resourceVersion) {
      throw new KubeStatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified(resource)} "${entry.object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        details(resource, entry.object.metadata.name),
      );
    }
  }

  /** NamespaceLifecycle: a namespaced object needs its namespace, and not one being deleted. */
  private admitNamespace(resource: ServedResource, namespace: string | undefined): void {
    if (!resource.namespaced || namespace === undefined) return;
    const nsResource = this.findKind('v1', 'Namespace');
    if (nsResource === undefined) return;
    const ns = this.bucket(nsResource).get(objectKey(nsResource, undefined, namespace));
    if (ns === undefined) throw notFound(nsResource, namespace);
    if (ns.object.metadata.deletionTimestamp !== undefined)
      throw new KubeStatusError(
        403,
        'Forbidden',
        `${qualified(resource)} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        { kind: resource.plural, ...(resource.group === '' ? {} : { group: resource.group }) },
      );
  }

  // ---- lookups ----

  private resourceFor(group: string, version: string, plural: string): ServedResource | undefined {
    return this.resources.find((r) => r.group === group && r.version === version && r.plural === plural);
  }

  private findKind(apiVersion: string, kind: string): ServedResource | undefined {
    return this.resources.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
  }

  private kindOrThrow(apiVersion: string, kind: string): ServedResource {
    const resource = this.findKind(apiVersion, kind);
    if (resource === undefined) throw new KubeStatusError(404, 'NotFound', NOT_FOUND, {});
    return resource;
  }

  private bucket(resource: ServedResource): Map<string, Entry> {
    let bucket = this.store.get(storeKey(resource));
    if (bucket === undefined) this.store.set(storeKey(resource), (bucket = new Map()));
    return bucket;
  }

  private entries(resource: ServedResource, namespace: string | undefined): Entry[] {
    return [...this.bucket(resource).values()]
      .filter((e) => namespace === undefined || e.object.metadata.namespace === namespace)
      .sort((a, b) => (sortKey(a.object) < sortKey(b.object) ? -1 : 1));
  }

  private entryOrThrow(resource: ServedResource, namespace: string | undefined, name: string): Entry {
    const entry = this.bucket(resource).get(objectKey(resource, namespace, name));
    if (entry === undefined) throw notFound(resource, name);
    return entry;
  }

  private timestamp(): string {
    return rfc3339(this.now());
  }
}

// ---- Status answers ----

function qualified(resource: ServedResource): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

function details(resource: ServedResource, name: string): KubeStatus['details'] {
  return { name, ...(resource.group === '' ? {} : { group: resource.group }), kind: resource.plural };
}

function notFound(resource: ServedResource, name: string): KubeStatusError {
  return new KubeStatusError(404, 'NotFound', `${qualified(resource)} "${name}" not found`, details(resource, name));
}

function invalid(resource: ServedResource, name: string, field: string, reason: string, detail: string): KubeStatusError {
  return new KubeStatusError(422, 'Invalid', `${resource.kind} "${name}" is invalid: ${field}: ${detail}`, {
    name,
    ...(resource.group === '' ? {} : { group: resource.group }),
    kind: resource.kind,
    causes: [{ reason, message: detail, field }],
  });
}

function invalidOptions(verb: Verb, detail: string): KubeStatusError {
  const kind = verb === 'patch' ? 'PatchOptions' : verb === 'create' ? 'CreateOptions' : verb === 'update' ? 'UpdateOptions' : 'DeleteOptions';
  return new KubeStatusError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${detail}`, {
    group: 'meta.k8s.io',
    kind,
    causes: [{ reason: 'FieldValueInvalid', message: detail.slice(detail.indexOf(': ') + 2), field: detail.slice(0, detail.indexOf(':')) }],
  });
}

/** Kubernetes' own wording (k8s.io/apiserver fieldmanager internal.NewConflictError). */
function conflictError(conflicts: { manager: Manager; path: string }[]): KubeStatusError {
  const causes = conflicts.map(({ manager, path }) => ({
    type: 'FieldManagerConflict',
    message: `conflict with ${printManager(manager)}`,
    field: printPath(path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.manager)}: ${printPath(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const { manager, path } of conflicts) byManager.set(printManager(manager), [...(byManager.get(printManager(manager)) ?? []), printPath(path)]);
    const lines: string[] = [];
    for (const manager of [...byManager.keys()].sort()) lines.push(`conflicts with ${manager}:`, ...byManager.get(manager)!.map((p) => `- ${p}`));
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new KubeStatusError(409, 'Conflict', message, { causes });
}

function printManager(manager: Manager): string {
  let text = JSON.stringify(manager.manager);
  if (manager.subresource !== undefined) text += ` with subresource ${JSON.stringify(manager.subresource)}`;
  if (manager.operation === 'Update') text += ` using ${manager.apiVersion} at ${manager.time}`;
  return text;
}

function printPath(path: string): string {
  return decode(path)
    .map((p) => `.${p}`)
    .join('');
}

// ---- objects and fields ----

function apiVersionOf(resource: ServedResource): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

/** Custom resources and workload, networking and policy kinds count generations; ConfigMap, Secret, Namespace, RBAC do not. */
function tracksGeneration(resource: ServedResource): boolean {
  return isCrd(resource) || ['apps', 'batch', 'networking.k8s.io', 'policy', 'autoscaling'].includes(resource.group);
}

function isCrd(resource: ServedResource): boolean {
  return resource.crd ?? !BUILT_IN_GROUPS.has(resource.group);
}

function storeKey(resource: ServedResource): string {
  return `${resource.group}/${resource.version}/${resource.plural}`;
}

function objectKey(resource: ServedResource, namespace: string | undefined, name: string): string {
  return resource.namespaced ? `${namespace ?? ''}/${name}` : name;
}

function sortKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Built-in kinds' list items carry no apiVersion or kind; custom resources' do. */
function listItem(resource: ServedResource, object: KubeObject): unknown {
  if (isCrd(resource)) return object;
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return rest;
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  return {
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  };
}

function defaults(resource: ServedResource, object: KubeObject, current: KubeObject | undefined): void {
  if (resource.group !== '' || resource.kind !== 'Namespace') return;
  object.metadata.labels = { ...(object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': object.metadata.name };
  const spec = isPlainObject(object.spec) ? (object.spec as Record<string, unknown>) : {};
  const currentSpec = current !== undefined && isPlainObject(current.spec) ? (current.spec as Record<string, unknown>) : undefined;
  object.spec = { ...spec, finalizers: currentSpec?.finalizers ?? spec.finalizers ?? ['kubernetes'] };
  if (current === undefined) object.status = { phase: 'Active' };
}

/** The part of an object field ownership covers in a write's scope. */
function tracked(object: KubeObject, resource: ServedResource, scope: WriteContext['subresource']): Record<string, unknown> {
  if (scope === 'status') return object.status === undefined ? {} : { status: clone(object.status) };
  const copy = stripSystem(object);
  if (scope === undefined && resource.statusSubresource === true) delete copy.status;
  return copy;
}

function stripSystem(object: KubeObject): Record<string, unknown> {
  const { apiVersion: _apiVersion, kind: _kind, metadata, ...rest } = clone(object);
  const meta: Record<string, unknown> = { ...(metadata ?? {}) };
  for (const key of SYSTEM_METADATA) delete meta[key];
  return Object.keys(meta).length === 0 ? rest : { metadata: meta, ...rest };
}

/** What generation counts: all but metadata, and status when it is a subresource. */
function specOf(object: KubeObject, resource: ServedResource): unknown {
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...rest } = object;
  if (resource.statusSubresource === true) delete rest.status;
  return rest;
}

function fieldSet(object: KubeObject, resource: ServedResource, scope: WriteContext['subresource']): Set<string> {
  return leafPaths(tracked(object, resource, scope));
}

/** The leaves of an object as JSON-encoded paths: scalars, lists (atomic) and empty maps. */
function leafPaths(value: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (isPlainObject(value) && Object.keys(value as object).length > 0) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) leafPaths(child, [...prefix, key], out);
  } else if (prefix.length > 0) {
    out.add(JSON.stringify(prefix));
  }
  return out;
}

function decode(path: string): string[] {
  return JSON.parse(path) as string[];
}

function isPrefix(ancestor: string, path: string): boolean {
  const a = decode(ancestor);
  const p = decode(path);
  return a.length < p.length && a.every((part, i) => part === p[i]);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function getAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const part of path) {
    if (!isPlainObject(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** Deletes the field at path and the maps it leaves empty. */
function deleteAt(object: Record<string, unknown>, path: readonly string[]): void {
  const parents: Record<string, unknown>[] = [];
  let at: unknown = object;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(at)) return;
    parents.push(at as Record<string, unknown>);
    at = (at as Record<string, unknown>)[part];
  }
  if (!isPlainObject(at)) return;
  delete (at as Record<string, unknown>)[path[path.length - 1]!];
  for (let i = parents.length - 1; i >= 0; i--) {
    const child = parents[i]![path[i]!];
    if (isPlainObject(child) && Object.keys(child as object).length === 0) delete parents[i]![path[i]!];
    else break;
  }
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value) && isPlainObject(target[key]) && Object.keys(value as object).length > 0)
      mergeInto(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    else if (isPlainObject(value) && isPlainObject(target[key])) continue;
    else target[key] = clone(value);
  }
}

function withManagedFields(object: KubeObject, managers: Manager[]): KubeObject {
  const copy = clone(object);
  copy.metadata.managedFields = managers.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    time: m.time,
    fieldsType: 'FieldsV1' as const,
    fieldsV1: fieldsV1(m.fields),
    ...(m.subresource === undefined ? {} : { subresource: m.subresource }),
  }));
  if (copy.metadata.managedFields.length === 0) delete copy.metadata.managedFields;
  return copy;
}

function fieldsV1(paths: Set<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const nodeOf = (path: string) => decode(path).reduce<Record<string, unknown>>((at, part) => (at[`f:${part}`] ??= {}) as Record<string, unknown>, root);
  for (const path of paths) nodeOf(path);
  // A field owned itself and through its children is marked '.', as Kubernetes marks it.
  for (const path of paths) {
    const node = nodeOf(path);
    if (Object.keys(node).some((k) => k !== '.')) node['.'] = {};
  }
  return root;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) if (!key.startsWith('$')) out[key] = withoutDirectives(child);
  return out;
}

/** RFC 7386. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? clone(target as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 6902. */
function jsonPatch(document: unknown, operations: unknown[]): unknown {
  const fail = (message: string) => new KubeStatusError(422, 'Invalid', message);
  const pointer = (path: unknown): string[] => {
    if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) throw fail(`invalid JSON pointer: ${JSON.stringify(path)}`);
    return path === ''
      ? []
      : path
          .slice(1)
          .split('/')
          .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  };
  const parentOf = (doc: unknown, parts: string[], op: string, path: unknown): { parent: unknown; key: string } => {
    const parent = parts
      .slice(0, -1)
      .reduce<unknown>((at, part) => (Array.isArray(at) ? at[Number(part)] : isPlainObject(at) ? (at as Record<string, unknown>)[part] : undefined), doc);
    if (parent === undefined || parent === null || typeof parent !== 'object')
      throw fail(`jsonpatch ${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
    return { parent, key: parts[parts.length - 1]! };
  };
  const read = (doc: unknown, path: unknown, op: string): unknown => {
    const value = pointer(path).reduce<unknown>(
      (at, part) => (Array.isArray(at) ? at[Number(part)] : isPlainObject(at) ? (at as Record<string, unknown>)[part] : undefined),
      doc,
    );
    if (value === undefined) throw fail(`jsonpatch ${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
    return value;
  };
  const remove = (doc: unknown, path: unknown, op: string): unknown => {
    const parts = pointer(path);
    const { parent, key } = parentOf(doc, parts, op, path);
    if (Array.isArray(parent)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= parent.length)
        throw fail(`jsonpatch ${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
      return parent.splice(index, 1)[0];
    }
    const record = parent as Record<string, unknown>;
    if (!(key in record)) throw fail(`jsonpatch ${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
    const value = record[key];
    delete record[key];
    return value;
  };
  const add = (doc: unknown, path: unknown, value: unknown, op: string): unknown => {
    const parts = pointer(path);
    if (parts.length === 0) return clone(value);
    const { parent, key } = parentOf(doc, parts, op, path);
    if (Array.isArray(parent)) {
      const index = key === '-' ? parent.length : Number(key);
      if (!Number.isInteger(index) || index < 0 || index > parent.length)
        throw fail(`jsonpatch ${op} operation does not apply: index out of range: ${JSON.stringify(path)}`);
      parent.splice(index, 0, clone(value));
    } else {
      (parent as Record<string, unknown>)[key] = clone(value);
    }
    return doc;
  };
  let doc = document;
  for (const raw of operations) {
    if (!isPlainObject(raw)) throw fail('jsonpatch: an operation is not an object');
    const op = raw as { op?: unknown; path?: unknown; from?: unknown; value?: unknown };
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, op.value, 'add');
        break;
      case 'remove':
        remove(doc, op.path, 'remove');
        break;
      case 'replace':
        read(doc, op.path, 'replace');
        if (pointer(op.path).length === 0) doc = clone(op.value);
        else {
          remove(doc, op.path, 'replace');
          doc = add(doc, op.path, op.value, 'replace');
        }
        break;
      case 'move': {
        const value = remove(doc, op.from, 'move');
        doc = add(doc, op.path, value, 'move');
        break;
      }
      case 'copy':
        doc = add(doc, op.path, read(doc, op.from, 'copy'), 'copy');
        break;
      case 'test':
        if (!deepEqual(read(doc, op.path, 'test'), op.value)) throw fail(`testing value ${JSON.stringify(op.path)} failed: test failed`);
        break;
      default:
        throw fail(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

// ---- selectors ----

interface LabelRequirement {
  readonly key: string;
  readonly op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  readonly values: readonly string[];
}

interface FieldRequirement {
  readonly field: 'metadata.name' | 'metadata.namespace';
  readonly equal: boolean;
  readonly value: string;
}

const LABEL_KEY = '[A-Za-z0-9][-A-Za-z0-9_./]*';

function parseLabelSelector(selector: string | null): LabelRequirement[] {
  if (selector === null || selector.trim() === '') return [];
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map((raw) => {
    const term = raw.trim();
    let match: RegExpExecArray | null;
    if ((match = new RegExp(`^!\\s*(${LABEL_KEY})$`).exec(term)) !== null) return { key: match[1]!, op: 'notexists', values: [] };
    if ((match = new RegExp(`^(${LABEL_KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(term)) !== null)
      return { key: match[1]!, op: match[2] as 'in' | 'notin', values: match[3]!.split(',').map((v) => v.trim()) };
    if ((match = new RegExp(`^(${LABEL_KEY})\\s*(==|=|!=)\\s*([-A-Za-z0-9_.]*)$`).exec(term)) !== null)
      return { key: match[1]!, op: match[2] === '!=' ? 'neq' : 'eq', values: [match[3]!] };
    if ((match = new RegExp(`^(${LABEL_KEY})$`).exec(term)) !== null) return { key: match[1]!, op: 'exists', values: [] };
    throw new KubeStatusError(400, 'BadRequest', `unable to parse requirement: found '${term}', expected: !, identifier, or 'end of string'`);
  });
}

function parseFieldSelector(selector: string | null, resource: ServedResource): FieldRequirement[] {
  if (selector === null || selector.trim() === '') return [];
  return selector.split(',').map((raw) => {
    const match = /^\s*([A-Za-z.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (match === null) throw new KubeStatusError(400, 'BadRequest', `invalid selector: '${selector}'; can't understand '${raw}'`);
    const field = match[1]!;
    if (field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw new KubeStatusError(
        400,
        'BadRequest',
        isCrd(resource) ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"` : `field label not supported: ${field}`,
      );
    }
    return { field, equal: match[2] !== '!=', value: match[3]! };
  });
}

function selects(labels: LabelRequirement[], fields: FieldRequirement[], object: KubeObject): boolean {
  const present = object.metadata.labels ?? {};
  const labelOk = labels.every(({ key, op, values }) => {
    const value = present[key];
    switch (op) {
      case 'eq':
        return value === values[0];
      case 'neq':
        return value !== values[0];
      case 'in':
        return value !== undefined && values.includes(value);
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'notexists':
        return value === undefined;
      default:
        return false;
    }
  });
  return (
    labelOk &&
    fields.every(({ field, equal, value }) => ((field === 'metadata.name' ? object.metadata.name : (object.metadata.namespace ?? '')) === value) === equal)
  );
}

/** The event a watcher gets for a change: an object leaving its selection is DELETED for it, one entering is ADDED. */
function deliverable(watcher: Watcher, event: ChangeEvent): { type: string; object: KubeObject } | undefined {
  if (watcher.storeKey !== storeKey(event.resource)) return undefined;
  if (watcher.namespace !== undefined && event.object.metadata.namespace !== watcher.namespace) return undefined;
  const now = selects(watcher.labels, watcher.fields, event.object);
  const before = event.previous !== undefined && selects(watcher.labels, watcher.fields, event.previous);
  if (event.type === 'ADDED') return now ? { type: 'ADDED', object: event.object } : undefined;
  if (event.type === 'DELETED') return before ? { type: 'DELETED', object: event.object } : undefined;
  if (now && before) return { type: 'MODIFIED', object: event.object };
  if (now) return { type: 'ADDED', object: event.object };
  if (before) return { type: 'DELETED', object: event.object };
  return undefined;
}

// ---- helpers ----

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === otherKeys.length && keys.every((k) => deepEqual(a[k], b[k]));
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    try {
      return parseYaml(raw);
    } catch {
      return raw;
    }
  }
}

function decodeObject(mediaType: string, raw: string): KubeObject {
  if (mediaType !== 'application/json' && mediaType !== 'application/yaml' && mediaType !== '')
    throw new KubeStatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
    );
  let body: unknown;
  try {
    body = mediaType === 'application/yaml' ? parseYaml(raw) : JSON.parse(raw);
  } catch (error) {
    throw new KubeStatusError(400, 'BadRequest', `couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
  if (!isPlainObject(body)) throw new KubeStatusError(400, 'BadRequest', `couldn't get version/kind; json parse error: the body is not an object`);
  return body as KubeObject;
}

/** The apiserver's default field manager: the User-Agent up to its first '/'. */
function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0]!.trim();
  return prefix === '' ? 'unknown' : prefix.slice(0, 128);
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

/** RFC 3339 to the second, as Kubernetes writes timestamps. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
