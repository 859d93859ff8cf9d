/**
 * A Ryax site's environment: one file per site, its own Argo CD Applications, as the ryax-engine
 * project installs its worker as a Helm release per site (ryax-inventory.md §1; charts/worker at
 * RyaxTech/ryax-engine@9dc81bf). It has the keys every platform's environment has (its namespaces with
 * the executions' quota and limits, Argo CD, its cluster, its secret store) and the site's own: the
 * site and its node pools as the Ryax UI gives them (docs/docs/reference/configuration.md#L35-L69 and
 * docs/docs/howto/worker-install.md#L139-L160 of that commit), and the engine it works for.
 *
 * Only KUBERNETES sites: a SLURM_SSH site's worker runs as root to build Singularity images
 * (values hpcOffloading), which restricted pods refuse.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type PlatformEnvironment, type PlatformEnvironmentSpec, Strict } from '../../../src/config/schema.js';
import type { YamlSource } from '../../../src/config/yaml-source.js';
import type { Problem } from '../../../src/errors.js';
import { RYAX_ENVIRONMENT_PROPERTIES } from '../shared/environment.js';

/** A site's tiers: the worker (with its database), and the users' actions it deploys. */
export const SITE_TIERS = ['worker', 'executions'] as const;
export type SiteTier = (typeof SITE_TIERS)[number];

export const SITE_TIER_DESCRIPTIONS: Readonly<Record<SiteTier, string>> = {
  worker: "the site's worker and its database",
  executions: "the users' actions, which the worker deploys",
};

/** The UI's ids: `Site-<seconds>-<8 characters>`, `NodePool-<seconds>-<8 characters>` (worker-install.md#L152-L157). */
const uiId = (kind: string) =>
  Type.String({ pattern: `^${kind}-[0-9]+-[a-z0-9]+$`, description: `the ${kind} id the Ryax UI shows, such as ${kind}-1777021590-tq6kqbbe` });

const NodePool = Strict({
  id: uiId('NodePool'),
  name: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63, description: "the node pool's name" }),
  cpu: Type.Integer({ minimum: 1, description: 'CPU cores of one node' }),
  memory: Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?[KMGT]i?$', description: 'memory of one node, such as 16G or 250Gi' }),
  gpu: Type.Optional(Type.Integer({ minimum: 0, description: 'GPUs of one node (default 0)' })),
  arch: Type.Optional(Type.Union([Type.Literal('x86_64'), Type.Literal('arm64')], { description: 'the nodes’ architecture (default x86_64; one per site)' })),
  objectiveScores: Type.Optional(
    Strict(
      {
        cost: Type.Number({ description: 'higher is better' }),
        energy: Type.Number({ description: 'higher is better' }),
        performance: Type.Number({ description: 'higher is better' }),
      },
      { description: 'how the scheduler weighs this pool against the others' },
    ),
  ),
  selector: Type.Record(Type.String({ minLength: 1 }), Type.String(), {
    minProperties: 1,
    description: 'the node labels that select the pool’s nodes (the actions are scheduled with them)',
  }),
});

export const SITE_ENVIRONMENT_PROPERTIES = {
  logLevel: RYAX_ENVIRONMENT_PROPERTIES.logLevel,
  stacks: Type.Optional(
    Type.Array(Type.Union([Type.Literal('traefik'), Type.Literal('logs')]), {
      uniqueItems: true,
      description:
        "the third-party stacks the site installs: traefik (in network.ingressNamespace), which serves the routes the worker publishes for the actions; logs, Loki and the Alloy that ships the site's pods' logs to it (in network.monitoringNamespace), which the worker reads the actions' logs from. Absent: none, the site's cluster has its own",
    }),
  ),
  engine: Strict(
    { host: RYAX_ENVIRONMENT_PROPERTIES.host },
    {
      description:
        "the Ryax engine the site works for: its host, whose registry.<host> the actions' images are pulled from. Its broker and filestore are reached through the Skupper listeners ryax-broker-ext and ryax-minio-ext in the worker's namespace, whose addresses the site's Secrets hold",
    },
  ),
  site: Strict(
    {
      id: uiId('Site'),
      name: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63, description: "the site's name" }),
      nodePools: Type.Array(NodePool, { minItems: 1, description: 'the node pools the site offers, as the Ryax UI lists them' }),
    },
    { description: 'the site, with the ids the Ryax UI gives it and its node pools' },
  ),
};

const SiteSettings = Strict(SITE_ENVIRONMENT_PROPERTIES);

export type SiteEnvironment = PlatformEnvironment<SiteTier> & Static<typeof SiteSettings>;
export type SiteEnvironmentSpec = PlatformEnvironmentSpec<SiteTier> & Static<typeof SiteSettings>;

/** A node pool's id and name are each the site's one: the worker finds pools by them. */
export function siteEnvironmentProblems(source: YamlSource, spec: PlatformEnvironmentSpec): Problem[] {
  const pools = (spec as SiteEnvironmentSpec).site.nodePools;
  const problems: Problem[] = [];
  for (const key of ['id', 'name'] as const) {
    pools.forEach((pool, index) => {
      const first = pools.findIndex((other) => other[key] === pool[key]);
      if (first !== index) {
        problems.push(
          source.problemFor(['site', 'nodePools', index, key], `"${pool[key]}" is also the ${key} of site.nodePools[${first}]; each pool has its own`),
        );
      }
    });
  }
  return problems;
}
