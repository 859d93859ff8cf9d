/**
 * One chart per tier: the components of the catalogue (components/catalogue.ts) that live in the
 * tier, switched on and off by the environment. Each chart is an Argo CD Application of the same name.
 */
import type { Construct } from 'constructs';
import { enabledComponents, resolvedProps, type ComponentName, type ComponentServices } from '../components/catalogue.js';
import { KafkaTopics } from '../components/kafka-topics/index.js';
import { MiScheduler } from '../components/mi-scheduler/index.js';
import type { Environment } from '../components/shared/environment.js';
import type { Tier } from '../components/shared/tiers.js';
import { namespaceOf } from '../src/config/environment.js';
import { ThothChart } from './chart.js';
import type { RenderContext } from './context.js';

/** Builds, in catalogue order, each component of the chart's tier that the environment switches on. */
function addComponents(chart: ThothChart, context: RenderContext, tier: Tier): void {
  const namespace = namespaceOf(chart.env, tier);
  const shared = {
    env: chart.env,
    images: context.images,
    workflowCore: () => context.workflowCore(chart, namespace),
    graphSync: () => context.graphSync(chart, namespace),
  };
  for (const [name, entry] of enabledComponents(chart.env)) {
    if (entry.tier !== tier || entry.build === undefined) continue;
    // The line's kind decides its settings' shape, which the schema checked against the same kind.
    const build = entry.build as (scope: Construct, id: string, services: ComponentServices) => unknown;
    build(chart, name, { ...shared, props: resolvedProps(chart.env, name as ComponentName) });
  }
}

/** The chart of a tier whose components are all in the catalogue. */
export class TierChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext, tier: Tier) {
    super(scope, { env, application: tier });
    addComponents(this, context, tier);
  }
}

export class MiddletierChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'middletier' });
    // Its three CronJobs are switched one by one (mi-scheduler-gh, ...); the construct has no switch of its own.
    new MiScheduler(this, 'mi-scheduler', {
      env,
      namespace: namespaceOf(env, 'middletier'),
      images: context.images,
      'mi-scheduler-gh': resolvedProps(env, 'mi-scheduler-gh'),
      'mi-scheduler-kebechet-analyse': resolvedProps(env, 'mi-scheduler-kebechet-analyse'),
      'mi-scheduler-kebechet-merge': resolvedProps(env, 'mi-scheduler-kebechet-merge'),
    });
    addComponents(this, context, 'middletier');
  }
}

/** The KafkaTopics of the environment, in the namespace of the Strimzi topic operator. */
export class KafkaTopicsChart extends ThothChart {
  constructor(scope: Construct, env: Environment) {
    super(scope, { env, application: 'kafka-topics' });
    if (env.kafka.topics !== undefined) new KafkaTopics(this, 'topics', { env, topics: env.kafka.topics });
  }
}
