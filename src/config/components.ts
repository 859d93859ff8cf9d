import type { TProperties } from '@sinclair/typebox';
import type { ApiSettings, ComponentSettings, ScheduledSettings, ServiceSettings, WorkflowsSettings } from './schema.js';

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
  /**
   * Settings of this component alone, besides those of its kind (`components.<key>.<setting>`),
   * each with its schema and description; they reach its props as the others do (`overridesOf`).
   * @default none
   */
  readonly settings?: TProperties;
}

/**
 * An environment's settings of a component as its construct's props name them: `enabled` is the
 * catalogue's business, and the file's `env` (extra container variables) is `variables`, since a
 * construct's `env` is the environment it renders for.
 */
type OverridesOf<S> = Omit<S, 'enabled' | 'env'> & { readonly variables?: Readonly<Record<string, string>> };

/** What an environment may set for a component of each kind, as props. */
export interface OverridesByKind {
  readonly service: OverridesOf<ServiceSettings>;
  readonly api: OverridesOf<ApiSettings>;
  readonly scheduled: OverridesOf<ScheduledSettings>;
  readonly workflows: OverridesOf<WorkflowsSettings>;
}

/** The one place an environment's settings of a component become its props (only those it sets). */
export function overridesOf<K extends ComponentKind>(settings: ComponentSettings | undefined): OverridesByKind[K] {
  const { enabled: _enabled, env: variables, ...rest } = settings ?? {};
  return { ...rest, ...(variables === undefined ? {} : { variables }) } as OverridesByKind[K];
}
