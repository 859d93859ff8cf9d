import type { ServiceComponentProps } from '../shared/component.js';
import type { Environment } from '../shared/environment.js';

/** What each knowledge-graph workload is built from: the environment and the namespace they share. */
export interface KnowledgeGraphContext {
  readonly env: Environment;
  readonly namespace: string;
}

/**
 * What an environment may set for one of the knowledge graph's side workloads (`components.<key>`
 * of pgbouncer, postgres-exporter or pgweb, resolved by the catalogue): its image tag, replicas,
 * resources and extra variables. They have no volume: a `storage` is ignored.
 */
export type ServiceOverrides = Omit<ServiceComponentProps, 'env' | 'namespace'>;

/** The unprivileged user the side services (exporter, console) run as. */
export const NOBODY = 65534;
