/**
 * The Python package indexes a Pulp instance serves (pulp-python's PyPI distributions), as
 * thoth-station/pulp-pypi-sync-job v0.1.1 named them: the distribution's base_url path on the
 * instance, followed by `simple` (its Simple API).
 */

/** The instance's root URL: a host (https, as the reference assumed) or a URL with its scheme. */
export function instanceRoot(instance: string): string {
  const trimmed = instance.trim().replace(/\/+$/, '');
  return /^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** The Simple API of a distribution: `<root><base_url's path>simple`, with one "/" between. */
export function distributionIndexUrl(root: string, baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl, root)) return undefined;
  const path = new URL(baseUrl, root).pathname;
  return `${root}${path.endsWith('/') ? path : `${path}/`}simple`;
}
