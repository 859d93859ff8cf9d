/**
 * A Ryax site as the Ryax UI declares it: its id, its name and its node pools
 * (docs/docs/reference/configuration.md#L35-L69 and docs/docs/howto/worker-install.md#L139-L160 of
 * RyaxTech/ryax-engine@9dc81bf). A site's worker is configured with it. Two kinds of environment
 * declare one: a site of its own cluster (the ryax-worker platform, components/ryax/worker/), and the
 * engine's, whose own cluster is a site too (docs/docs/howto/install_ryax_kubernetes.md#L170-L222).
 */
import { type Static, Type } from '@sinclair/typebox';
import { isEnabled } from '../../../src/config/enabled.js';
import { type PlatformEnvironment, Strict } from '../../../src/config/schema.js';
import type { EnvironmentClaim } from '../../../src/config/claims.js';
import type { YamlSource } from '../../../src/config/yaml-source.js';
import type { Problem } from '../../../src/errors.js';

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

/** The `site` key's schema, described as the environment that has it means it. */
export function siteSchema(description: string) {
  return Strict(
    {
      id: uiId('Site'),
      name: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63, description: "the site's name" }),
      nodePools: Type.Array(NodePool, { minItems: 1, description: 'the node pools the site offers, as the Ryax UI lists them' }),
    },
    { description },
  );
}

export type Site = Static<ReturnType<typeof siteSchema>>;

/** A node pool's id and name are each the site's one: the worker finds pools by them. */
export function siteProblems(source: YamlSource, site: Site): Problem[] {
  const pools = site.nodePools;
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

/** Whether an engine's environment runs its own site's worker: it declares the site and does not switch the worker off. */
export const runsOwnWorker = (env: PlatformEnvironment & { readonly site?: Site }): boolean => env.site !== undefined && isEnabled(env, 'worker');

/**
 * The ids the Ryax UI gives once: a site's and each of its node pools'. Two files holding one would
 * run two workers registering the same site (a copied site file, its id left as it was).
 */
export function siteClaims(site: Site | undefined): EnvironmentClaim[] {
  if (site === undefined) return [];
  const why =
    'each site has the ids the Ryax UI gave it when it was declared, and two workers with one would both register it; declare the new site in the UI and copy its ids';
  return [
    { what: 'Ryax site id', value: site.id, keyPath: ['site', 'id'], why },
    ...site.nodePools.map((pool, index) => ({ what: 'Ryax node pool id', value: pool.id, keyPath: ['site', 'nodePools', index, 'id'], why })),
  ];
}
