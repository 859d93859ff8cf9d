/**
 * How long one request to a dependency may take, and the program's stop: a dependency that accepts
 * the connection and never answers fails the attempt (retried) instead of holding its partition,
 * and a SIGTERM cancels the request in flight, so a stop never waits for it.
 */
export interface RequestLimits {
  readonly timeoutMs: number;
  /** The program's stop. */
  readonly signal?: AbortSignal;
}

/** The signal of one request, and whether it was its own timeout (not the stop) that ended it. */
export function requestSignal(limits: RequestLimits): { readonly signal: AbortSignal; readonly timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal === undefined ? timeout : AbortSignal.any([limits.signal, timeout]);
  return { signal, timedOut: () => timeout.aborted && !(limits.signal?.aborted ?? false) };
}
