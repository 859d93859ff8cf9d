/**
 * Back-pressure on Argo: before a handler submits to a namespace, it waits while the namespace
 * has ARGO_PENDING_WORKFLOW_LIMIT or more pending workflows, so a submission never takes it above
 * the limit; the wait stops consumption of that partition until Argo catches up. The count is listed at most once per poll interval and
 * namespace; submissions in between are added to it, so a burst of messages cannot overshoot the
 * limit by more than the consumer's concurrency.
 */
import type { Gauge } from 'prom-client';
import type { Logger } from '../log.js';
import { type HandlerContext, sleepAlive } from '../kafka/process-record.js';

export interface PendingCounter {
  countPending(namespace: string): Promise<number>;
}

interface Known {
  count: number;
  at: number;
}

export class PendingWorkflowGate {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly counter: PendingCounter,
    private readonly settings: { readonly limit: number | undefined; readonly pollMs: number },
    private readonly log: Logger,
    /** 1 while a namespace is over its limit and consumption waits. */
    private readonly waiting?: Gauge,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Resolves when the namespace has room for one more workflow. */
  async waitForRoom(namespace: string, context: HandlerContext): Promise<void> {
    const { limit } = this.settings;
    if (limit === undefined) return;
    let waited = false;
    while ((await this.pending(namespace)) >= limit) {
      if (!waited) {
        waited = true;
        this.waiting?.set({ namespace }, 1);
        this.log.info({ namespace, limit, pending: this.known.get(namespace)?.count }, 'too many pending workflows; consumption waits');
      }
      await sleepAlive(this.settings.pollMs, context);
    }
    if (waited) {
      this.waiting?.set({ namespace }, 0);
      this.log.info({ namespace }, 'pending workflows below the limit; consumption resumes');
    }
  }

  /** A workflow was created: count it until the next listing. */
  submitted(namespace: string): void {
    const known = this.known.get(namespace);
    if (known !== undefined) known.count++;
  }

  private async pending(namespace: string): Promise<number> {
    const known = this.known.get(namespace);
    if (known !== undefined && this.clock() - known.at < this.settings.pollMs) return known.count;
    const count = await this.counter.countPending(namespace);
    this.known.set(namespace, { count, at: this.clock() });
    return count;
  }
}
