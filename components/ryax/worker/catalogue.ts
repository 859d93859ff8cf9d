/**
 * A site's components, one line each (`components.<key>` of a site's environment file): its database
 * and its worker.
 */
import type { Construct } from 'constructs';
import { buildServiceComponents, type ServiceCatalogueEntry } from '../../../src/config/service-catalogue.js';
import { Datastore } from '../datastore/index.js';
import type { SiteEnvironment, SiteTier } from './environment.js';
import { Worker } from './index.js';

export type SiteCatalogueEntry = ServiceCatalogueEntry<SiteTier, SiteEnvironment>;

export const SITE_CATALOGUE = {
  datastore: {
    kind: 'service',
    tier: 'worker',
    description: "the worker's PostgreSQL (the chart's bitnami postgresql, database and user worker), and its exporter",
    build: (scope, id, props) => new Datastore(scope, id, props),
  },
  worker: {
    kind: 'service',
    tier: 'worker',
    description: 'the site’s agent: deploys the actions and runs their executions',
    build: (scope, id, props) => new Worker(scope, id, props),
  },
} as const satisfies Readonly<Record<string, SiteCatalogueEntry>>;

/** Builds, in catalogue order, each component of `tier` the site switches on. */
export function buildSiteComponents(scope: Construct, env: SiteEnvironment, tier: SiteTier): void {
  buildServiceComponents(scope, env, tier, SITE_CATALOGUE);
}
