import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { GRAPH_METRICS_EXPORTER_CONTRACT } from '../contracts/images/graph-metrics-exporter.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface GraphMetricsExporterProps extends ScheduledComponentProps {
  /** @default "@monthly" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * graph-metrics-exporter: measures the knowledge graph's health (size, bloat, corruption checks,
 * last backup) and pushes the figures to the Pushgateway.
 */
export class GraphMetricsExporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphMetricsExporterProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-metrics-exporter',
      ...scheduledSettings(props, {
        schedule: '@monthly',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      }),
      image: thothImageOf(env, 'graph-metrics-exporter', props),
      environment: thothEnv(env, GRAPH_METRICS_EXPORTER_CONTRACT).ceph().knowledgeGraph().pushgateway().common(),
    });
  }
}
