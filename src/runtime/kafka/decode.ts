/**
 * Turns a consumed record into a catalogue message, or says why it cannot be one. A record that
 * is not JSON, of a version no handler takes, or invalid for its type is a reason to set the record
 * aside (dead letter), never to stop (docs/quirks.md Q9).
 */
import { MESSAGE_TYPES, type MessageTypeName, topicName } from '../../messages/catalogue.js';
import type { MessageValue } from '../../messages/fields.js';
import { checkMessage } from '../../messages/validate.js';
import { shapeProblem, type ShapeReason } from './record-shape.js';

/** A record decoded as a message of type `N` (of one of the types `N` names: a union of them, by `type`). */
export type ConsumedMessage<N extends MessageTypeName = MessageTypeName> = {
  readonly [K in N]: {
    readonly type: K;
    /** The record's `version`, or v1 when absent, as the reference read it. */
    readonly version: string;
    /** Checked against the type's schema (src/messages/fields.ts) before it is handed on. */
    readonly value: MessageValue<K>;
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
  };
}[N];

export type DeadLetterReason = 'not-json' | ShapeReason | 'unknown-topic' | 'unknown-version' | 'invalid-message' | 'handler-failed' | 'timeout';

export type Decoded =
  | { readonly ok: true; readonly message: ConsumedMessage }
  | { readonly ok: false; readonly reason: DeadLetterReason; readonly detail: string; readonly type?: MessageTypeName };

export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
  /** Sent back from the dead-letter topic by `replay`. */
  readonly replayed?: boolean;
}

/** Maps full topic names back to message types, for one deployment. */
export function topicTypes(deploymentName: string, types: readonly MessageTypeName[]): ReadonlyMap<string, MessageTypeName> {
  return new Map(types.map((type) => [topicName(deploymentName, MESSAGE_TYPES[type]), type]));
}

/** A handler table's version key that takes every version (an observer counting messages). */
export const ANY_VERSION = '*';

/**
 * `validate: false` is for an observer: it takes whatever a producer sent, so that it can count it;
 * everyone else gets only messages their catalogue entry allows.
 */
export function decode(
  record: RawRecord,
  types: ReadonlyMap<string, MessageTypeName>,
  versions: (type: MessageTypeName) => readonly string[],
  validate = true,
): Decoded {
  const type = types.get(record.topic);
  if (type === undefined) return { ok: false, reason: 'unknown-topic', detail: `no message type is read from topic ${record.topic}` };
  const shape = record.value === null ? undefined : shapeProblem(record.value);
  if (shape !== undefined) return { ok: false, type, ...shape };
  let value: unknown;
  try {
    value = JSON.parse(record.value?.toString('utf8') ?? '');
  } catch (error) {
    return { ok: false, type, reason: 'not-json', detail: `the value is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, type, reason: 'invalid-message', detail: 'the value is not a JSON object' };
  const version = (value as { version?: unknown }).version ?? 'v1';
  if (typeof version !== 'string' || !(versions(type).includes(version) || versions(type).includes(ANY_VERSION))) {
    return {
      ok: false,
      type,
      reason: 'unknown-version',
      detail: `${type} version ${JSON.stringify(version)} has no handler (handled: ${versions(type).join(', ')})`,
    };
  }
  const check = validate ? checkMessage(type, value, 'consume') : { valid: true as const, problems: [] };
  if (!check.valid) return { ok: false, type, reason: 'invalid-message', detail: check.problems.join('; ') };
  return {
    ok: true,
    // The check above is what makes the value a MessageValue of its type.
    message: { type, version, value, topic: record.topic, partition: record.partition, offset: record.offset } as ConsumedMessage,
  };
}
