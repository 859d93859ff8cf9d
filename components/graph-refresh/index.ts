import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { migrationStep } from '../shared/migrations.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { GRAPH_REFRESH_CONTRACT } from './job/contract.js';
import { thothEnv } from '../shared/env.js';

export interface GraphRefreshProps extends ComponentProps {
  readonly images: JobImageTags;
}

/**
 * graph-refresh: every hour, asks for the package versions no solver has resolved yet by publishing
 * unresolved-package (and unrevsolved / si-unanalyzed) messages. It only publishes to Kafka and reads
 * the solvers from the shared `solvers` ConfigMap of its namespace, so it has no Kubernetes API
 * access: the investigator schedules the workflows. Its pod applies this repository's knowledge-graph
 * migrations first (an init container running `migrate`).
 *
 * Defaults (the environment's settings override them): schedule "@hourly", not suspended, the image
 * built from ./job at its content tag, 800 requests per solver and run.
 */
export class GraphRefresh extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphRefreshProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['graph-refresh'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-refresh',
      namespace: namespaceOf(env, 'frontend'),
      image: jobImage(env, props.images, 'graph-refresh-job', settings),
      beforeStart: [migrationStep(env, GRAPH_REFRESH_CONTRACT)],
      schedule: '@hourly',
      settings,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
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
