/**
 * The applications of an environment, in the order Argo CD syncs them (by `wave`): namespaces and
 * shared configuration first. Each renders into `generated/<env>/<name>/` and becomes one Argo CD
 * Application; the `argocd` application (the app-of-apps) is rendered after them from what they hold.
 */
import type { App } from 'cdk8s';
import { namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../src/config/schema.js';
import type { ThothChart } from '../src/platform/chart.js';
import { NamespacesChart, NAMESPACES_APPLICATION } from './namespaces.js';

export interface ApplicationDefinition {
  readonly name: string;
  /** Argo CD sync wave of the Application among the environment's Applications. */
  readonly wave: number;
  /** The namespace the Application deploys to when an object names none. */
  readonly namespace: (env: Environment) => string;
  readonly build: (app: App, env: Environment) => ThothChart;
}

export const APPLICATIONS: readonly ApplicationDefinition[] = [
  {
    name: NAMESPACES_APPLICATION,
    wave: -1,
    namespace: (env) => namespaceOf(env, 'infra'),
    build: (app, env) => new NamespacesChart(app, env),
  },
];
