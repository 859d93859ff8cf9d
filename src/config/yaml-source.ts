/**
 * A YAML file kept with its positions, so that a problem found in the parsed value can be reported at
 * the file, line and column it came from.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';

export type KeyPath = readonly (string | number)[];

/** Aliases a file may use before it is treated as an alias bomb ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export class YamlSource {
  private readonly lines: string[];
  private readonly lineCounter = new LineCounter();
  private readonly document: Document.Parsed;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = text.split(/\r?\n/);
    // uniqueKeys: a duplicate key is an error, not a silent override of the first value.
    this.document = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: true, prettyErrors: false });
  }

  /** Syntax errors, duplicate keys and more than one document. */
  syntaxProblems(): Problem[] {
    return this.document.errors.map((error) => this.problemAt(error.pos[0], [], describeYamlError(error.code, error.message)));
  }

  /**
   * The plain value. Aliases are expanded, with a limit so that a small file cannot expand into
   * gigabytes; a file over the limit gets a problem at its first alias.
   */
  toValue(): { value: unknown } | { problem: Problem } {
    try {
      return { value: this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      let offset = 0;
      visit(this.document, {
        Alias: (_key, node) => {
          offset = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      return {
        problem: this.problemAt(
          offset,
          [],
          `aliases expand into too many nodes (an alias bomb?): at most ${MAX_ALIAS_COUNT} alias expansions are allowed`,
        ),
      };
    }
  }

  /** A problem about the value at `path`; `at: 'key'` points at the key instead of the value. */
  problemFor(path: KeyPath, message: string, at: 'value' | 'key' = 'value'): Problem {
    const { keyNode, valueNode } = this.locate(path);
    const node = at === 'key' ? (keyNode ?? valueNode) : (valueNode ?? keyNode);
    return this.problemAt(node?.range?.[0] ?? 0, path, message);
  }

  problemAt(offset: number, path: KeyPath, message: string): Problem {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col, keyPath: formatKeyPath(path), message, sourceLine: this.lines[line - 1] ?? '' };
  }

  /** The deepest nodes that exist along `path`: a missing key is reported where its parent is. */
  private locate(path: KeyPath): { keyNode?: Node; valueNode?: Node } {
    let valueNode: Node | undefined = this.resolve(this.document.contents ?? undefined);
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(valueNode)) {
        const pair = valueNode.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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

  private resolve(node: Node | undefined): Node | undefined {
    return isAlias(node) ? (node.resolve(this.document) as Node | undefined) : node;
  }
}

export function formatKeyPath(path: KeyPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping (the second one would silently win)';
  if (code === 'MULTIPLE_DOCS') return 'more than one YAML document: an environment file holds exactly one';
  return `invalid YAML: ${message.split('\n')[0]}`;
}
