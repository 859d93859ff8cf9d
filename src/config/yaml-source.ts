/**
 * A YAML file kept with its positions, so that a problem found in the parsed value can be reported at
 * the file, line and column it came from.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from '../errors.js';
import { deepestPoint, nestingBreach, sizeBreach } from './yaml-limits.js';

export type KeyPath = readonly (string | number)[];

/** Aliases a file may use before it is treated as an alias bomb ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** The tag of YAML 1.1 merge keys, which the yaml library still resolves (to a symbol) when written out. */
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** A file's text, which turns an offset into a problem with its line, column and source line. */
export class SourceText {
  private readonly lineCounter = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineCounter.addNewLine(0);
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.lineCounter.addNewLine(index + 1);
  }

  problemAt(offset: number, path: KeyPath, message: string): Problem {
    const { line, col } = this.lineCounter.linePos(offset);
    const start = this.lineCounter.lineStarts[line - 1] ?? 0;
    const end = this.lineCounter.lineStarts[line] ?? this.text.length + 1;
    // Without its line break; O(1) whatever the line's length, as a file's many problems can share one long line.
    const sourceLine = this.text.slice(start, this.text[end - 2] === '\r' ? end - 2 : end - 1);
    return { file: this.file, line, column: col, keyPath: formatKeyPath(path), message, sourceLine };
  }
}

/**
 * Parses a file, or says why it cannot be read: larger or nested deeper than the limits, invalid
 * YAML (errors and warnings alike: a warning is a value that is not what it looks like), merge keys.
 */
export function parseYaml(source: SourceText): YamlSource | Problem[] {
  const breach = sizeBreach(source.text) ?? nestingBreach(source.text);
  if (breach !== undefined) return [source.problemAt(breach.offset, [], breach.message)];
  let document: Document.Parsed;
  try {
    // uniqueKeys: false, as the library compares each key with every earlier one of its mapping (60,000
    // keys took 45 s); keyProblems finds duplicates instead.
    document = parseDocument(source.text, { uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    // The nesting limit keeps the parser's recursion shallow; this is the last line of defence.
    if (!(error instanceof RangeError)) throw error;
    const deepest = deepestPoint(source.text);
    return [
      source.problemAt(
        deepest.offset,
        [],
        `the YAML parser ran out of room (${error.message}) on a file nested ${deepest.depth} levels deep at this point; nest less`,
      ),
    ];
  }
  const problems = [...document.errors, ...document.warnings].map((error) => source.problemAt(error.pos[0], [], describeYamlError(error.code, error.message)));
  if (problems.length > 0) return problems;
  const keys = keyProblems(source, document);
  return keys.length > 0 ? keys : new YamlSource(source, document);
}

export class YamlSource {
  /** Each mapping's pairs by key, made the first time a path goes through it: locating is linear in the problems. */
  private readonly pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();
  private readonly aliasTargets = new Map<Alias, Node | undefined>();

  constructor(
    private readonly source: SourceText,
    private readonly document: Document.Parsed,
  ) {}

  /**
   * The plain value. Aliases are expanded, with a limit so that a small file cannot expand into
   * gigabytes; a file over the limit gets a problem at its first alias, or its first alias over the
   * limit when it has more aliases than that (each one costs the library a walk of the others).
   */
  toValue(): { value: unknown } | { problem: Problem } {
    const aliases: Alias[] = [];
    visit(this.document, { Alias: (_key, node) => (aliases.push(node) > MAX_ALIAS_COUNT ? visit.BREAK : undefined) });
    const problem = (alias: Alias | undefined) => ({
      problem: this.problemAt(
        alias?.range?.[0] ?? 0,
        [],
        `aliases expand into too many nodes (an alias bomb?): at most ${MAX_ALIAS_COUNT} alias expansions are allowed`,
      ),
    });
    if (aliases.length > MAX_ALIAS_COUNT) return problem(aliases[MAX_ALIAS_COUNT]);
    try {
      return { value: this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      return problem(aliases[0]);
    }
  }

  /** A problem about the value at `path`; `at: 'key'` points at the key instead of the value. */
  problemFor(path: KeyPath, message: string, at: 'value' | 'key' = 'value'): Problem {
    const { keyNode, valueNode } = this.locate(path);
    const node = at === 'key' ? (keyNode ?? valueNode) : (valueNode ?? keyNode);
    return this.problemAt(node?.range?.[0] ?? 0, path, message);
  }

  problemAt(offset: number, path: KeyPath, message: string): Problem {
    return this.source.problemAt(offset, path, message);
  }

  /** The deepest nodes that exist along `path`: a missing key is reported where its parent is. */
  private locate(path: KeyPath): { keyNode?: Node; valueNode?: Node } {
    let valueNode: Node | undefined = this.resolve(this.document.contents ?? undefined);
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(valueNode)) {
        const pair = this.pairs(valueNode).get(String(segment));
        if (pair === undefined) break;
        keyNode = pair.key as Node;
        valueNode = this.resolve((pair.value as Node | null) ?? undefined) ?? keyNode;
      } else if (isSeq(valueNode) && typeof segment === 'number') {
        const item = valueNode.items[segment] as Node | undefined;
        if (item === undefined) break;
        keyNode = undefined;
        valueNode = this.resolve(item);
      } else {
        break;
      }
    }
    return { keyNode, valueNode };
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let pairs = this.pairsByKey.get(map);
    if (pairs === undefined) {
      pairs = new Map();
      for (const pair of map.items) {
        // Keys are unique by now (keyProblems), as they are in the parsed value.
        if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
      }
      this.pairsByKey.set(map, pairs);
    }
    return pairs;
  }

  private resolve(node: Node | undefined): Node | undefined {
    if (!isAlias(node)) return node;
    // The library finds an alias's anchor by walking the document: once per alias.
    if (!this.aliasTargets.has(node)) this.aliasTargets.set(node, node.resolve(this.document) as Node | undefined);
    return this.aliasTargets.get(node);
  }
}

/**
 * Duplicate keys: the second would silently win. Merge keys: YAML 1.1's `<<: *base` and `!!merge` are
 * not part of the YAML 1.2 the file is read as, where `<<` is a key of its own and a `!!merge` tag
 * makes a value (a symbol) that no schema describes.
 */
function keyProblems(source: SourceText, document: Document.Parsed): Problem[] {
  const problems: Problem[] = [];
  const merge = 'merge keys (<< and !!merge) are not supported: write the keys out (anchors and aliases of whole values are fine)';
  // Recursion is safe: the file is nested at most MAX_NESTING levels. Aliases are not followed.
  const walk = (node: unknown, path: KeyPath): void => {
    const at = (where: Node, keyPath: KeyPath, message: string) => problems.push(source.problemAt(where.range?.[0] ?? 0, keyPath, message));
    if (isMap(node)) {
      // As the parsed value names keys: `1` and "1" are one key there.
      const seen = new Set<string>();
      for (const { key, value } of node.items) {
        const name = isScalar(key) && typeof key.value !== 'symbol' ? String(key.value) : undefined;
        const keyPath = name === undefined ? path : [...path, name];
        if (isScalar(key) && name !== undefined) {
          if (seen.has(name)) at(key, keyPath, 'duplicate key: each key may appear only once in a mapping (the second one would silently win)');
          else if (key.value === '<<' && key.type === 'PLAIN') at(key, keyPath, merge);
          seen.add(name);
        }
        walk(key, keyPath);
        walk(value, keyPath);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) walk(item, [...path, index]);
    } else if (isScalar(node) && (node.tag === MERGE_TAG || typeof node.value === 'symbol')) {
      at(node, path, merge);
    }
  };
  walk(document.contents, []);
  return problems;
}

/** A key path as a person writes it, each key shortened so that a megabyte-long key is not echoed. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment.length > 60 ? `${segment.slice(0, 57)}...` : segment}`,
    )
    .join('');
}

function describeYamlError(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'more than one YAML document: an environment file holds exactly one';
  if (code === 'TAG_RESOLVE_FAILED') return `${message.split('\n')[0]}: environment files use plain YAML values, without tags`;
  return `invalid YAML: ${message.split('\n')[0]}`;
}
