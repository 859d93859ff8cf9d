/**
 * What a platform hands the library: its applications, the alerts its components declare and the
 * contracts of the images it runs. The library (synth, validate, deploy, the CLI) works on any value
 * of this type and imports no platform; the composition root (thoth/platform.ts) makes Thoth's.
 */
import type { App } from 'cdk8s';
import type { ComponentEntry } from '../config/components.js';
import type { Environment } from '../config/schema.js';
import type { ImageContract } from '../contracts/model.js';
import type { JobImageTags } from '../images/programs.js';
import type { AlertDefinition } from '../platform/alerts.js';
import type { ThothChart } from '../platform/chart.js';
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
  readonly chart: ThothChart;
}

/** The alerts a component can render for an environment, whether or not it is switched on. */
export type AlertDeclaration = (env: Environment) => readonly AlertDefinition[];

export interface Platform {
  /** Its components, by the key an environment file switches and tunes each by (`components.<key>`). */
  readonly components: Readonly<Record<string, ComponentEntry>>;
  /**
   * Builds the environment's applications into `app`, in the order Argo CD syncs them. `images`: the
   * tags of the job images built here (src/images/plan.ts), derived from files and so read by the caller.
   */
  readonly applications: (app: App, env: Environment, images: JobImageTags) => readonly BuiltApplication[];
  /** The app-of-apps (wave 0): an Argo CD Application per application that rendered objects. */
  readonly appOfApps: (app: App, env: Environment, applications: readonly RenderedApplication[]) => { readonly name: string; readonly chart: ThothChart };
  /** Every alert its components declare: what `monitoring.alerts` of an environment may override. */
  readonly alerts: readonly AlertDeclaration[];
  /** The contracts of every image it runs: validate holds each container to its image's. */
  readonly imageContracts: readonly ImageContract[];
}
