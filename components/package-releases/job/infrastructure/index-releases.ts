/**
 * The releases an index serves: PyPI's JSON API for a warehouse, the Simple API (PEP 503/691) for the
 * others (src/runtime/python/package-index.ts), and the index's whole project list for an index
 * whose every package is wanted. An index that is busy (429, 5xx, no answer) is asked again after
 * the Retry-After it gives (at most `maxWaitMs`), else after a growing pause, `attempts` times in all.
 */
import { IndexUnavailable, type PackageIndexClient } from '../../../../src/runtime/python/package-index.js';
import type { IndexReleases } from '../application/scan-releases.js';
import { type PackageIndex, warehouseProjectUrl, warehouseReleases } from '../domain/releases.js';

export interface RetryPolicy {
  readonly attempts: number;
  /** The first pause when the index gives no Retry-After; each next one twice as long. */
  readonly pauseMs: number;
  /** The longest the program waits for one index's Retry-After. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRIES: RetryPolicy = { attempts: 3, pauseMs: 1_000, maxWaitMs: 60_000 };

export class HttpIndexReleases implements IndexReleases {
  constructor(
    private readonly client: PackageIndexClient,
    private readonly warehouses: readonly string[],
    private readonly retries: RetryPolicy = DEFAULT_RETRIES,
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void> = pause,
  ) {}

  async versions(index: PackageIndex, name: string, signal: AbortSignal): Promise<string[]> {
    const warehouse = warehouseProjectUrl(index, this.warehouses, name);
    if (warehouse !== undefined) return this.retried(signal, async () => warehouseReleases(await this.client.json(warehouse)));
    return this.retried(signal, async () => [...(await this.client.versions(index.url, name))]);
  }

  async projects(index: PackageIndex, signal: AbortSignal): Promise<string[]> {
    return this.retried(signal, () => this.client.projectNames(index.url));
  }

  private async retried<T>(signal: AbortSignal, ask: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      try {
        return await ask();
      } catch (error) {
        if (!(error instanceof IndexUnavailable) || attempt >= this.retries.attempts) throw error;
        const asked = error.retryAfterMs;
        if (asked !== undefined && asked > this.retries.maxWaitMs) throw error;
        await this.sleep(asked ?? this.retries.pauseMs * 2 ** (attempt - 1), signal);
      }
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}
