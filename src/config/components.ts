/**
 * How a component runs, which decides the settings an environment may give it:
 * - `service`: a long-running workload (replicas, storage for the database);
 * - `api`: a service the ingress controller exposes (and a `host` for its Ingress);
 * - `scheduled`: CronJobs or CronWorkflows (schedule, suspend);
 * - `workflows`: WorkflowTemplates submitted on demand (no schedule, no replicas).
 */
export type ComponentKind = 'service' | 'api' | 'scheduled' | 'workflows';

export interface ComponentEntry<T extends string = string> {
  readonly kind: ComponentKind;
  /** The tier of the platform it belongs to: it renders into that tier's namespace. */
  readonly tier: T;
  readonly description: string;
}
