/**
 * Thoth's document store (Ceph through its S3 API), laid out as the reference lays it out, so that the
 * reference's programs and ours read each other's documents.
 *
 * Facts read at thoth-station/storages@v0.74.1 (4e22289), the version every reference job pins:
 * - A document is at `<THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/<result type>/<document id>`
 *   (result_base.py#L63-L65 builds the prefix; ceph.py#L64-L65 appends "/"; the result types are the
 *   adapters' RESULT_TYPE: "solver", "analysis", "adviser", "graph-backup", ...). We call the result
 *   type an area.
 * - `store_document` writes `json.dumps(document, sort_keys=True, separators=(",", ": "), indent=2)`,
 *   encoded, with no Content-Type (ceph.py#L79-L97): keys sorted, two-space indent, no final newline,
 *   and json.dumps' default ensure_ascii, so every character outside printable ASCII is a \uXXXX
 *   escape. `referenceJson` writes the same bytes (floats aside: Python keeps `1.0`, JSON.parse has
 *   already made it 1).
 * - `retrieve_blob` turns an error code "404" or "NoSuchKey" into NotFoundError and raises any other
 *   (ceph.py#L98-L105); `document_exists` is a HEAD, "404" being false (ceph.py#L125-L139), so a
 *   missing bucket also reads as "no such document" there, as it does here.
 * - `get_document_listing` lists every key under the prefix, recursively, and yields them without
 *   the prefix (ceph.py#L67-L71); the result stores then drop `<id>.request` documents
 *   (result_base.py#L135), which `list` here leaves to its caller.
 * - The graph backup is a file uploaded with boto3's managed (multipart) upload to
 *   `graph-backup/pg_dump-<%y-%m-%d-%H-%M-%S>` (graph_backup.py#L79-L80, ceph.py#L75).
 * - boto3 is given the endpoint, signature v4 and a 180 s connect timeout (ceph.py#L154-L161); the
 *   bucket is not checked, as "Ceph returns 403" on HeadBucket (ceph.py#L162).
 */
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { withoutUrlPassword } from '../credentials.js';
import { ConfigError } from '../environment.js';
import type { Retryable } from '../retryable.js';
import { type S3Config, type S3Variables, THOTH_S3_VARIABLES } from './settings.js';

/** A document read: found with its parsed JSON, or not there (an expected outcome, not an error). */
export type Retrieved = { readonly found: true; readonly document: unknown } | { readonly found: false };

export interface Uploaded {
  readonly key: string;
  readonly bytes: number;
  /** 1 for a body smaller than a part (one PutObject), else the parts of the multipart upload. */
  readonly parts: number;
}

export interface UploadOptions {
  /** Stops reading the source; the parts being sent end first, then the multipart upload is aborted. */
  readonly signal?: AbortSignal;
  /** Called as each part is stored: for a long upload's log lines. */
  readonly onPart?: (progress: { readonly part: number; readonly bytes: number }) => void;
}

/** Cancels a call (a program's shutdown signal): it then rejects with the SDK's AbortError. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/**
 * The port a program's application layer depends on: documents by area (the reference's result type,
 * "solver", "graph-backup", ...) and id, relative to the deployment's root.
 */
export interface DocumentStore {
  get(area: string, id: string, options?: CallOptions): Promise<Retrieved>;
  /** Writes the document as the reference writes it (see referenceJson); replaces one that is there. */
  put(area: string, id: string, document: unknown, options?: CallOptions): Promise<void>;
  exists(area: string, id: string, options?: CallOptions): Promise<boolean>;
  /** Every id in the area, in key order, nested ones (`a/b`) included, one page at a time. */
  list(area: string, options?: CallOptions): AsyncIterable<string>;
  /** A byte stream of any size (a database dump), read as it is sent: memory holds a few parts. */
  upload(area: string, id: string, body: AsyncIterable<Uint8Array>, options?: UploadOptions): Promise<Uploaded>;
  /** Removes the document; one that is not there is not an error (S3's DeleteObject is idempotent). */
  delete(area: string, id: string, options?: CallOptions): Promise<void>;
}

export interface S3DocumentStoreOptions {
  /**
   * Keys a ListObjectsV2 page asks for.
   * @default 1000 (S3's largest)
   */
  readonly pageSize?: number;
  /**
   * Bytes of each part of a multipart upload (S3 takes 5 MiB to 5 GiB, at most 10,000 parts).
   * @default 8 MiB (uploads of up to 78 GiB)
   */
  readonly partSize?: number;
  /**
   * Parts sent at once; memory holds about partSize × queueSize of an upload.
   * @default 4
   */
  readonly queueSize?: number;
  /**
   * Milliseconds to open a connection (the reference gives boto3 180 s).
   * @default 10000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Milliseconds a request may take until its answer starts; a part upload is one request.
   * @default 300000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Milliseconds a connection may stay silent, answers' bodies included.
   * @default 60000
   */
  readonly idleTimeoutMs?: number;
  /**
   * Attempts of each request, the SDK's standard retry mode (exponential backoff) between them.
   * @default 3 (the SDK's)
   */
  readonly maxAttempts?: number;
}

const MIB = 1024 * 1024;
const DEFAULTS = {
  pageSize: 1000,
  partSize: 8 * MIB,
  queueSize: 4,
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  idleTimeoutMs: 60_000,
  maxAttempts: 3,
};

/** Errors of the network, not of S3: the endpoint is not there (or not there yet). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const UNREACHABLE_IN_MESSAGE = new RegExp(`\\b(${[...UNREACHABLE].join('|')})\\b`);
/** S3's answers to credentials it does not take. */
const REFUSED = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken']);

/** The endpoint cannot be reached once the SDK's attempts are spent: a wrong URL, or S3 is down. */
export class S3Unreachable extends ConfigError {
  readonly retryable: Retryable = true;
  constructor(endpoint: string, reason: string, attempts: number | undefined, variables: S3Variables = THOTH_S3_VARIABLES) {
    super(variables.endpoint, endpoint, 'an S3 endpoint this program can reach');
    this.name = 'S3Unreachable';
    const tries = attempts === undefined ? '' : `, ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    this.message = `${variables.endpoint}=${JSON.stringify(endpoint)} cannot be reached (${reason}${tries}); expected an S3 endpoint this program can reach`;
  }
}

/** S3 refused the key id and secret (unknown, wrong, or without access to the bucket). Neither is shown. */
export class S3AccessRefused extends ConfigError {
  readonly retryable: Retryable = false;
  constructor(endpoint: string, bucket: string, code: string, operation: string, variables: S3Variables = THOTH_S3_VARIABLES) {
    super(variables.keyId, undefined, `credentials that may read and write bucket "${bucket}"`);
    this.name = 'S3AccessRefused';
    this.message = `${endpoint} refused ${variables.keyId} and ${variables.secretKey} (${code} on ${operation} in bucket "${bucket}"); expected credentials that may read and write bucket "${bucket}"`;
  }
}

/** THOTH_CEPH_BUCKET names no bucket at the endpoint. */
export class S3BucketMissing extends ConfigError {
  readonly retryable: Retryable = false;
  constructor(endpoint: string, bucket: string, variables: S3Variables = THOTH_S3_VARIABLES) {
    super(variables.bucket, bucket, `a bucket that exists at ${endpoint}`);
    this.name = 'S3BucketMissing';
  }
}

/** Any other failure of a request; S3's own troubles (5xx, throttling) are worth trying again later. */
export class S3RequestFailed extends Error {
  readonly retryable: Retryable | undefined;
  constructor(
    readonly operation: string,
    /** `s3://<bucket>/<key>`. */
    readonly location: string,
    /** S3's error code (NoSuchKey, ...); "Unknown" for an answer without one (a HEAD's). */
    readonly code: string,
    readonly status: number | undefined,
    cause: unknown,
  ) {
    super(`${operation} of ${location} failed: ${code}${status === undefined ? '' : ` (HTTP ${status})`}`, { cause });
    this.name = 'S3RequestFailed';
    this.retryable = status === undefined ? undefined : status >= 500 || status === 429 || code === 'SlowDown' ? true : undefined;
  }
}

/** A stored object that is not JSON: reading it again will not help. */
export class DocumentNotJson extends Error {
  readonly retryable: Retryable = false;
  constructor(
    readonly key: string,
    cause: unknown,
  ) {
    super(`the document at ${key} is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DocumentNotJson';
  }
}

/** A path segment S3 keeps but an HTTP path or a file-system store may resolve. */
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;

interface Root {
  readonly bucketPrefix: string;
  readonly deploymentName: string;
}

/** `<prefix>/<deployment>/<area>/`, under which an area's documents are; a bad area is a programming error. */
export function areaPrefix(root: Root, area: string): string {
  if (!/^[^/]+(\/[^/]+)*$/.test(area) || DOT_SEGMENT.test(area)) {
    throw new RangeError(
      `document area ${JSON.stringify(area)} is invalid; expected path segments such as "solver" or "analysis-by-digest", none empty, "." or ".."`,
    );
  }
  return `${root.bucketPrefix}/${root.deploymentName}/${area}/`;
}

/** `<prefix>/<deployment>/<area>/<id>`; an id that would escape its area is a programming error. */
export function documentKey(root: Root, area: string, id: string): string {
  if (id === '' || id.startsWith('/') || DOT_SEGMENT.test(id)) {
    throw new RangeError(`document id ${JSON.stringify(id)} is invalid; expected a non-empty id that neither starts with "/" nor has "." or ".." segments`);
  }
  return `${areaPrefix(root, area)}${id}`;
}

/**
 * The bytes the reference stores for a document: Python's
 * `json.dumps(document, sort_keys=True, separators=(",", ": "), indent=2)` (ceph.py#L79-L81).
 */
export function referenceJson(document: unknown): string {
  // Through JSON first: toJSON, dropped undefined members and functions, as JSON.stringify does.
  const plain = JSON.stringify(document);
  if (plain === undefined) throw new TypeError(`a document must be a JSON value, not ${typeof document}`);
  // ensure_ascii: Python escapes everything outside " " to "~" (DEL included), astral characters as
  // their surrogate pair, in lower-case hex as JSON.stringify does its control characters.
  return indented(JSON.parse(plain), '').replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON.stringify(value, null, 2) with sorted keys, written out: an object cannot carry the order,
 * since JavaScript puts integer-like keys ("2", "10") first and in numeric order whatever it is given.
 */
function indented(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((item) => `${inner}${indented(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort(byCodePoint);
  const members = keys.map((key) => `${inner}${JSON.stringify(key)}: ${indented((value as Record<string, unknown>)[key], inner)}`);
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${indent}}`;
}

/** Python compares strings by code point; JavaScript's `<` by UTF-16 unit, which differs above U+D7FF. */
function byCodePoint(a: string, b: string): number {
  const [left, right] = [Array.from(a), Array.from(b)];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** The adapter: one S3 client, addressed path-style (Ceph RGW and s3rver take no virtual hosts). */
export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;
  private readonly options: Required<S3DocumentStoreOptions>;
  /** The endpoint as messages show it (a password in the URL would be left out). */
  private readonly endpoint: string;

  /** Opens nothing: the first request connects. */
  constructor(
    private readonly config: S3Config,
    options: S3DocumentStoreOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.endpoint = withoutUrlPassword(config.endpoint, '(redacted)');
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: config.credentials,
      forcePathStyle: true,
      maxAttempts: this.options.maxAttempts,
      // Since 3.729 the SDK adds CRC32 checksums (aws-chunked trailers on streamed bodies) to every
      // request it can (aws/aws-sdk-js-v3#6750); S3-compatible stores older than that, Ceph RGW
      // releases among them, may refuse them with a 400. Only where an operation requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: this.options.connectTimeoutMs,
        requestTimeout: this.options.requestTimeoutMs,
        throwOnRequestTimeout: true,
        socketTimeout: this.options.idleTimeoutMs,
      },
    });
  }

  /** The deployment's root: `<prefix>/<deployment>`. */
  get root(): string {
    return `${this.config.bucketPrefix}/${this.config.deploymentName}`;
  }

  key(area: string, id: string): string {
    return documentKey(this.config, area, id);
  }

  /**
   * That the endpoint answers, takes the credentials and has the bucket, for a program to fail at
   * start with the variable named rather than at its first document: a listing of one key under the
   * deployment's root. Not a HeadBucket: Thoth's Ceph refused those (ceph.py#L162, "Ceph returns 403
   * on this call"), and a HEAD's 404 cannot tell a missing bucket from a missing key.
   */
  async check(options: CallOptions = {}): Promise<void> {
    const command = new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: `${this.root}/`, MaxKeys: 1 });
    await this.call('ListObjectsV2', `${this.root}/`, (abortSignal) => this.client.send(command, abortSignal), options);
  }

  async get(area: string, id: string, options: CallOptions = {}): Promise<Retrieved> {
    const key = this.key(area, id);
    let text: string;
    try {
      text = await this.call(
        'GetObject',
        key,
        async (abortSignal) => {
          const answer = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }), abortSignal);
          return answer.Body!.transformToString('utf-8');
        },
        options,
      );
    } catch (error) {
      // Only S3's NoSuchKey: the reference also takes a bare 404 (ceph.py#L103), which a wrong
      // endpoint (a web server, a path) gives too, and which would then read as "no documents".
      if (error instanceof S3RequestFailed && error.code === 'NoSuchKey') return { found: false };
      throw error;
    }
    try {
      return { found: true, document: JSON.parse(text) };
    } catch (error) {
      throw new DocumentNotJson(this.location(key), error);
    }
  }

  async put(area: string, id: string, document: unknown, options: CallOptions = {}): Promise<void> {
    const key = this.key(area, id);
    const body = Buffer.from(referenceJson(document), 'utf-8');
    const command = new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: body, ContentLength: body.length });
    await this.call('PutObject', key, (abortSignal) => this.client.send(command, abortSignal), options);
  }

  async exists(area: string, id: string, options: CallOptions = {}): Promise<boolean> {
    const key = this.key(area, id);
    try {
      await this.call(
        'HeadObject',
        key,
        (abortSignal) => this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }), abortSignal),
        options,
      );
      return true;
    } catch (error) {
      // A HEAD answer has no body, so no code: the status is all there is.
      if (error instanceof S3RequestFailed && error.status === 404) return false;
      throw error;
    }
  }

  async *list(area: string, options: CallOptions = {}): AsyncIterable<string> {
    for await (const { id } of this.listWithSizes(area, options)) yield id;
  }

  /**
   * Every id in the area (those that start with `startsWith`, when given) with its size in bytes, in
   * S3's key order (UTF-8 bytes), one page at a time.
   */
  async *listWithSizes(
    area: string,
    options: CallOptions & { readonly startsWith?: string } = {},
  ): AsyncIterable<{ readonly id: string; readonly size: number }> {
    const root = areaPrefix(this.config, area);
    const prefix = root + (options.startsWith ?? '');
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, MaxKeys: this.options.pageSize, ContinuationToken: token });
      const page = await this.call('ListObjectsV2', prefix, (abortSignal) => this.client.send(command, abortSignal), options);
      for (const object of page.Contents ?? []) {
        if (object.Key?.startsWith(prefix) && object.Key.length > root.length) yield { id: object.Key.slice(root.length), size: object.Size ?? 0 };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** A document's bytes as they arrive, whatever it holds: for copying, not parsing. */
  async download(area: string, id: string, options: CallOptions = {}): Promise<AsyncIterable<Uint8Array>> {
    const key = this.key(area, id);
    const answer = await this.call(
      'GetObject',
      key,
      (abortSignal) => this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }), abortSignal),
      options,
    );
    return answer.Body as AsyncIterable<Uint8Array>;
  }

  async upload(area: string, id: string, body: AsyncIterable<Uint8Array>, options: UploadOptions = {}): Promise<Uploaded> {
    const key = this.key(area, id);
    const { signal } = options;
    signal?.throwIfAborted();
    let bytes = 0;
    async function* counted(): AsyncIterable<Uint8Array> {
      for await (const chunk of body) {
        bytes += chunk.byteLength;
        yield chunk;
      }
    }
    // Readable.from pulls from the source as the stream is read: lib-storage holds a part, not the body.
    const stream = Readable.from(counted(), { objectMode: false });
    // Cancelled through its source, not lib-storage's abortController: that one makes done() return at
    // once while parts are still being sent, so the multipart upload would be aborted under them.
    // Failing the source instead lets the parts in flight end (or time out) before the abort below.
    const cancel = () =>
      stream.destroy(signal?.reason instanceof Error ? signal.reason : Object.assign(new Error('the upload was cancelled'), { name: 'AbortError' }));
    signal?.addEventListener('abort', cancel, { once: true });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: stream },
      partSize: this.options.partSize,
      queueSize: this.options.queueSize,
      // Aborted below instead: lib-storage would throw the abort's failure in place of the cause.
      leavePartsOnError: true,
    });
    let parts = 0;
    upload.on('httpUploadProgress', (progress) => {
      parts = Math.max(parts, progress.part ?? 0);
      options.onPart?.({ part: progress.part ?? 0, bytes: progress.loaded ?? 0 });
    });
    try {
      await upload.done();
    } catch (error) {
      await this.abortMultipartUpload(key, upload.uploadId, error);
      throw this.failure('Upload', key, error);
    } finally {
      signal?.removeEventListener('abort', cancel);
      stream.destroy();
    }
    return { key, bytes, parts };
  }

  /**
   * Frees the parts of a failed multipart upload (S3 keeps, and bills, them until then). Its own failure
   * is not the upload's: it becomes the cause of the error thrown, as lib-storage does for a failed
   * CompleteMultipartUpload, and a bucket lifecycle rule (AbortIncompleteMultipartUpload) is the net.
   */
  private async abortMultipartUpload(key: string, uploadId: string | undefined, error: unknown): Promise<void> {
    if (uploadId === undefined) return;
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key: key, UploadId: uploadId }));
    } catch (abortError) {
      if (error instanceof Error && error.cause === undefined) error.cause = abortError;
    }
  }

  async delete(area: string, id: string, options: CallOptions = {}): Promise<void> {
    const key = this.key(area, id);
    await this.call(
      'DeleteObject',
      key,
      (abortSignal) => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }), abortSignal),
      options,
    );
  }

  /** Closes the client's connections. */
  close(): void {
    this.client.destroy();
  }

  private location(key: string): string {
    return `s3://${this.config.bucket}/${key}`;
  }

  /** One request, its SDK errors told apart (see failure). */
  private async call<T>(
    operation: string,
    key: string,
    request: (options: { abortSignal?: AbortSignal }) => Promise<T>,
    options: CallOptions = {},
  ): Promise<T> {
    try {
      return await request(options.signal === undefined ? {} : { abortSignal: options.signal });
    } catch (error) {
      throw this.failure(operation, key, error);
    }
  }

  /** What an SDK error means to the program; errors of the caller (its body, its abort) stay as they are. */
  private failure(operation: string, key: string, error: unknown): unknown {
    if (typeof error !== 'object' || error === null || !('$metadata' in error)) return error;
    const { name, code, message, $metadata } = error as {
      name?: string;
      code?: string;
      message?: string;
      $metadata?: { httpStatusCode?: number; attempts?: number };
    };
    if (name === 'AbortError') return error;
    const status = $metadata?.httpStatusCode;
    // Under a test sandbox (jest's vm realms) the SDK wraps Node's socket error, whose code is then
    // only in the message ("AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1").
    const network = code !== undefined && UNREACHABLE.has(code) ? code : UNREACHABLE_IN_MESSAGE.exec(message ?? '')?.[1];
    if (network !== undefined || name === 'TimeoutError') {
      return new S3Unreachable(this.endpoint, network ?? message ?? 'TimeoutError', $metadata?.attempts, this.config.variables);
    }
    if (name === 'NoSuchBucket') return new S3BucketMissing(this.endpoint, this.config.bucket, this.config.variables);
    if ((name !== undefined && REFUSED.has(name)) || status === 403) {
      return new S3AccessRefused(
        this.endpoint,
        this.config.bucket,
        name !== undefined && REFUSED.has(name) ? name : `HTTP ${status}`,
        operation,
        this.config.variables,
      );
    }
    return new S3RequestFailed(operation, this.location(key), name ?? 'Unknown', status, error);
  }
}
