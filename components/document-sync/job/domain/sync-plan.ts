/**
 * Which documents a sync copies: those of the source that the destination lacks, or holds with
 * another size (a copy cut short), found by walking both listings side by side, never holding
 * either (they are sorted alike: S3 lists keys in the order of their UTF-8 bytes). A document's
 * request (`<id>.request`, which the user API writes beside it) is not a document and stays behind,
 * as in the reference (thoth-jobs.md §5).
 */

export interface Listed {
  readonly id: string;
  readonly size: number;
}

/** The order S3 lists keys in: by their UTF-8 bytes, which JavaScript's `<` (UTF-16 units) is not above U+FFFF. */
export function s3Order(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export const isRequest = (id: string) => id.endsWith('.request');

export interface PlanStep {
  readonly id: string;
  readonly size: number;
  /** Whether the destination has it already, with the same size: nothing to do. */
  readonly present: boolean;
}

/** Each source document (requests left out), in order, with whether the destination has it. */
export async function* syncPlan(source: AsyncIterable<Listed>, destination: AsyncIterable<Listed>): AsyncIterable<PlanStep> {
  const there = destination[Symbol.asyncIterator]();
  let next = await there.next();
  for await (const document of source) {
    if (isRequest(document.id)) continue;
    while (!next.done && s3Order(next.value.id, document.id) < 0) next = await there.next();
    const present = !next.done && next.value.id === document.id && next.value.size === document.size;
    yield { id: document.id, size: document.size, present };
  }
  await there.return?.();
}
