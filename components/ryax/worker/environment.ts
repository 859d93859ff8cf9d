/**
 * A Ryax site's environment: one file per site, its own Argo CD Applications, as the ryax-engine
 * project installs its worker as a Helm release per site (ryax-inventory.md §1; charts/worker at
 * RyaxTech/ryax-engine@9dc81bf). It has the keys every platform's environment has (its namespaces with
 * the executions' quota and limits, Argo CD, its cluster, its secret store) and the site's own: the
 * site and its node pools as the Ryax UI gives them (components/ryax/shared/site.ts), and the engine it
 * works for.
 *
 * Only KUBERNETES sites: a SLURM_SSH site's worker runs as root to build Singularity images
 * (values hpcOffloading), which restricted pods refuse.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type PlatformEnvironment, type PlatformEnvironmentSpec, Strict } from '../../../src/config/schema.js';
import type { YamlSource } from '../../../src/config/yaml-source.js';
import type { Problem } from '../../../src/errors.js';
import { RYAX_ENVIRONMENT_PROPERTIES } from '../shared/environment.js';
import { siteProblems, siteSchema } from '../shared/site.js';

/** A site's tiers: the worker (with its database), and the users' actions it deploys. */
export const SITE_TIERS = ['worker', 'executions'] as const;
export type SiteTier = (typeof SITE_TIERS)[number];

export const SITE_TIER_DESCRIPTIONS: Readonly<Record<SiteTier, string>> = {
  worker: "the site's worker and its database",
  executions: "the users' actions, which the worker deploys",
};

export const SITE_ENVIRONMENT_PROPERTIES = {
  logLevel: RYAX_ENVIRONMENT_PROPERTIES.logLevel,
  stacks: Type.Optional(
    Type.Array(Type.Union([Type.Literal('traefik'), Type.Literal('logs')]), {
      uniqueItems: true,
      description:
        "the third-party stacks the site installs: traefik (in network.ingressNamespace), which serves the routes the worker publishes for the actions; logs, Loki and the Alloy that ships the site's pods' logs to it (in <the worker's namespace>-logs), which the worker reads the actions' logs from. Absent: none, the site's cluster has its own",
    }),
  ),
  engine: Strict(
    { host: RYAX_ENVIRONMENT_PROPERTIES.host },
    {
      description:
        "the Ryax engine the site works for: its host, whose registry.<host> the actions' images are pulled from. Its broker and filestore are reached through the Skupper listeners ryax-broker-ext and ryax-minio-ext in the worker's namespace, whose addresses the site's Secrets hold",
    },
  ),
  site: siteSchema('the site, with the ids the Ryax UI gives it and its node pools'),
};

const SiteSettings = Strict(SITE_ENVIRONMENT_PROPERTIES);

export type SiteEnvironment = PlatformEnvironment<SiteTier> & Static<typeof SiteSettings>;
export type SiteEnvironmentSpec = PlatformEnvironmentSpec<SiteTier> & Static<typeof SiteSettings>;

/** The site's own rules (components/ryax/shared/site.ts). */
export function siteEnvironmentProblems(source: YamlSource, spec: PlatformEnvironmentSpec): Problem[] {
  return siteProblems(source, (spec as SiteEnvironmentSpec).site);
}
