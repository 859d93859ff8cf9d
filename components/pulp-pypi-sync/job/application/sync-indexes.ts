/** One sync: the Simple API of every PyPI distribution of the Pulp instance registered, those the graph lacks only. */
import type { Logger } from '../../../../src/runtime/log.js';
import { distributionIndexUrl } from '../domain/pulp-indexes.js';

export async function syncPulpIndexes(
  ports: {
    readonly distributions: { baseUrls(): Promise<string[]> };
    readonly indexes: { register(urls: readonly string[], settings: { readonly enabled: boolean; readonly onlyIfPackageSeen: boolean }): Promise<string[]> };
  },
  settings: { readonly root: string; readonly enabled: boolean; readonly onlyIfPackageSeen: boolean },
  log: Logger,
): Promise<{ readonly distributions: number; readonly registered: readonly string[] }> {
  const baseUrls = await ports.distributions.baseUrls();
  const urls = [...new Set(baseUrls.flatMap((baseUrl) => distributionIndexUrl(settings.root, baseUrl) ?? []))];
  const registered = await ports.indexes.register(urls, settings);
  for (const url of registered) log.info({ url, enabled: settings.enabled }, 'new Pulp index registered');
  return { distributions: baseUrls.length, registered };
}
