/**
 * Asking a package index again when it is busy (429, 5xx, no answer: IndexUnavailable): after the
 * Retry-After it gives (at most `maxWaitMs`; longer, and the question fails now), else after a
 * growing pause, `attempts` times in all. What the job programs that walk an index's packages share.
 */
import { IndexUnavailable } from './package-index.js';

export interface RetryPolicy {
  readonly attempts: number;
  /** The first pause when the index gives no Retry-After; each next one twice as long. */
  readonly pauseMs: number;
  /** The longest the program waits for one index's Retry-After. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRIES: RetryPolicy = { attempts: 3, pauseMs: 1_000, maxWaitMs: 60_000 };

export async function askIndex<T>(
  ask: () => Promise<T>,
  signal: AbortSignal,
  policy: RetryPolicy = DEFAULT_RETRIES,
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = pause,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await ask();
    } catch (error) {
      // The stop, not the index: a request it cancelled reads as "did not answer".
      signal.throwIfAborted();
      if (!(error instanceof IndexUnavailable) || attempt >= policy.attempts) throw error;
      const asked = error.retryAfterMs;
      if (asked !== undefined && asked > policy.maxWaitMs) throw error;
      await sleep(asked ?? policy.pauseMs * 2 ** (attempt - 1), signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
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
