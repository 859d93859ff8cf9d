/**
 * Limits checked before a file reaches the YAML parser, so that no file can crash or stall the
 * loader: the parser recurses once per level of nesting and overflows the stack at about a thousand
 * levels (outside the errors it collects), and each later step takes time in proportion to the size.
 */
import { Buffer } from 'node:buffer';
import { CST, Lexer } from 'yaml';

/** Far above an environment file (a few kilobytes), far below a file that takes a second to load. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** An environment file nests about six levels; the YAML parser overflows at about a thousand. */
export const MAX_NESTING = 100;

/** Where a file first goes over a limit, and which. */
export interface Breach {
  readonly offset: number;
  readonly message: string;
}

export function sizeBreach(text: string): Breach | undefined {
  if (Buffer.byteLength(text, 'utf8') <= MAX_FILE_BYTES) return undefined;
  return {
    // The character the limit falls in (one cut in two decodes as one replacement character).
    offset: Math.min(text.length, Buffer.from(text, 'utf8').subarray(0, MAX_FILE_BYTES).toString('utf8').length),
    message: `the file is larger than 1 MB: at most ${MAX_FILE_BYTES.toLocaleString('en')} bytes are allowed (an environment file is a few kilobytes)`,
  };
}

export function nestingBreach(text: string): Breach | undefined {
  const { depth, offset } = deepestPoint(text, MAX_NESTING);
  return depth > MAX_NESTING
    ? { offset, message: `nested more than ${MAX_NESTING} levels deep: at most ${MAX_NESTING} levels are allowed (an environment file needs about six)` }
    : undefined;
}

/** The markers the lexer adds that are not in the source: a document's start, a scalar's, a flow error's end. */
const MARKERS = new Set(['\x02', '\x1f', '\x18']);

/**
 * How deep the file nests at its deepest point (the first point deeper than `stopAbove`), read from
 * the lexer's tokens, which it produces without recursion: each open flow collection is a level, and
 * so is each block node that starts further right than the node it is in (a line's first node, or
 * the node after a "-" or "?" indicator).
 */
export function deepestPoint(text: string, stopAbove = Infinity): { depth: number; offset: number } {
  const blockColumns: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let nodeStarts = true;
  let scalarFollows = false;
  let blockScalarFollows = false;
  let deepest = { depth: 0, offset: 0 };
  for (const token of new Lexer().lex(text)) {
    if (!scalarFollows && MARKERS.has(token)) {
      scalarFollows = token === '\x1f';
      continue;
    }
    const type = scalarFollows ? 'scalar' : CST.tokenType(token);
    scalarFollows = false;
    if (type === 'doc-start' || type === 'doc-end') {
      blockColumns.length = 0;
      flow = 0;
    } else if (type !== 'space' && type !== 'newline' && type !== 'comment') {
      // A block scalar's text starts on the line after its header, at the line's start.
      if (nodeStarts && flow === 0 && !(type === 'scalar' && blockScalarFollows)) {
        const column = offset - lineStart;
        while (blockColumns.length > 0 && blockColumns[blockColumns.length - 1]! >= column) blockColumns.pop();
        blockColumns.push(column);
      }
      blockScalarFollows = type === 'block-scalar-header';
      nodeStarts = flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind');
      if (type === 'flow-map-start' || type === 'flow-seq-start') flow += 1;
      if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow -= 1;
      const depth = blockColumns.length + flow;
      if (depth > deepest.depth) deepest = { depth, offset };
      if (depth > stopAbove) break;
    }
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) lineStart = offset + newline + 1;
    // A block scalar's text ends with its line break, and no newline token follows it.
    if (newline !== -1 && newline === token.length - 1) nodeStarts = true;
    offset += token.length;
  }
  return deepest;
}
