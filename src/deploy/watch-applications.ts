/**
 * The latest copy of an environment's Application objects: listed once, then kept current by a
 * watch from the list's resourceVersion (watched on when the server ends a watch, listed again when
 * the version has expired). Waiters are told of each change.
 */
import { ApiRefused, ClusterUnavailable, type Cluster } from './cluster.js';
import { APPLICATION, type ApplicationObject } from './applications.js';

/** Failed watches in a row (a dropped connection) before the failure is reported. */
const WATCH_ATTEMPTS = 3;
const WATCH_RETRY_MS = 1_000;

export class ApplicationWatch {
  private readonly objects = new Map<string, ApplicationObject>();
  private readonly waiters = new Set<() => void>();
  /** Counts the changes seen, so a wait can start from a known point and miss none made meanwhile. */
  private changes = 0;
  private resourceVersion = '';
  private failure: unknown;
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly cluster: Cluster,
    private readonly namespace: string,
    private readonly labelSelector: string,
  ) {}

  get(name: string): ApplicationObject | undefined {
    return this.objects.get(name);
  }

  /** The point to wait from: read it before looking at the Applications. */
  get version(): number {
    return this.changes;
  }

  /** Lists the Applications; what the cluster says now, before anything is waited for. */
  async list(): Promise<void> {
    const { items, resourceVersion } = await this.cluster.list<ApplicationObject & { apiVersion?: string; kind?: string }>(
      APPLICATION.apiVersion,
      APPLICATION.kind,
      this.namespace,
      this.labelSelector,
    );
    this.objects.clear();
    for (const item of items) this.objects.set(item.metadata.name, item);
    this.resourceVersion = resourceVersion;
    this.notify();
  }

  /** Starts watching in the background; a watch that cannot go on is reported by the next `changed`. */
  private start(): void {
    this.running ??= this.follow().catch((error: unknown) => {
      this.failure = error;
      this.notify();
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /**
   * Resolves when an Application has changed since `version` (true: at once if it already has) or
   * after `timeoutMs` (false), at once when `signal` aborts; throws when the watch has failed for
   * good. The first call starts the watch, from the list's resourceVersion: what is already done
   * never opens one.
   */
  async changed(timeoutMs: number, signal: AbortSignal, version = this.changes): Promise<boolean> {
    this.start();
    if (this.failure !== undefined) throw this.failure;
    if (signal.aborted) return false;
    if (this.changes > version) return true;
    const outcome = await new Promise<boolean>((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal.removeEventListener('abort', abort);
        resolve(value);
      };
      const wake = () => finish(true);
      const abort = () => finish(false);
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      this.waiters.add(wake);
      signal.addEventListener('abort', abort, { once: true });
    });
    if (this.failure !== undefined) throw this.failure;
    return outcome;
  }

  private notify(): void {
    this.changes += 1;
    for (const wake of [...this.waiters]) wake();
  }

  private async follow(): Promise<void> {
    const path = `/apis/${APPLICATION.apiVersion}/namespaces/${this.namespace}/applications`;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.cluster.watch<ApplicationObject & { metadata: { resourceVersion?: string } }>(
          path,
          { labelSelector: this.labelSelector, resourceVersion: this.resourceVersion },
          (type, object) => {
            failures = 0;
            if (object.metadata.resourceVersion !== undefined) this.resourceVersion = object.metadata.resourceVersion;
            if (type === 'BOOKMARK') return;
            if (type === 'DELETED') this.objects.delete(object.metadata.name);
            else this.objects.set(object.metadata.name, object);
            this.notify();
          },
          this.stopping.signal,
        );
      } catch (error) {
        // 410 Gone: the version is older than the server keeps; what changed meanwhile is in a new list.
        if (error instanceof ApiRefused && error.code === 410) {
          await this.list();
          continue;
        }
        failures += 1;
        if (failures >= WATCH_ATTEMPTS || !isPassing(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_MS));
      }
    }
  }
}

/** A dropped connection or a server error, which a restarting API server gives for a moment. */
const isPassing = (error: unknown): boolean =>
  (error instanceof ClusterUnavailable && error.reason === 'unreachable') ||
  (error instanceof ApiRefused && error.code >= 500) ||
  /premature close/i.test(String(error));
