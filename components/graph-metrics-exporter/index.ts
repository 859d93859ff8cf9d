import { Construct } from 'constructs';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { type ScheduledComponentProps, scheduledSettings } from '../shared/component.js';
import { thothEnv } from '../shared/env.js';
import { GRAPH_METRICS_EXPORTER_CONTRACT } from './job/contract.js';

export interface GraphMetricsExporterProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, graph-metrics-exporter, among them. */
  readonly images: JobImageTags;
  /** @default "@monthly" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * graph-metrics-exporter: measures the knowledge graph's health (amcheck on every B-tree index,
 * table and index bloat with pgstattuple) and the freshness of graph-backup's dumps, and pushes the
 * figures to the Pushgateway. Its image is built from ./job.
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
      image: jobImage(env, props.images, 'graph-metrics-exporter', props),
      environment: thothEnv(env, GRAPH_METRICS_EXPORTER_CONTRACT)
        .literal('THOTH_LOG_GRAPH_METRICS_EXPORTER', 'INFO')
        .ceph()
        .knowledgeGraph()
        .pushgateway()
        .common(),
    });
  }
}
