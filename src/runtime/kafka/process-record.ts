/**
 * What happens to one consumed record: decode it, run its handler until the effect is done, or set
 * it aside in the dead-letter topic; the caller commits the offset after either. A failed attempt
 * is retried as its error's `retryable` says (see Retryable; docs/quirks.md Q8).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageTypeName } from '../../messages/catalogue.js';
import type { Logger } from '../log.js';
import type { Retryable } from '../retryable.js';
import { ANY_VERSION, type ConsumedMessage, type DeadLetterReason, decode, type RawRecord } from './decode.js';

export interface HandlerContext {
  readonly signal: AbortSignal;
  /** Tell the group this member is alive; call it while waiting for long. */
  readonly heartbeat: () => Promise<void>;
}

/** What acts on a message of type `N` (of any of the types `N` names). */
export type Handler<N extends MessageTypeName = MessageTypeName> = (message: ConsumedMessage<N>, context: HandlerContext) => Promise<void>;

/** Per message type, per version, its handler: a handler gets messages of its own type only. */
export type HandlerTable = { readonly [N in MessageTypeName]?: Readonly<Record<string, Handler<N>>> };

/** The handler of a decoded message, for its version or any. */
function handlerOf(table: HandlerTable, message: ConsumedMessage): Handler | undefined {
  // Each type's handlers are filed under that type, so this one takes this message.
  const byVersion = table[message.type] as Readonly<Record<string, Handler>> | undefined;
  return byVersion?.[message.version] ?? byVersion?.[ANY_VERSION];
}

export interface RetrySettings {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** How long a refusal ('for-a-while') is retried before it is taken as permanent. */
  readonly refusedForMs: number;
  /** How long one record may hold its partition while its attempts fail. */
  readonly holdLimitMs: number;
}

/** What the consumer counts; see consumer-metrics.ts. */
export interface RecordMetrics {
  attemptStarted(type: MessageTypeName): void;
  attemptEnded(type: MessageTypeName, outcome: 'handled' | 'failed'): void;
  /** A record of this type is being retried (true) or no longer (false): its partition waits. */
  stalled(type: MessageTypeName, stalled: boolean): void;
  deadLettered(type: MessageTypeName | undefined, reason: DeadLetterReason): void;
  /** A replayed record (see replay.ts) was handled, or set aside again. */
  replayed(type: MessageTypeName | undefined, outcome: RecordOutcome): void;
}

export interface RecordHooks {
  /** Sets a record aside; undefined for an observer, which only logs and counts what it cannot take. */
  readonly deadLetter?: (record: RawRecord, reason: DeadLetterReason, detail: string, type: MessageTypeName | undefined) => Promise<void>;
  readonly log: Logger;
  readonly metrics: RecordMetrics;
}

export type RecordOutcome = 'handled' | 'dead-lettered';

export async function processRecord(
  record: RawRecord,
  table: HandlerTable,
  types: ReadonlyMap<string, MessageTypeName>,
  retry: RetrySettings,
  hooks: RecordHooks,
  context: HandlerContext,
): Promise<RecordOutcome> {
  const handle = async (): Promise<RecordOutcome> => {
    // An observer (no dead letters) takes messages as they come, valid or not.
    const decoded = decode(record, types, (type) => Object.keys(table[type] ?? {}), hooks.deadLetter !== undefined);
    if (!decoded.ok) {
      await setAside(record, decoded.reason, decoded.detail, decoded.type, hooks, { topic: record.topic, partition: record.partition, offset: record.offset });
      return 'dead-lettered';
    }
    const { message } = decoded;
    const handler = handlerOf(table, message)!;
    try {
      return await runHandler(message, record, handler, retry, hooks, context);
    } finally {
      hooks.metrics.stalled(message.type, false);
    }
  };
  const outcome = await handle();
  if (record.replayed === true) hooks.metrics.replayed(types.get(record.topic), outcome);
  return outcome;
}

async function runHandler(
  message: ConsumedMessage,
  record: RawRecord,
  handler: Handler,
  retry: RetrySettings,
  hooks: RecordHooks,
  context: HandlerContext,
): Promise<RecordOutcome> {
  const where = { topic: record.topic, partition: record.partition, offset: record.offset };
  const started = Date.now();
  let refusedSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    context.signal.throwIfAborted();
    hooks.metrics.attemptStarted(message.type);
    try {
      await handler(message, context);
      hooks.metrics.attemptEnded(message.type, 'handled');
      return 'handled';
    } catch (error) {
      hooks.metrics.attemptEnded(message.type, 'failed');
      context.signal.throwIfAborted();
      const retryable = (error as { retryable?: Retryable }).retryable;
      const detail = error instanceof Error ? error.message : String(error);
      const now = Date.now();
      refusedSince = retryable === 'for-a-while' ? (refusedSince ?? now) : undefined;
      const giveUp =
        retryable === false ||
        (retryable === undefined && attempt >= retry.maxAttempts) ||
        (refusedSince !== undefined && now - refusedSince >= retry.refusedForMs);
      if (giveUp || now - started >= retry.holdLimitMs) {
        const reason = giveUp ? 'handler-failed' : 'timeout';
        const why =
          refusedSince !== undefined
            ? `refused for ${seconds(now - refusedSince)}`
            : reason === 'timeout'
              ? `failing for ${seconds(now - started)}`
              : `after ${attempt} attempts`;
        hooks.log.error({ ...where, type: message.type, attempt, reason, err: error }, 'handler failed');
        await setAside(record, reason, attempt > 1 ? `${why}: ${detail}` : detail, message.type, hooks, where);
        return 'dead-lettered';
      }
      hooks.metrics.stalled(message.type, true);
      const delay = Math.min(retry.backoffMs * 2 ** (attempt - 1), retry.maxBackoffMs, Math.max(0, retry.holdLimitMs - (now - started)));
      hooks.log.warn({ ...where, type: message.type, attempt, retryInMs: delay, err: error }, 'handler failed; retrying');
      await sleepAlive(delay, context);
    }
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A detail quotes the record's problems: a megabyte of them is no use in a log line or a header. */
const MAX_DETAIL = 2_000;

async function setAside(
  record: RawRecord,
  reason: DeadLetterReason,
  fullDetail: string,
  type: MessageTypeName | undefined,
  hooks: RecordHooks,
  where: object,
): Promise<void> {
  const detail = fullDetail.length > MAX_DETAIL ? `${fullDetail.slice(0, MAX_DETAIL)}… (${fullDetail.length - MAX_DETAIL} more characters)` : fullDetail;
  if (hooks.deadLetter === undefined) {
    hooks.log.warn({ ...where, reason, detail }, 'record skipped (this consumer keeps no dead letters)');
  } else {
    hooks.log.warn({ ...where, reason, detail }, 'record set aside in the dead-letter topic');
    await hooks.deadLetter(record, reason, detail, type);
  }
  hooks.metrics.deadLettered(type, reason);
}

/** Waits `ms`, sending heartbeats so the group does not think this member died. */
export async function sleepAlive(ms: number, context: HandlerContext): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    context.signal.throwIfAborted();
    // An abort ends the wait early; the check above or below then throws its reason.
    await sleep(Math.min(until - Date.now(), 3_000), undefined, { signal: context.signal }).catch(() => {});
    await context.heartbeat();
  }
  context.signal.throwIfAborted();
}
