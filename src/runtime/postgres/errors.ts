/**
 * Which PostgreSQL failures are worth waiting out: the server or the network is away (a restart,
 * a failover, pgbouncer recycling), as opposed to a statement that will fail however often it runs.
 * A consumer retries the first kind as long as it takes (they carry `retryable: true`) instead of
 * setting its records aside.
 */

/** SQLSTATE classes and codes of an unavailable server: connection exceptions, shutdowns, too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300|40001|40P01)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** pg's own messages when a connection ends or cannot be had in time. */
const LOST_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function isUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: errors of Node's own sockets may come from another realm (test sandboxes).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}

/** Runs `query`; a failure of an unavailable server is marked retryable. */
export async function retryingWhenUnavailable<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (isUnavailable(error)) Object.assign(error as object, { retryable: true });
    throw error;
  }
}
