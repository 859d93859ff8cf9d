/**
 * The Ryax components, one line each: the key an environment file switches and tunes it by
 * (`components.<key>`), how it runs, the tier whose namespace and chart it lives in, and how its
 * construct is built. Keys are the chart's subchart names (ryax-inventory.md §3).
 */
import type { Construct } from 'constructs';
import { buildServiceComponents, type ServiceCatalogueEntry } from '../../src/config/service-catalogue.js';
import { ACTION_BUILDER_SETTINGS, ActionBuilder, type ActionBuilderProps } from './action-builder/index.js';
import { Authorization } from './authorization/index.js';
import { Broker } from './broker/index.js';
import { Datastore } from './datastore/index.js';
import { Filestore } from './filestore/index.js';
import { Registry } from './registry/index.js';
import { Front } from './front/index.js';
import { Repository } from './repository/index.js';
import { Runner } from './runner/index.js';
import type { RyaxEnvironment, RyaxTier } from './shared/environment.js';
import { Studio } from './studio/index.js';
import { Worker } from './worker/index.js';

export type RyaxCatalogueEntry = ServiceCatalogueEntry<RyaxTier, RyaxEnvironment>;

export const RYAX_CATALOGUE = {
  datastore: {
    kind: 'service',
    tier: 'backbone',
    description: 'the PostgreSQL of the services with data, one database and user each, and its exporter',
    build: (scope, id, props) => new Datastore(scope, id, props),
  },
  broker: {
    kind: 'service',
    tier: 'backbone',
    description: 'RabbitMQ, the services’ asynchronous events, and its exchanges, queues and bindings',
    build: (scope, id, props) => new Broker(scope, id, props),
  },
  filestore: {
    kind: 'service',
    tier: 'backbone',
    description: 'MinIO, the S3 store of the executions’ inputs and outputs (ryax-minio), and its bucket',
    build: (scope, id, props) => new Filestore(scope, id, props),
  },
  registry: {
    kind: 'service',
    tier: 'backbone',
    description: 'the container registry the action-builder pushes the actions’ images to and the nodes pull them from',
    build: (scope, id, props) => new Registry(scope, id, props),
  },
  authorization: {
    kind: 'service',
    tier: 'services',
    description: 'users, projects and login',
    build: (scope, id, props) => new Authorization(scope, id, props),
  },
  runner: { kind: 'service', tier: 'services', description: 'the workflow execution engine', build: (scope, id, props) => new Runner(scope, id, props) },
  studio: { kind: 'service', tier: 'services', description: 'creates, edits and deploys workflows', build: (scope, id, props) => new Studio(scope, id, props) },
  repository: {
    kind: 'service',
    tier: 'services',
    description: 'scans Git repositories for actions and orders their builds',
    build: (scope, id, props) => new Repository(scope, id, props),
  },
  'action-builder': {
    kind: 'service',
    tier: 'services',
    description: 'builds the actions with Nix and pushes their images to the registry',
    settings: ACTION_BUILDER_SETTINGS,
    build: (scope, id, props) => new ActionBuilder(scope, id, props as ActionBuilderProps),
  },
  front: { kind: 'service', tier: 'services', description: 'the web UI', build: (scope, id, props) => new Front(scope, id, props) },
  worker: {
    kind: 'service',
    tier: 'services',
    description: "the engine's own site's agent (where the environment declares `site`): deploys the actions and runs their executions",
    byDefault: (env) => env.site !== undefined,
    build: (scope, id, props) => new Worker(scope, id, props),
  },
} as const satisfies Readonly<Record<string, RyaxCatalogueEntry>>;

/** Builds, in catalogue order, each component of `tier` that the environment switches on. */
export function buildRyaxComponents(scope: Construct, env: RyaxEnvironment, tier: RyaxTier): void {
  buildServiceComponents(scope, env, tier, RYAX_CATALOGUE);
}
