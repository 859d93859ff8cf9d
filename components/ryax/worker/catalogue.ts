/**
 * A site's components, one line each (`components.<key>` of a site's environment file): its database
 * and its worker.
 */
import type { Construct } from 'constructs';
import { type ComponentEntry, overridesOf } from '../../../src/config/components.js';
import { isEnabled } from '../../../src/config/enabled.js';
import { namespaceOf } from '../../../src/config/environment.js';
import { Datastore } from '../datastore/index.js';
import type { SiteEnvironment, SiteTier } from './environment.js';
import { Worker, type WorkerProps } from './index.js';

export interface SiteCatalogueEntry extends ComponentEntry<SiteTier> {
  readonly build: (scope: Construct, id: string, props: WorkerProps) => Construct;
}

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
  for (const [name, entry] of Object.entries(SITE_CATALOGUE) as [string, SiteCatalogueEntry][]) {
    if (entry.tier !== tier || !isEnabled(env, name)) continue;
    entry.build(scope, name, { env, namespace: namespaceOf(env, tier), ...overridesOf<'service'>(env.components[name]) });
  }
}
