/**
 * The Kubernetes API as deploy and status use it, through @kubernetes/client-node: discovery,
 * server-side apply under deploy's own field manager, reads, and a list-then-watch of Argo CD
 * Applications. Failures a user can meet (no cluster, refused credentials, a conflict with another
 * field manager) become errors that say so in one line; nothing here prints or exits.
 */
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy, VersionApi, Watch, type KubernetesObject } from '@kubernetes/client-node';
import { UserError } from '../errors.js';

/** The field manager deploy applies as, so its fields are told apart from Argo CD's and Helm's. */
export const FIELD_MANAGER = 'thoth-gitops';

/** The API server cannot be reached, or refuses who we are: exit 1 with one line, not a bug. */
export class ClusterUnavailable extends UserError {
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'unauthorized' | 'forbidden',
  ) {
    super(message);
  }
}

/** Server-side apply refused: fields of the object belong to another manager with other values. */
export class ApplyConflict extends Error {
  constructor(
    readonly object: string,
    readonly conflicts: readonly string[],
  ) {
    super(`${object}: ${conflicts.join('; ')}`);
  }
}

/**
 * Any other answer the API server gave that is not success, with its Status message: the cluster's
 * word (a kind not served, a webhook's refusal, a server error), so one line and exit 1, not a bug.
 */
export class ApiRefused extends UserError {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** How to reach the cluster: the kubeconfig's context, or the in-cluster service account. */
export interface ConnectOptions {
  /** A context of the kubeconfig; default: its current context. */
  readonly context?: string;
  /**
   * The command-line option that named it, for messages.
   * @default "--context"
   */
  readonly option?: string;
}

/**
 * The kubeconfig as kubectl finds it: `KUBECONFIG` (a list of files), ~/.kube/config, or the pod's
 * service account when running in a cluster.
 */
export function loadKubeConfig(options: ConnectOptions): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (error) {
    throw new UserError(
      `cannot read the kubeconfig (${process.env.KUBECONFIG ?? '~/.kube/config'}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (options.context !== undefined) {
    const names = config.getContexts().map((context) => context.name);
    if (!names.includes(options.context)) {
      throw new UserError(
        `${options.option ?? '--context'} ${options.context}: the kubeconfig has no such context; it has ${names.length === 0 ? 'none' : names.join(', ')}`,
      );
    }
    config.setCurrentContext(options.context);
  }
  if (config.getCurrentCluster() === null) {
    throw new UserError('the kubeconfig names no cluster: set KUBECONFIG, pass --context, or run inside a cluster');
  }
  return config;
}

interface StatusBody {
  readonly message?: string;
  readonly reason?: string;
  readonly details?: { readonly causes?: readonly { readonly type?: string; readonly message?: string; readonly field?: string }[] };
}

const SYSTEM_ERRORS = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|socket hang up/;

function statusOf(error: ApiException<unknown>): StatusBody {
  const body = error.body;
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return {};
}

/** Access to one cluster, as one kubeconfig context reaches it. */
export class Cluster {
  readonly server: string;
  readonly contextName: string;
  private readonly objects: DiscoveringObjectApi;
  private readonly watcher: Watch;

  constructor(
    private readonly config: KubeConfig,
    /** The command-line option that picks its context, for messages. */
    private readonly option = '--context',
  ) {
    this.server = config.getCurrentCluster()!.server;
    this.contextName = config.getCurrentContext();
    this.objects = config.makeApiClient(DiscoveringObjectApi);
    this.watcher = new Watch(config);
  }

  static connect(options: ConnectOptions): Cluster {
    return new Cluster(loadKubeConfig(options), options.option);
  }

  /**
   * The server's Kubernetes version (`/version`, which any authenticated client may read): the first
   * call, so an unreachable server or refused credentials end things before anything else is asked.
   */
  async version(): Promise<{ major: string; minor: string; gitVersion: string }> {
    const info = await this.call(() => this.config.makeApiClient(VersionApi).getCode());
    return { major: info.major, minor: info.minor.replace(/\D+$/, ''), gitVersion: info.gitVersion };
  }

  /** Whether the cluster serves `kind` in `apiVersion` (its discovery document lists it). */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    try {
      return (await this.call(() => this.objects.served(apiVersion, kind))) !== undefined;
    } catch (error) {
      if (error instanceof ApiRefused && error.code === 404) return false;
      throw error;
    }
  }

  /** The object, or undefined when there is none. */
  async read<T extends KubernetesObject>(ref: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<T | undefined> {
    try {
      return (await this.call(() =>
        this.objects.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } }),
      )) as T;
    } catch (error) {
      if (error instanceof ApiRefused && error.code === 404) return undefined;
      throw error;
    }
  }

  /** Server-side apply as FIELD_MANAGER; `dryRun` persists nothing; `force` takes over conflicting fields. */
  async apply<T extends KubernetesObject>(object: T, options: { dryRun?: boolean; force?: boolean } = {}): Promise<T> {
    const title = `${object.kind} ${object.metadata?.namespace === undefined ? '' : `${object.metadata.namespace}/`}${object.metadata?.name}`;
    try {
      return await this.call(() =>
        this.objects.patch(
          object,
          undefined,
          options.dryRun === true ? 'All' : undefined,
          FIELD_MANAGER,
          options.force === true,
          PatchStrategy.ServerSideApply,
        ),
      );
    } catch (error) {
      if (error instanceof ConflictError) throw new ApplyConflict(title, error.causes);
      if (error instanceof ApiRefused) throw new ApiRefused(error.code, `${title}: ${error.message}`);
      throw error;
    }
  }

  /**
   * A JSON merge patch as FIELD_MANAGER: how a sync is asked for (the `operation` field) and a
   * refresh. With `conflictIsStale`, a patch that carries `metadata.resourceVersion` and finds the
   * object changed since (409) is not applied and answers false.
   */
  async mergePatch(
    ref: { apiVersion: string; kind: string; name: string; namespace?: string },
    patch: Record<string, unknown>,
    options: { conflictIsStale?: boolean } = {},
  ): Promise<boolean> {
    const metadata = { ...((patch.metadata as Record<string, unknown> | undefined) ?? {}), name: ref.name, namespace: ref.namespace };
    const body = { ...patch, apiVersion: ref.apiVersion, kind: ref.kind, metadata };
    try {
      await this.call(() => this.objects.patch(body as KubernetesObject, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch));
      return true;
    } catch (error) {
      if (options.conflictIsStale === true && error instanceof ApiRefused && error.code === 409) return false;
      throw error;
    }
  }

  async list<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector?: string,
  ): Promise<{ items: T[]; resourceVersion: string }> {
    try {
      const list = await this.call(() => this.objects.list<T>(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector));
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    } catch (error) {
      // Discovery of the group failed: the cluster has no such API at all.
      if (error instanceof ApiRefused && error.code === 404) throw new ApiRefused(404, `the cluster does not serve ${kind} (${apiVersion})`);
      throw error;
    }
  }

  /**
   * Watches from `resourceVersion`, calling `onEvent` for each change; resolves when the server ends
   * the watch (it does after a while: list again and watch on) and rejects with `ApiRefused` 410 when
   * the version is too old. `signal` ends it early.
   */
  async watch<T extends KubernetesObject>(
    path: string,
    query: { labelSelector?: string; resourceVersion: string },
    onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', object: T) => void,
    signal: AbortSignal,
  ): Promise<void> {
    let controller: AbortController | undefined;
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        controller?.abort();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      const done = (error: unknown) => {
        signal.removeEventListener('abort', stop);
        if (error === null || error === undefined || signal.aborted || (error as Error).name === 'AbortError') resolve();
        else reject(this.translate(error));
      };
      this.watcher
        .watch(
          path,
          { ...query, allowWatchBookmarks: true, timeoutSeconds: 300 },
          (type: string, object: unknown) => {
            if (type === 'ERROR') {
              // The stream may stay open after an error event: it is closed here, so it feeds nothing more.
              controller?.abort();
              const status = object as StatusBody & { code?: number };
              done(new ApiRefused(status.code ?? 500, status.message ?? 'the watch failed'));
              return;
            }
            onEvent(type as 'ADDED', object as T);
          },
          done,
        )
        .then((started) => {
          controller = started;
          if (signal.aborted) started.abort();
        }, reject);
    });
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** One error per kind of failure a user can act on; anything else goes on as it is (a bug). */
  private translate(error: unknown): unknown {
    if (error instanceof ClusterUnavailable || error instanceof ApiRefused || error instanceof ConflictError) return error;
    const where = `the Kubernetes API server at ${this.server} (context ${this.contextName})`;
    const code = error instanceof ApiException ? error.code : (error as { statusCode?: number }).statusCode;
    if (code !== undefined) {
      const status = error instanceof ApiException ? statusOf(error) : {};
      if (code === 401)
        return new ClusterUnavailable(`${where} refused the credentials (401 Unauthorized): log in again or pick another ${this.option}`, 'unauthorized');
      if (code === 403) return new ClusterUnavailable(`${where} forbids it (403): ${status.message ?? 'the credentials lack a permission'}`, 'forbidden');
      if (code === 409 && status.reason === 'Conflict' && status.details?.causes?.some((cause) => cause.type === 'FieldManagerConflict')) {
        return new ConflictError(status.details.causes.map((cause) => cause.message ?? cause.field ?? 'a conflict'));
      }
      return new ApiRefused(code, status.message ?? (error as Error).message);
    }
    const message = error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error);
    // client-node's discovery found the group but not the kind (Argo Workflows without Argo CD, say).
    const unknownKind = /Unrecognized API version and kind: (\S+) (\S+)/.exec(message);
    if (unknownKind !== null) return new ApiRefused(404, `the cluster does not serve ${unknownKind[2]} (${unknownKind[1]})`);
    if (SYSTEM_ERRORS.test(message) || (error as { type?: string }).type === 'system') {
      // client-node prefixes discovery failures with what it was looking up; the cause is what matters.
      const cause = (error instanceof Error ? error.message : String(error)).replace(/^Failed to fetch resource metadata for [^:]+: /, '');
      return new ClusterUnavailable(`cannot reach ${where}: ${cause}`, 'unreachable');
    }
    return error;
  }
}

class ConflictError extends Error {
  constructor(readonly causes: readonly string[]) {
    super(causes.join('; '));
  }
}

/** KubernetesObjectApi with its (cached) discovery of a group version made public. */
class DiscoveringObjectApi extends KubernetesObjectApi {
  served(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind);
  }
}
