/**
 * A Python package index's Simple API (PEP 503 HTML, PEP 691 JSON): the files of a project, each with
 * the version its name spells, whether it is a source distribution or a wheel, its hashes and whether
 * it is yanked; and a file downloaded to disk, streamed, bounded and checked against those hashes.
 *
 * The project's page is asked for by its PEP 503 normalised name (an index need not redirect other
 * spellings), in JSON where the index serves it (with PEP 700's version list) and in HTML otherwise.
 * A project the index does not know (404) is `undefined`. Every request is bounded in time and ends
 * with the program's stop; an index that is down or busy (no answer, 5xx, 429) makes a retryable error,
 * one that refuses (another 4xx) a permanent one.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type RequestLimits, requestSignal } from '../request-limits.js';
import { canonicalName } from './package.js';

const JSON_API = 'application/vnd.pypi.simple.v1+json';
const HTML_API = 'application/vnd.pypi.simple.v1+html';

/** A project page larger than this is no index's answer (PyPI's largest are a few MB). */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;

/** The hashes PEP 503 allows in a link's fragment (those hashlib always has), which a download is checked against. */
const CHECKED_HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

/** What a file is, from its name: a wheel, a source distribution, or another built distribution (egg, installer). */
export type FileKind = 'wheel' | 'sdist' | 'other';

export interface IndexFile {
  readonly filename: string;
  /** Absolute, without the fragment. */
  readonly url: string;
  /** By algorithm (lower case), as hex; from the link's fragment (PEP 503) or the `hashes` object (PEP 691). */
  readonly hashes: Readonly<Record<string, string>>;
  readonly kind: FileKind;
  /** The version as the file name spells it; undefined when the name does not parse as one of the project's. */
  readonly version: string | undefined;
  /** PEP 592: false, or the reason given ('' when none). */
  readonly yanked: false | string;
}

export interface ProjectFiles {
  /** The page's URL, after redirects. */
  readonly url: string;
  readonly files: readonly IndexFile[];
  /** PEP 700's list of versions, when the index gives it. */
  readonly versions?: readonly string[];
}

export interface DownloadedFile {
  readonly bytes: number;
  readonly sha256: string;
  /** The hashes the index gave that were checked (none: the index gave none). */
  readonly checked: readonly string[];
}

/** The index or the file host is down or busy: trying again later may work. */
export class IndexUnavailable extends Error {
  readonly retryable = true;

  constructor(
    message: string,
    /** How long the index asked to be left alone (its Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'IndexUnavailable';
  }
}

/** The index refused the request (a 4xx other than 404 and 429): trying again will not help. */
export class IndexRefused extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'IndexRefused';
  }
}

/** A downloaded file that is not what the index said, or is too large: it is deleted. */
export class FileRejected extends Error {
  readonly retryable = false;

  constructor(
    readonly filename: string,
    reason: string,
  ) {
    super(`${filename}: ${reason}`);
    this.name = 'FileRejected';
  }
}

/** The URL of a project's page: the index URL, the normalised name, a trailing slash (PEP 503). */
export function projectUrl(indexUrl: string, name: string): string {
  return `${indexUrl.replace(/\/+$/, '')}/${encodeURIComponent(canonicalName(name))}/`;
}

export class PackageIndexClient {
  constructor(private readonly limits: RequestLimits = { timeoutMs: 30_000 }) {}

  /** The project's files; undefined when the index does not know the project. */
  async project(indexUrl: string, name: string): Promise<ProjectFiles | undefined> {
    const url = projectUrl(indexUrl, name);
    const request = requestSignal(this.limits);
    const response = await this.get(url, { Accept: `${JSON_API}, ${HTML_API};q=0.2, text/html;q=0.1` }, request);
    if (response === undefined) return undefined;
    try {
      const text = await boundedText(response, url);
      const pageUrl = response.url || url;
      return (response.headers.get('content-type') ?? '').includes(JSON_API) ? jsonPage(pageUrl, text, name) : htmlPage(pageUrl, text, name);
    } catch (error) {
      throw request.timedOut() ? new IndexUnavailable(`${url} did not answer within ${this.limits.timeoutMs} ms`) : error;
    }
  }

  /**
   * Every project the index serves, by its normalised name: the Simple API's root page (PEP 691's
   * `projects`, else the PEP 503 links' texts).
   */
  async projectNames(indexUrl: string): Promise<string[]> {
    const url = `${indexUrl.replace(/\/+$/, '')}/`;
    const request = requestSignal(this.limits);
    const response = await this.get(url, { Accept: `${JSON_API}, ${HTML_API};q=0.2, text/html;q=0.1` }, request);
    if (response === undefined) throw new IndexRefused(`${url} answered 404: no Simple API there`);
    try {
      const text = await boundedText(response, url);
      if ((response.headers.get('content-type') ?? '').includes(JSON_API)) {
        const projects = (JSON.parse(text) as { projects?: unknown }).projects;
        return Array.isArray(projects) ? projects.flatMap((project) => (typeof project?.name === 'string' ? [canonicalName(project.name)] : [])) : [];
      }
      return [...text.matchAll(ANCHOR)].map((match) => canonicalName(decodeEntities(match[2]!.replace(/<[^>]*>/g, '')))).filter((name) => name !== '');
    } catch (error) {
      if (error instanceof SyntaxError) throw new IndexRefused(`${url} is not JSON: ${error.message}`);
      throw request.timedOut() ? new IndexUnavailable(`${url} did not answer within ${this.limits.timeoutMs} ms`) : error;
    }
  }

  /** A JSON document of the index's (PyPI's JSON API); undefined for a 404. */
  async json(url: string): Promise<unknown> {
    const request = requestSignal(this.limits);
    const response = await this.get(url, { Accept: 'application/json' }, request);
    if (response === undefined) return undefined;
    try {
      return JSON.parse(await boundedText(response, url));
    } catch (error) {
      if (error instanceof SyntaxError) throw new IndexRefused(`${url} is not JSON: ${error.message}`);
      throw request.timedOut() ? new IndexUnavailable(`${url} did not answer within ${this.limits.timeoutMs} ms`) : error;
    }
  }

  /** Every version the index serves of the project (PEP 700's list, else its files'); none when it does not know it. */
  async versions(indexUrl: string, name: string): Promise<readonly string[]> {
    const page = await this.project(indexUrl, name);
    if (page === undefined) return [];
    if (page.versions !== undefined) return page.versions;
    return [...new Set(page.files.flatMap((file) => (file.version === undefined ? [] : [file.version])))];
  }

  /**
   * Streams the file to `destination`, at most `maxBytes` of it, within `timeoutMs`, and checks it
   * against every hash the index gave. A file that fails is deleted.
   */
  async download(file: IndexFile, destination: string, bounds: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<DownloadedFile> {
    const protocol = URL.canParse(file.url) ? new URL(file.url).protocol : '';
    if (protocol !== 'https:' && protocol !== 'http:') throw new FileRejected(file.filename, `its URL ${file.url} is not http(s)`);
    const request = requestSignal({ timeoutMs: bounds.timeoutMs, signal: this.limits.signal });
    const response = await this.get(file.url, {}, request);
    if (response === undefined) throw new IndexRefused(`${file.url} answered 404 Not Found, though the index lists ${file.filename}`);
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (length > bounds.maxBytes) {
      await response.body?.cancel();
      throw new FileRejected(file.filename, `is ${length} bytes, more than the ${bounds.maxBytes} allowed`);
    }
    const hashes = new Map<string, Hash>([['sha256', createHash('sha256')]]);
    for (const algorithm of CHECKED_HASHES) if (file.hashes[algorithm] !== undefined && !hashes.has(algorithm)) hashes.set(algorithm, createHash(algorithm));
    let bytes = 0;
    try {
      await pipeline(
        response.body === null ? Readable.from([]) : Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > bounds.maxBytes) throw new FileRejected(file.filename, `is more than the ${bounds.maxBytes} bytes allowed`);
            for (const hash of hashes.values()) hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(destination),
      );
      const digests = new Map([...hashes].map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
      const checked = CHECKED_HASHES.filter((algorithm) => file.hashes[algorithm] !== undefined);
      for (const algorithm of checked) {
        const expected = file.hashes[algorithm]!.toLowerCase();
        if (digests.get(algorithm) !== expected) {
          throw new FileRejected(file.filename, `its ${algorithm} is ${digests.get(algorithm)}, the index says ${expected}`);
        }
      }
      return { bytes, sha256: digests.get('sha256')!, checked };
    } catch (error) {
      await rm(destination, { force: true });
      if (error instanceof FileRejected) throw error;
      throw request.timedOut() ? new IndexUnavailable(`${file.url} was not downloaded within ${bounds.timeoutMs} ms`) : error;
    }
  }

  /** The answer, or undefined for a 404; anything else not OK is an error as the module's comment says. */
  private async get(url: string, headers: Record<string, string>, request: ReturnType<typeof requestSignal>): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: request.signal });
    } catch (error) {
      throw new IndexUnavailable(`${url} did not answer: ${request.timedOut() ? 'timed out' : (error as Error).message}`);
    }
    if (response.ok) return response;
    await response.body?.cancel();
    if (response.status === 404) return undefined;
    const message = `${url} answered ${response.status} ${response.statusText}`;
    if (response.status >= 500 || response.status === 429) throw new IndexUnavailable(message, retryAfterMs(response.headers.get('retry-after')));
    throw new IndexRefused(message);
  }
}

/** Retry-After's delay, in seconds or as an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function boundedText(response: Response, url: string): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length > MAX_PAGE_BYTES) {
    await response.body?.cancel();
    throw new IndexRefused(`${url} is ${length} bytes, more than a project page may be (${MAX_PAGE_BYTES})`);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of (response.body ?? Readable.from([])) as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (bytes > MAX_PAGE_BYTES) throw new IndexRefused(`${url} is more than a project page may be (${MAX_PAGE_BYTES} bytes)`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

// PEP 691 JSON.

interface JsonFile {
  readonly filename?: unknown;
  readonly url?: unknown;
  readonly hashes?: unknown;
  readonly yanked?: unknown;
}

function jsonPage(pageUrl: string, text: string, name: string): ProjectFiles {
  let page: { files?: unknown; versions?: unknown };
  try {
    page = JSON.parse(text);
  } catch (error) {
    throw new IndexRefused(`${pageUrl} is not JSON: ${(error as Error).message}`);
  }
  const files = (Array.isArray(page.files) ? (page.files as JsonFile[]) : []).flatMap((entry): IndexFile[] => {
    if (typeof entry?.filename !== 'string' || typeof entry.url !== 'string' || !URL.canParse(entry.url, pageUrl)) return [];
    const url = new URL(entry.url, pageUrl);
    const hashes: Record<string, string> = {};
    if (entry.hashes !== null && typeof entry.hashes === 'object') {
      for (const [algorithm, value] of Object.entries(entry.hashes)) if (typeof value === 'string') hashes[algorithm.toLowerCase()] = value.toLowerCase();
    }
    url.hash = '';
    const yanked = entry.yanked === true ? '' : typeof entry.yanked === 'string' ? entry.yanked : false;
    return [indexFile(entry.filename, url.href, hashes, yanked, name)];
  });
  const versions = Array.isArray(page.versions) ? page.versions.filter((version): version is string => typeof version === 'string') : undefined;
  return { url: pageUrl, files, ...(versions === undefined ? {} : { versions }) };
}

// PEP 503 HTML.

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const BASE = /<base\b([^>]*)>/i;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function htmlPage(pageUrl: string, html: string, name: string): ProjectFiles {
  const baseHref = attributes(BASE.exec(html)?.[1] ?? '').get('href');
  const base = baseHref !== undefined && URL.canParse(baseHref, pageUrl) ? new URL(baseHref, pageUrl).href : pageUrl;
  const files = [...html.matchAll(ANCHOR)].flatMap((match): IndexFile[] => {
    const attrs = attributes(match[1]!);
    const href = attrs.get('href');
    if (href === undefined || !URL.canParse(href, base)) return [];
    const url = new URL(href, base);
    const hashes: Record<string, string> = {};
    const fragment = /^#([a-z0-9]+)=([0-9a-f]+)$/i.exec(url.hash);
    if (fragment !== null) hashes[fragment[1]!.toLowerCase()] = fragment[2]!.toLowerCase();
    url.hash = '';
    // PEP 503: the anchor's text is the file name, the last part of its URL.
    const text = decodeEntities(match[2]!.replace(/<[^>]*>/g, '')).trim();
    const filename = text !== '' ? text : decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    const yanked = attrs.has('data-yanked') ? (attrs.get('data-yanked') ?? '') : false;
    return filename === '' ? [] : [indexFile(filename, url.href, hashes, yanked, name)];
  });
  return { url: pageUrl, files };
}

/** A tag's attributes, names lower-cased, values with their entities decoded (undefined for a bare name). */
function attributes(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const [, key, double, single, bare] of text.matchAll(ATTRIBUTE)) {
    const value = double ?? single ?? bare;
    found.set(key!.toLowerCase(), value === undefined ? undefined : decodeEntities(value));
  }
  return found;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

// File names.

function indexFile(filename: string, url: string, hashes: Record<string, string>, yanked: false | string, name: string): IndexFile {
  return { filename, url, hashes, kind: fileKind(filename), version: versionInFileName(filename, name), yanked };
}

/** The source distribution formats pip knows (pip's unpacking utilities): tar, compressed or not, and zip. */
const SDIST = /\.(tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar\.lz|tlz|tar\.lzma|tar|zip)$/i;

export function fileKind(fileName: string): FileKind {
  if (/\.whl$/i.test(fileName)) return 'wheel';
  if (SDIST.test(fileName)) return 'sdist';
  return 'other';
}

/**
 * The version a file name spells: `Flask-2.0.1-py3-none-any.whl` and `flask-2.0.1.tar.gz` → 2.0.1,
 * `zope.interface-5.4.0-py3.9.egg` → 5.4.0. An sdist's name part may itself hold dashes
 * (`python-dateutil-2.8.2.tar.gz`): the version starts after the parts that spell the project's name.
 */
export function versionInFileName(fileName: string, name: string): string | undefined {
  const binary = /^([^-]+)-([^-]+)-.*\.whl$/i.exec(fileName) ?? /^([^-]+)-([^-]+?)(?:-[^-]+)*\.egg$/i.exec(fileName);
  if (binary !== null) return binary[2];
  const sdist = SDIST.exec(fileName);
  if (sdist === null) return undefined;
  const parts = fileName.slice(0, sdist.index).split('-');
  for (let cut = 1; cut < parts.length; cut++) {
    if (canonicalName(parts.slice(0, cut).join('-')) === canonicalName(name)) return parts.slice(cut).join('-') || undefined;
  }
  return undefined;
}
