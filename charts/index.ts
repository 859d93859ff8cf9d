/**
 * The applications of an environment, in the order Argo CD syncs them (by `wave`): namespaces and
 * shared configuration first, then the knowledge graph and the Kafka topics, then their clients. Each
 * renders into `generated/<env>/<name>/` and becomes one Argo CD Application; an application that
 * renders nothing in an environment is left out. The `argocd` application (the app-of-apps) is
 * rendered after them from what they hold.
 */
import type { App } from 'cdk8s';
import { namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../components/shared/environment.js';
import type { JobImageTags } from '../src/images/programs.js';
import type { ThothChart } from './chart.js';
import type { BuiltApplication } from '../src/synth/platform.js';
import { RenderContext } from './context.js';
import { MonitoringChart } from './monitoring.js';
import { NamespacesChart, NAMESPACES_APPLICATION } from './namespaces.js';
import { KafkaTopicsChart, MiddletierChart, TierChart } from './tiers.js';
import { WorkflowsCoreChart } from './workflows-core.js';

interface ApplicationDefinition {
  readonly name: string;
  /** Argo CD sync wave of the Application among the environment's Applications. */
  readonly wave: number;
  /** The namespace the Application deploys to when an object names none. */
  readonly namespace: (env: Environment) => string;
  readonly build: (app: App, env: Environment, context: RenderContext) => ThothChart;
  /** It writes outside the environment's namespaces, so it gets its own, narrower AppProject. */
  readonly ownProject?: boolean;
}

const APPLICATIONS: readonly ApplicationDefinition[] = [
  { name: NAMESPACES_APPLICATION, wave: -1, namespace: (env) => namespaceOf(env, 'infra'), build: (app, env) => new NamespacesChart(app, env) },
  { name: 'graph', wave: 0, namespace: (env) => namespaceOf(env, 'graph'), build: (app, env, context) => new TierChart(app, env, context, 'graph') },
  {
    name: 'kafka-topics',
    wave: 0,
    namespace: (env) => env.kafka.topics?.namespace ?? namespaceOf(env, 'infra'),
    build: (app, env) => new KafkaTopicsChart(app, env),
    ownProject: true,
  },
  { name: 'core', wave: 0, namespace: (env) => namespaceOf(env, 'infra'), build: (app, env, context) => new WorkflowsCoreChart(app, env, context) },
  { name: 'infra', wave: 1, namespace: (env) => namespaceOf(env, 'infra'), build: (app, env, context) => new TierChart(app, env, context, 'infra') },
  { name: 'frontend', wave: 2, namespace: (env) => namespaceOf(env, 'frontend'), build: (app, env, context) => new TierChart(app, env, context, 'frontend') },
  { name: 'middletier', wave: 2, namespace: (env) => namespaceOf(env, 'middletier'), build: (app, env, context) => new MiddletierChart(app, env, context) },
  { name: 'backend', wave: 2, namespace: (env) => namespaceOf(env, 'backend'), build: (app, env, context) => new TierChart(app, env, context, 'backend') },
  {
    name: 'amun-inspection',
    wave: 2,
    namespace: (env) => namespaceOf(env, 'amun-inspection'),
    build: (app, env, context) => new TierChart(app, env, context, 'amun-inspection'),
  },
  { name: 'amun-api', wave: 2, namespace: (env) => namespaceOf(env, 'amun-api'), build: (app, env, context) => new TierChart(app, env, context, 'amun-api') },
  // Last: it watches what the charts above rendered.
  { name: 'monitoring', wave: 3, namespace: (env) => namespaceOf(env, 'infra'), build: (app, env) => new MonitoringChart(app, env, app) },
];

/** Builds every application of `env` into `app`, in sync order, sharing one RenderContext. */
export function buildApplications(app: App, env: Environment, images: JobImageTags): BuiltApplication[] {
  const context = new RenderContext(env, images);
  return APPLICATIONS.map((definition) => ({
    name: definition.name,
    wave: definition.wave,
    namespace: definition.namespace(env),
    ...(definition.ownProject ? { ownProject: true } : {}),
    chart: definition.build(app, env, context),
  }));
}
