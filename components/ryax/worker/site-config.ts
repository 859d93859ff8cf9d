/**
 * The worker's site configuration, the file RYAX_CONFIG names: the chart renders its `config` value
 * into ConfigMap <fullname>-config (RyaxTech/ryax-engine@9dc81bf:charts/worker/templates/config_map.yaml#L1-L10),
 * in the format docs/docs/reference/configuration.md#L35-L69 gives for a KUBERNETES site.
 */
import { stringify } from 'yaml';
import type { Site } from '../shared/site.js';

/** The file's text: the site, its type, the namespace its actions run in and its node pools. */
export function siteConfig(declared: Site, executionsNamespace: string): string {
  const site = {
    site: {
      id: declared.id,
      name: declared.name,
      type: 'KUBERNETES',
      spec: {
        namespace: executionsNamespace,
        nodePools: declared.nodePools.map((pool) => ({
          id: pool.id,
          name: pool.name,
          cpu: pool.cpu,
          memory: pool.memory,
          ...(pool.gpu === undefined ? {} : { gpu: pool.gpu }),
          ...(pool.arch === undefined ? {} : { arch: pool.arch }),
          ...(pool.objectiveScores === undefined ? {} : { objectiveScores: pool.objectiveScores }),
          selector: pool.selector,
        })),
      },
    },
  };
  return stringify(site);
}
