/**
 * One chart per tier: the components each tier's namespace runs, switched on and off by the
 * environment. Each chart is an Argo CD Application of the same name.
 */
import type { Construct } from 'constructs';
import { AdviseReporter } from '../components/advise-reporter/index.js';
import { Adviser } from '../components/adviser/index.js';
import { AmunApi } from '../components/amun-api/index.js';
import { AmunInspection } from '../components/amun-inspection/index.js';
import { CveUpdate } from '../components/cve-update/index.js';
import { DocumentSync } from '../components/document-sync/index.js';
import { GraphBackup } from '../components/graph-backup/index.js';
import { GraphMetricsExporter } from '../components/graph-metrics-exporter/index.js';
import { GraphRefresh } from '../components/graph-refresh/index.js';
import { GraphSchemaUpdate } from '../components/graph-schema-update/index.js';
import { IntegrationTests } from '../components/integration-tests/index.js';
import { Investigator } from '../components/investigator/index.js';
import { InvestigatorMessageMetrics } from '../components/investigator-message-metrics/index.js';
import { KafkaTopics } from '../components/kafka-topics/index.js';
import { Kebechet } from '../components/kebechet/index.js';
import { KnowledgeGraph } from '../components/knowledge-graph/index.js';
import { ManagementApi } from '../components/management-api/index.js';
import { MetricsExporter } from '../components/metrics-exporter/index.js';
import { Mi } from '../components/mi/index.js';
import { MiScheduler } from '../components/mi-scheduler/index.js';
import { PackageExtract } from '../components/package-extract/index.js';
import { PrescriptionsRefresh } from '../components/prescriptions-refresh/index.js';
import { Purge } from '../components/purge/index.js';
import { Revsolver } from '../components/revsolver/index.js';
import { SecurityIndicators } from '../components/security-indicators/index.js';
import { Solver } from '../components/solver/index.js';
import { PackageReleases } from '../components/package-releases/index.js';
import { PackageUpdate } from '../components/package-update/index.js';
import { PulpPypiSync } from '../components/pulp-pypi-sync/index.js';
import { Pushgateway } from '../components/pushgateway/index.js';
import { SloReporter } from '../components/slo-reporter/index.js';
import { UserApi } from '../components/user-api/index.js';
import type { ComponentName } from '../src/config/components.js';
import { isEnabled } from '../src/config/enabled.js';
import type { Environment } from '../src/config/schema.js';
import { namespaceOf } from '../src/config/environment.js';
import { ThothChart } from '../src/platform/chart.js';
import type { RenderContext } from './context.js';
import type { JobImageTags } from '../src/images/programs.js';

type ComponentClass = new (scope: Construct, id: string, props: { env: Environment; images: JobImageTags }) => Construct;

/**
 * Adds each component the environment enables; `byDefault` is whether it runs when the environment
 * does not say. Components that run a job program of this repository find its image tag in `images`.
 */
function addComponents(chart: ThothChart, images: JobImageTags, components: readonly [ComponentName, ComponentClass, boolean?][]): void {
  for (const [name, Component, byDefault = true] of components) {
    if (isEnabled(chart.env, name, byDefault)) new Component(chart, name, { env: chart.env, images });
  }
}

export class FrontendChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'frontend' });
    addComponents(this, context.images, [
      ['user-api', UserApi],
      ['management-api', ManagementApi],
      ['graph-refresh', GraphRefresh],
      ['cve-update', CveUpdate],
      ['package-releases', PackageReleases],
      ['package-update', PackageUpdate],
      ['document-sync', DocumentSync],
      ['pulp-pypi-sync', PulpPypiSync],
      ['integration-tests', IntegrationTests],
      ['slo-reporter', SloReporter],
    ]);
  }
}

export class GraphChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'graph' });
    addComponents(this, context.images, [
      ['postgresql', KnowledgeGraph],
      ['graph-backup', GraphBackup],
      ['graph-metrics-exporter', GraphMetricsExporter],
    ]);
  }
}

export class InfraChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'infra' });
    addComponents(this, context.images, [
      ['pushgateway', Pushgateway],
      ['investigator', Investigator],
      ['investigator-message-metrics', InvestigatorMessageMetrics],
      ['metrics-exporter', MetricsExporter],
      ['advise-reporter', AdviseReporter],
      ['graph-schema-update', GraphSchemaUpdate],
    ]);
  }
}

export class MiddletierChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'middletier' });
    new MiScheduler(this, 'mi-scheduler', { env });
    const namespace = namespaceOf(env, 'middletier');
    // The shared templates are made in the order their first user needed them: the same chart owns them.
    if (isEnabled(env, 'graph-sync')) context.graphSync(this, namespace);
    const core = () => context.workflowCore(this, namespace);
    const graphSync = () => context.graphSync(this, namespace);
    if (isEnabled(env, 'solver')) new Solver(this, 'solver', { env, workflowCore: core(), graphSync: graphSync() });
    if (isEnabled(env, 'revsolver')) new Revsolver(this, 'revsolver', { env, graphSync: graphSync() });
    if (isEnabled(env, 'package-extract')) new PackageExtract(this, 'package-extract', { env, graphSync: graphSync() });
    if (isEnabled(env, 'security-indicators')) new SecurityIndicators(this, 'security-indicators', { env, workflowCore: core(), graphSync: graphSync() });
    if (isEnabled(env, 'mi')) new Mi(this, 'mi', { env });
  }
}

export class BackendChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'backend' });
    const namespace = namespaceOf(env, 'backend');
    if (isEnabled(env, 'kebechet')) new Kebechet(this, 'kebechet', { env, workflowCore: context.workflowCore(this, namespace) });
    if (isEnabled(env, 'adviser')) new Adviser(this, 'adviser', { env, workflowCore: context.workflowCore(this, namespace), graphSync: context.graphSync(this, namespace) });
    if (isEnabled(env, 'purge')) new Purge(this, 'purge', { env });
    if (isEnabled(env, 'prescriptions-refresh')) new PrescriptionsRefresh(this, 'prescriptions-refresh', { env });
  }
}

export class AmunInspectionChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'amun-inspection' });
    const namespace = namespaceOf(env, 'amun-inspection');
    if (isEnabled(env, 'amun-inspection')) new AmunInspection(this, 'amun-inspection', { env, workflowCore: context.workflowCore(this, namespace), graphSync: context.graphSync(this, namespace) });
  }
}

export class AmunApiChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'amun-api' });
    addComponents(this, context.images, [['amun-api', AmunApi]]);
  }
}

/** The KafkaTopics of the environment, in the namespace of the Strimzi topic operator. */
export class KafkaTopicsChart extends ThothChart {
  constructor(scope: Construct, env: Environment) {
    super(scope, { env, application: 'kafka-topics' });
    if (env.kafka.topics !== undefined) new KafkaTopics(this, 'topics', { env, topics: env.kafka.topics });
  }
}
