import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { GRAPH_METRICS_EXPORTER_CONTRACT } from '../contracts/images/graph-metrics-exporter.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export type GraphMetricsExporterProps = ComponentProps;

/**
 * graph-metrics-exporter: measures the knowledge graph's health (size, bloat, corruption checks,
 * last backup) and pushes the figures to the Pushgateway. Defaults: schedule "@monthly", image
 * graph-metrics-exporter:v0.6.5.
 */
export class GraphMetricsExporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphMetricsExporterProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['graph-metrics-exporter'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-metrics-exporter',
      namespace: namespaceOf(env, 'graph'),
      image: thothImageOf(env, 'graph-metrics-exporter', settings),
      schedule: '@monthly',
      settings,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      environment: thothEnv(env, GRAPH_METRICS_EXPORTER_CONTRACT).ceph().knowledgeGraph().pushgateway().common(),
    });
  }
}
