/**
 * Bounds on a record's value, checked before anything parses or walks it: a value nested ten
 * thousand deep overflows the stack of every recursive step after JSON.parse (validation,
 * redaction, serialisation), and one larger than the broker takes could not be set aside in the
 * dead-letter topic either. A record outside the bounds is set aside with its reason, its value
 * dropped, so that no record can stop a consumer.
 */

/** Kafka's default message.max.bytes: a producer of the catalogue never sends more. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Catalogue messages nest five levels at most; this leaves room without risking any stack. */
export const MAX_RECORD_DEPTH = 64;

export type ShapeReason = 'too-large' | 'too-deep';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Why the value is out of bounds, or undefined. The depth is counted over the bytes in one pass,
 * brackets inside strings excepted; UTF-8 never puts these ASCII bytes inside another character.
 */
export function shapeProblem(value: Buffer): { readonly reason: ShapeReason; readonly detail: string } | undefined {
  if (value.length > MAX_RECORD_BYTES) return { reason: 'too-large', detail: `the value is ${value.length} bytes; at most ${MAX_RECORD_BYTES} are read` };
  let depth = 0;
  let inString = false;
  for (let index = 0; index < value.length; index++) {
    const byte = value[index]!;
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > MAX_RECORD_DEPTH) return { reason: 'too-deep', detail: `the value nests deeper than ${MAX_RECORD_DEPTH} levels (at byte ${index})` };
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return undefined;
}
