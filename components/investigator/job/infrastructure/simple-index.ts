/**
 * A package's versions from its index's Simple API: in JSON (PEP 691) where the index serves it, the
 * `versions` list of PEP 700 or else the versions in the file names; in HTML (PEP 503, which every
 * index serves) the file names of the links. A package the index does not know has no versions. An
 * index that is down or busy (5xx, 429, no answer) makes a retryable error: the consumer waits for
 * it rather than setting the message aside.
 */
import { canonicalName } from '../../../../src/runtime/python/package.js';
import { type RequestLimits, requestSignal } from '../../../../src/runtime/request-limits.js';
import type { PackageIndex } from '../application/ports.js';
import { InvalidMessage } from '../domain/orders.js';

const JSON_API = 'application/vnd.pypi.simple.v1+json';
const HTML_API = 'application/vnd.pypi.simple.v1+html';

interface ProjectPage {
  readonly versions?: readonly string[];
  readonly files?: readonly { readonly filename: string }[];
}

class IndexUnavailable extends Error {
  readonly retryable = true;
}

export class SimpleIndex implements PackageIndex {
  constructor(private readonly limits: RequestLimits = { timeoutMs: 30_000 }) {}

  async versions(indexUrl: string, name: string): Promise<readonly string[]> {
    const url = `${indexUrl.replace(/\/+$/, '')}/${encodeURIComponent(name)}/`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { Accept: `${JSON_API}, ${HTML_API};q=0.2, text/html;q=0.1` }, signal: requestSignal(this.limits).signal });
    } catch (error) {
      throw new IndexUnavailable(`${url} did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status === 404) return [];
      const message = `${url} answered ${response.status} ${response.statusText}`;
      throw response.status >= 500 || response.status === 429 ? new IndexUnavailable(message) : new InvalidMessage(message);
    }
    const listing: Listing = (response.headers.get('content-type') ?? '').includes(JSON_API)
      ? await jsonListing(response)
      : { files: linkNames(await response.text()) };
    if (listing.versions !== undefined) return listing.versions;
    return [...new Set(listing.files.map((file) => versionInFileName(file, name)).filter((version) => version !== undefined))];
  }
}

interface Listing {
  /** PEP 700's list, when the index gives it. */
  readonly versions?: readonly string[];
  readonly files: readonly string[];
}

async function jsonListing(response: Response): Promise<Listing> {
  const page = (await response.json()) as ProjectPage;
  const files = (page.files ?? []).map((file) => file.filename);
  return Array.isArray(page.versions) ? { versions: page.versions, files } : { files };
}

/** The text of each link of a PEP 503 page: a file name. */
function linkNames(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*>([^<]+)<\/a>/gi)].map((match) => match[1]!.trim());
}

/** `Flask-2.0.1-py3-none-any.whl` and `flask-2.0.1.tar.gz` → 2.0.1. */
export function versionInFileName(fileName: string, name: string): string | undefined {
  const wheel = /^([^-]+)-([^-]+)-.*\.whl$/.exec(fileName);
  if (wheel !== null) return wheel[2];
  const sdist = /^(.*)\.(tar\.gz|tar\.bz2|zip|tgz)$/.exec(fileName);
  if (sdist === null) return undefined;
  // The name part may itself contain dashes: the version starts after the first parts that spell the name.
  const parts = sdist[1]!.split('-');
  for (let cut = 1; cut < parts.length; cut++) {
    if (canonicalName(parts.slice(0, cut).join('-')) === canonicalName(name)) return parts.slice(cut).join('-');
  }
  return undefined;
}
