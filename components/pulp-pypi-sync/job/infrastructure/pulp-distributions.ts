/**
 * pulp-python's PyPI distributions of a Pulp instance, through its REST API with basic
 * authentication, every page (`next`) of them (the reference read only the first). Each `next` is
 * asked of the instance's own origin (a proxy may answer with http:// or an internal host, where the
 * credentials must not go), and each page is read up to MAX_PAGE_BYTES. Credentials the instance
 * refuses are a ConfigError naming them.
 */
import { ConfigError } from '../../../../src/runtime/environment.js';
import { requestSignal } from '../../../../src/runtime/request-limits.js';

const DISTRIBUTIONS = '/pulp/api/v3/distributions/python/pypi/';
/** More pages than this is no instance's answer (100 distributions a page by default). */
const MAX_PAGES = 1000;
/** A page larger than this is no Pulp's answer. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;

export class PulpDistributions {
  constructor(
    private readonly root: string,
    private readonly credentials: { readonly username: string; readonly password: string },
    private readonly limits: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ) {}

  /** The base_url of every distribution. */
  async baseUrls(): Promise<string[]> {
    const authorization = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`;
    const found: string[] = [];
    let url: string | undefined = `${this.root}${DISTRIBUTIONS}`;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) throw new Error(`${this.root}${DISTRIBUTIONS} has more than ${MAX_PAGES} pages`);
      const request = requestSignal(this.limits);
      let response: Response;
      try {
        response = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal: request.signal });
      } catch (error) {
        throw new Error(`${url} did not answer: ${request.timedOut() ? 'timed out' : (error as Error).message}`);
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        throw new ConfigError(
          'THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME',
          this.credentials.username,
          `a user ${this.root} accepts with THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD (it answered ${response.status})`,
        );
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`${url} answered ${response.status} ${response.statusText}`);
      }
      const text = await response.text();
      if (text.length > MAX_PAGE_BYTES) throw new Error(`${url} answered more than ${MAX_PAGE_BYTES} bytes`);
      const body = JSON.parse(text) as { results?: { base_url?: unknown }[]; next?: unknown };
      for (const result of body.results ?? []) if (typeof result?.base_url === 'string') found.push(result.base_url);
      url = typeof body.next === 'string' && body.next !== '' ? onInstance(this.root, new URL(body.next, url)) : undefined;
    }
    return found;
  }
}

/** The page `next` names, on the instance's own scheme, host and port: its path and query only are taken. */
function onInstance(root: string, next: URL): string {
  return `${root}${next.pathname}${next.search}`;
}
