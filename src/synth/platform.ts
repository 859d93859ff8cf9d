/**
 * What a platform hands the library: its applications, the alerts its components declare and the
 * contracts of the images it runs. The library (synth, validate, deploy, the CLI) works on any value
 * of this type and imports no platform; the composition root (platforms/thoth/platform.ts) makes Thoth's.
 */
import type { EnvironmentClaim } from '../config/claims.js';
import type { EnvironmentValidator } from '../config/environment-validator.js';
import type { TProperties } from '@sinclair/typebox';
import type { App } from 'cdk8s';
import type { Problem } from '../errors.js';
import type { ComponentEntry } from '../config/components.js';
import type { PlatformEnvironment, PlatformEnvironmentSpec } from '../config/schema.js';
import type { YamlSource } from '../config/yaml-source.js';
import type { ImageContract } from '../contracts/model.js';
import type { JobImageTags } from '../images/programs.js';
import type { AlertDefinition } from '../platform/alerts.js';
import type { PlatformChart } from '../platform/chart.js';
import type { RenderedApplication } from './manifest.js';

/** One Argo CD Application of an environment: where it syncs, and the chart it renders. */
export interface BuiltApplication {
  readonly name: string;
  /** Argo CD sync wave of the Application among the environment's Applications. */
  readonly wave: number;
  /** The namespace the Application deploys to when an object names none. */
  readonly namespace: string;
  /** It writes outside the environment's namespaces, so it gets its own, narrower AppProject. */
  readonly ownProject?: boolean;
  readonly chart: PlatformChart;
}

/** A kind an AppProject lets an Application write. */
export interface ResourceKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * An Argo CD Application of a third-party Helm chart at a pinned version, with values the platform
 * makes from the environment: a stack whose templates would be copied, not designed, if written as
 * constructs. It gets an AppProject of its own: the chart's repository, its namespaces, and only
 * the cluster-wide kinds its chart creates.
 */
export interface ChartApplication {
  readonly name: string;
  /** Argo CD sync wave of the Application among the environment's Applications. */
  readonly wave: number;
  /**
   * The release's namespace, which the platform renders in an earlier wave (with whatever the chart
   * reads from it first): the chart's project may not create namespaces.
   */
  readonly namespace: string;
  readonly chart: { readonly repoURL: string; readonly name: string; readonly version: string };
  readonly releaseName: string;
  /** Helm values, as the chart's values.yaml at `version` names them. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The cluster-scoped kinds the chart creates with these values. */
  readonly clusterKinds: readonly ResourceKind[];
  /** Namespaces besides its own that the chart writes to. */
  readonly otherNamespaces?: readonly string[];
  /** API groups whose CustomResourceDefinitions the chart installs: deploy's preflight does not ask the cluster for them. */
  readonly installsApiGroups?: readonly string[];
}

/**
 * The alerts a component can render for an environment, whether or not it is switched on. Declared
 * through a method so that, like the platform's, it takes the environment of its own platform.
 */
export type AlertDeclaration<E extends PlatformEnvironment = PlatformEnvironment> = {
  declare(env: E): readonly AlertDefinition[];
}['declare'];

/**
 * A platform of environment type `E`. Its functions are methods, so a `Platform<ThothEnvironment>`
 * is a `Platform`: the library hands each function only environments the platform's own schema
 * validated (src/config/load.ts), so they are always its `E`.
 */
export interface Platform<E extends PlatformEnvironment = PlatformEnvironment> {
  /** Its name: what the `platform` key of its environment files says. */
  readonly name: string;
  /** Its components, by the key an environment file switches and tunes each by (`components.<key>`). */
  readonly components: Readonly<Record<string, ComponentEntry>>;
  /** Its tiers, the groups of components a namespace holds: every environment places each in one namespace. */
  readonly tiers: readonly string[];
  /** The keys its environment files have besides every platform's (src/config/schema.ts). */
  readonly environmentProperties: TProperties;
  /** Rules across its own keys that its schema cannot say. */
  environmentProblems?(source: YamlSource, spec: PlatformEnvironmentSpec): Problem[];
  /** Namespaces its own keys give to others (a broker's, with who owns it): no tier may take one. */
  reservedNamespaces?(spec: PlatformEnvironmentSpec): readonly (readonly [string, string])[];
  /** Values of an environment no other environment file may hold (src/config/claims.ts). */
  claims?(env: E): readonly EnvironmentClaim[];
  /**
   * Builds the environment's applications into `app`, in the order Argo CD syncs them. `images`: the
   * tags of the job images built here (src/images/plan.ts), derived from files and so read by the caller.
   * `charts`: its chartApplications, made once, for what the applications render for them (their namespaces).
   */
  applications(app: App, env: E, images: JobImageTags, charts: readonly ChartApplication[]): readonly BuiltApplication[];
  /** The third-party charts the environment installs, each an Argo CD Application of its own. */
  chartApplications?(env: E): readonly ChartApplication[];
  /**
   * The app-of-apps (wave 0): an Argo CD Application per application that rendered objects, and one
   * per chart application.
   */
  appOfApps(
    app: App,
    env: E,
    applications: readonly RenderedApplication[],
    charts: readonly ChartApplication[],
  ): { readonly name: string; readonly chart: PlatformChart };
  /** Every alert its components declare: what `monitoring.alerts` of an environment may override. */
  readonly alerts: readonly AlertDeclaration<E>[];
  /** The contracts of every image it runs: validate holds each container to its image's. */
  readonly imageContracts: readonly ImageContract[];
  /**
   * Its environment schema's validator generated ahead of time (src/config/environment-validator.ts),
   * which spares each start compiling it; without it, the schema is compiled on first use.
   */
  readonly environmentValidator?: EnvironmentValidator;
}

/**
 * The platforms one CLI serves, by name: each environment file says which is its own (`platform:
 * <name>`), and a platform is loaded only when an environment of it is.
 */
export interface Platforms {
  /** Every platform's name, as environment files may give it. */
  readonly names: readonly string[];
  load(name: string): Promise<Platform>;
}

/** An environment file, validated by its own platform's schema, with that platform. */
export interface LoadedEnvironment {
  readonly platform: Platform;
  readonly env: PlatformEnvironment;
}
