/**
 * Reading a document a step before wrote (a solver's, an adviser's, a provenance checker's): each
 * value where the task expects it, or an error naming the file, the path in the document and what
 * was there instead.
 */

export class DocumentError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    problem: string,
  ) {
    super(`${file}: ${path} ${problem}`);
    this.name = 'DocumentError';
  }
}

type Kind = 'string' | 'list' | 'object';
type JsonObject = Readonly<Record<string, unknown>>;

export class DocumentReader {
  constructor(readonly file: string) {}

  object(path: string, value: unknown): JsonObject {
    return this.expect(path, value, 'object') as JsonObject;
  }

  list(path: string, value: unknown): readonly unknown[] {
    return this.expect(path, value, 'list') as unknown[];
  }

  /** A non-empty string. */
  string(path: string, value: unknown): string {
    return this.expect(path, value, 'string') as string;
  }

  /** A non-empty string, or nothing when the document has none (null or absent). */
  optionalString(path: string, value: unknown): string | undefined {
    return value === undefined || value === null ? undefined : this.string(path, value);
  }

  /** An object, or nothing when the document has none (null or absent). */
  optionalObject(path: string, value: unknown): JsonObject | undefined {
    return value === undefined || value === null ? undefined : this.object(path, value);
  }

  fail(path: string, problem: string): never {
    throw new DocumentError(this.file, path, problem);
  }

  private expect(path: string, value: unknown, kind: Kind): unknown {
    const ok =
      kind === 'list'
        ? Array.isArray(value)
        : kind === 'object'
          ? value !== null && typeof value === 'object' && !Array.isArray(value)
          : typeof value === 'string' && value !== '';
    if (!ok)
      this.fail(
        path,
        `is ${value === undefined ? 'missing' : JSON.stringify(value)}; expected a${kind === 'object' ? 'n' : ''} ${kind === 'string' ? 'non-empty string' : kind}`,
      );
    return value;
  }
}
