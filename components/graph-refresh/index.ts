import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { migrationStep } from '../shared/migrations.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { GRAPH_REFRESH_CONTRACT } from './job/contract.js';
import { thothEnv } from '../shared/env.js';

export interface GraphRefreshProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, graph-refresh-job, among them. */
  readonly images: JobImageTags;
  /** @default "@hourly" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * graph-refresh: asks for the package versions no solver has resolved yet by publishing
 * unresolved-package (and unrevsolved / si-unanalyzed) messages. It only publishes to Kafka and reads
 * the solvers from the shared `solvers` ConfigMap of its namespace, so it has no Kubernetes API
 * access: the investigator schedules the workflows. Its pod applies this repository's knowledge-graph
 * migrations first (an init container running `migrate`). Its image is built from ./job; it asks for
 * 800 package versions per solver and run.
 */
export class GraphRefresh extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphRefreshProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-refresh',
      ...scheduledSettings(props, { schedule: '@hourly', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } }),
      image: jobImage(env, props.images, 'graph-refresh-job', props),
      beforeStart: [migrationStep(env, GRAPH_REFRESH_CONTRACT)],
      environment: thothEnv(env, GRAPH_REFRESH_CONTRACT)
        .literal('THOTH_LOG_GRAPH_REFRESH_JOB', 'INFO')
        .literal('THOTH_GRAPH_REFRESH_SOLVER', '1')
        .literal('THOTH_GRAPH_REFRESH_REVSOLVER', '1')
        .literal('THOTH_GRAPH_REFRESH_SECURITY', '1')
        .literal('THOTH_GRAPH_REFRESH_COUNT', '800')
        .configMap('THOTH_GRAPH_REFRESH_SOLVERS', 'solvers', 'solvers')
        .kafka()
        .knowledgeGraph()
        .pushgateway()
        .common(),
    });
  }
}
