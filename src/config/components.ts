import type { Tier } from './tiers.js';

/**
 * How a component runs, which decides the settings an environment may give it:
 * - `service`: a long-running workload (replicas, storage for the database);
 * - `api`: a service the ingress controller exposes (and a `host` for its Ingress);
 * - `scheduled`: CronJobs or CronWorkflows (schedule, suspend);
 * - `workflows`: WorkflowTemplates submitted on demand (no schedule, no replicas).
 */
export type ComponentKind = 'service' | 'api' | 'scheduled' | 'workflows';

export interface ComponentEntry {
  readonly kind: ComponentKind;
  readonly tier: Tier;
  readonly description: string;
}
