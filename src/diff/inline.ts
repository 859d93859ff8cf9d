/**
 * What changed inside a long value: a word diff (jsdiff) of its two texts with the changed words
 * marked, `[-removed-]{+added+}` as `git diff --word-diff=plain` writes them (or in colour on a
 * terminal, as `--color-words`), and the unchanged text between changes cut down to some context
 * around each change. However long the value, the excerpt shows the change itself: cutting both
 * sides at the same length could show two identical strings.
 */
import { diffArrays } from 'diff';

export interface Marks {
  readonly removed: (text: string) => string;
  readonly added: (text: string) => string;
}

export const PLAIN_MARKS: Marks = { removed: (text) => `[-${text}-]`, added: (text) => `{+${text}+}` };
export const COLOUR_MARKS: Marks = { removed: (text) => `\u001b[31m${text}\u001b[0m`, added: (text) => `\u001b[32m${text}\u001b[0m` };

/** Unchanged characters kept on each side of a change. */
const CONTEXT = 40;
/** A changed part longer than this shows its start and its end. */
const MAX_PART = 200;
/** Beyond this many edits the two texts count as one change: jsdiff's time grows with the square of the edits. */
const MAX_EDITS = 1_000;

/**
 * A number (0.25), a name (thoth-frontend-prod, a.b:c) is one token, so that a changed threshold reads
 * [-0.25-]{+0.5+} rather than 0.[-25-]{+5+}; each run of spaces and each other character is a token.
 */
const tokens = (text: string): string[] => text.match(/\s+|[\p{L}\p{N}_.:-]+|[^\s\p{L}\p{N}_.:-]/gu) ?? [];

interface Part {
  readonly text: string;
  readonly kind: 'same' | 'removed' | 'added';
}

export function wordDiff(before: string, after: string, marks: Marks): string {
  const diff = diffArrays(tokens(before), tokens(after), { maxEditLength: MAX_EDITS });
  const parts: Part[] =
    diff === undefined
      ? oneChange(before, after)
      : diff.map((part) => ({ text: part.value.join(''), kind: part.removed ? 'removed' : part.added ? 'added' : 'same' }));
  return parts
    .map((part, index) => {
      if (part.kind === 'removed') return marks.removed(cut(part.text));
      if (part.kind === 'added') return marks.added(cut(part.text));
      return context(part.text, index === 0, index === parts.length - 1);
    })
    .join('');
}

/** The texts as their common start and end around one change, for texts too different to diff word by word. */
function oneChange(before: string, after: string): Part[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.at(-1 - end) === after.at(-1 - end)) end++;
  const parts: Part[] = [
    { text: before.slice(0, start), kind: 'same' },
    { text: before.slice(start, before.length - end), kind: 'removed' },
    { text: after.slice(start, after.length - end), kind: 'added' },
    { text: before.slice(before.length - end), kind: 'same' },
  ];
  return parts.filter((part) => part.text !== '');
}

/** Unchanged text: its end before the first change, its start after the last, both ends between two. */
function context(text: string, first: boolean, last: boolean): string {
  if (first && last) return text;
  if (first) return text.length > CONTEXT ? `…${excerpt(text, 'end')}` : text;
  if (last) return text.length > CONTEXT ? `${excerpt(text, 'start')}…` : text;
  return text.length > 2 * CONTEXT + 1 ? `${excerpt(text, 'start')}…${excerpt(text, 'end')}` : text;
}

/** At most CONTEXT characters of the text's start or end, in whole tokens unless the first is longer than that. */
function excerpt(text: string, side: 'start' | 'end'): string {
  let length = 0;
  for (const token of side === 'start' ? tokens(text) : tokens(text).reverse()) {
    if (length + token.length > CONTEXT) break;
    length += token.length;
  }
  if (length === 0) length = CONTEXT;
  return side === 'start' ? text.slice(0, length) : text.slice(-length);
}

/** A changed part cut to its start and end. A minimal diff never starts (or ends) a removal and the addition next to it with the same word, so the cut parts still differ. */
function cut(text: string): string {
  return text.length > MAX_PART ? `${text.slice(0, MAX_PART / 2)}…${text.slice(-MAX_PART / 2)}` : text;
}
