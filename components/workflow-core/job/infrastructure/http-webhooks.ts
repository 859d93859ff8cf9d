/**
 * Calls webhooks over HTTP: a JSON POST with the client's Authorization header, each call bounded in
 * time; a network error, a timeout, 429 or a 5xx is tried again after a pause (the server's
 * Retry-After when it gives one, up to a minute), anything else answered is final. The reference
 * had no timeout, so one silent client held the step until the workflow's deadline.
 */
import type { WebhookCaller, WebhookOutcome } from '../application/ports.js';

export interface WebhookPolicy {
  readonly timeoutMs: number;
  readonly attempts: number;
  /** The pause before the second call; doubled after each. */
  readonly backoffMs: number;
}

const MAX_PAUSE_MS = 60_000;

export class HttpWebhooks implements WebhookCaller {
  constructor(private readonly policy: WebhookPolicy) {}

  async call(url: URL, body: string, authorization: string | undefined): Promise<WebhookOutcome> {
    let reason = '';
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      let pauseMs = this.policy.backoffMs * 2 ** (attempt - 1);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status < 300) return { delivered: true, status: response.status };
        reason = `answered ${response.status}`;
        if (response.status !== 429 && response.status < 500) return { delivered: false, reason };
        pauseMs = retryAfterMs(response.headers.get('retry-after')) ?? pauseMs;
      } catch (error) {
        reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.policy.timeoutMs} ms` : `unreachable (${(error as Error).message})`;
      }
      if (attempt < this.policy.attempts) await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, MAX_PAUSE_MS)));
    }
    return { delivered: false, reason: `${reason}, after ${this.policy.attempts} attempt${this.policy.attempts === 1 ? '' : 's'}` };
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
