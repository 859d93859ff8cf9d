/**
 * The props every Thoth component takes: the environment, the namespace of its tier, and what the
 * environment may set for a component of its kind (`components.<key>`), flat and optional. The
 * catalogue (components/catalogue.ts) resolves them once from the environment file
 * (src/config/components.ts `overridesOf`); the type of each catalogue line's `build` holds them to
 * the schema's types, and test/components/catalogue.test.ts proves each setting reaches the objects.
 */
import { resolveResources, type CpuMemory, type Resources } from '../../src/platform/pod.js';
import type { Environment } from './environment.js';

/** What every component construct of Thoth is given: the environment it renders for. */
export interface ComponentProps {
  readonly env: Environment;
}

/** An environment's requests and limits for a component's containers: each replaces the component's own. */
export interface ResourceOverrides {
  readonly requests?: CpuMemory;
  readonly limits?: CpuMemory;
}

/** What every component of the catalogue takes besides the environment. */
export interface CatalogueComponentProps extends ComponentProps {
  /** The namespace it renders into: its tier's. */
  readonly namespace: string;
  /**
   * The tag of its image in the environment's registry.
   * @default the versions table's (components/image-tags.ts), or the content tag of a job program built here
   */
  readonly imageTag?: string;
  /**
   * Its containers' requests and limits.
   * @default the component's own, stated in its props
   */
  readonly resources?: ResourceOverrides;
  /**
   * Extra variables of its program's container, added last, so they replace any of the same name.
   * @default none
   */
  readonly variables?: Readonly<Record<string, string>>;
}

/** A component of kind `scheduled`: CronJobs. */
export interface ScheduledComponentProps extends CatalogueComponentProps {
  /**
   * When it runs: a cron expression, read in UTC.
   * @default the component's own, stated in its props
   */
  readonly schedule?: string;
  /**
   * Whether it is suspended (runs only when started by hand).
   * @default false, unless the component says
   */
  readonly suspend?: boolean;
}

/** A component of kind `service`: a long-running workload. */
export interface ServiceComponentProps extends CatalogueComponentProps {
  /**
   * The pods it runs.
   * @default 1, unless the component says
   */
  readonly replicas?: number;
  /**
   * The size of its persistent volume, for a component that keeps data.
   * @default the component's own, stated in its props
   */
  readonly storage?: string | number;
}

/** A component of kind `api`: a service the ingress controller exposes. */
export interface ApiComponentProps extends CatalogueComponentProps {
  /**
   * The pods it runs.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The public host name its Ingress serves.
   * @default none: no Ingress, reached inside the cluster only
   */
  readonly host?: string;
}

/** A component of kind `workflows`: WorkflowTemplates submitted on demand. */
export type WorkflowsComponentProps = CatalogueComponentProps;

/** A component's own defaults for what the environment may set, as its props' `@default` state them. */
export interface ComponentDefaults {
  readonly resources: Resources;
  /** Scheduled components: when they run. */
  readonly schedule?: string;
  /** Scheduled components that are suspended unless the environment says otherwise. */
  readonly suspend?: boolean;
  /** Services that run more than one pod unless the environment says otherwise. */
  readonly replicas?: number;
}

/**
 * What a component hands its ScheduledJob: its namespace, and each setting from its props or, unset,
 * its own default. The one place "the environment's value, else the component's default" is written.
 */
export function scheduledSettings(props: ScheduledComponentProps, defaults: ComponentDefaults & { readonly schedule: string }) {
  return {
    namespace: props.namespace,
    schedule: props.schedule ?? defaults.schedule,
    suspend: props.suspend ?? defaults.suspend ?? false,
    resources: resolveResources(defaults.resources, props.resources),
    variables: props.variables,
  };
}

/** What a service or API component hands its LongRunningService, as scheduledSettings does for a job. */
export function serviceSettings(props: ServiceComponentProps | ApiComponentProps, defaults: ComponentDefaults) {
  return {
    namespace: props.namespace,
    replicas: props.replicas ?? defaults.replicas ?? 1,
    resources: resolveResources(defaults.resources, props.resources),
    variables: props.variables,
    ...('host' in props && props.host !== undefined ? { host: props.host } : {}),
  };
}
