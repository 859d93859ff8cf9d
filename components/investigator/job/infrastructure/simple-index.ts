/**
 * A package's versions from its index's Simple API in JSON (PEP 691), as PyPI and current
 * warehouse and devpi servers serve it: the `versions` list of PEP 700, or, from servers without
 * it, the versions in the file names. A package the index does not know has no versions.
 */
import { canonicalName } from '../../../../src/runtime/python/package.js';
import type { PackageIndex } from '../application/ports.js';

const JSON_API = 'application/vnd.pypi.simple.v1+json';

interface ProjectPage {
  readonly versions?: readonly string[];
  readonly files?: readonly { readonly filename: string }[];
}

export class SimpleIndex implements PackageIndex {
  constructor(private readonly timeoutMs = 30_000) {}

  async versions(indexUrl: string, name: string): Promise<readonly string[]> {
    const url = `${indexUrl.replace(/\/+$/, '')}/${encodeURIComponent(name)}/`;
    const response = await fetch(url, { headers: { Accept: JSON_API }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
    if (!(response.headers.get('content-type') ?? '').includes(JSON_API)) {
      throw new Error(`${url} does not serve the JSON Simple API (PEP 691); it answered ${response.headers.get('content-type')}`);
    }
    const page = (await response.json()) as ProjectPage;
    if (Array.isArray(page.versions)) return page.versions;
    return [...new Set((page.files ?? []).map((file) => versionInFileName(file.filename, name)).filter((version) => version !== undefined))];
  }
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
