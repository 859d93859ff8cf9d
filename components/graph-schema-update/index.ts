import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../../src/platform/component.js';
import { thothImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';

export type GraphSchemaUpdateProps = ComponentProps;

/**
 * graph-schema-update: migrates the knowledge-graph schema. It runs on demand, as the reference's
 * Template-made Job did: the CronJob is suspended and serves as the Job's template,
 * `kubectl create job --from=cronjob/graph-schema-update graph-schema-update-<id>`.
 * Defaults: suspended, schedule "@yearly" (never fires while suspended), image workflow-helpers:v0.9.15.
 */
export class GraphSchemaUpdate extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphSchemaUpdateProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['graph-schema-update'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-schema-update',
      namespace: namespaceOf(env, 'infra'),
      image: thothImage(env, 'workflow-helpers', 'v0.9.15', settings),
      schedule: '@yearly',
      suspend: true,
      backoffLimit: 0,
      settings,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      environment: (vars) => vars.literal('THOTH_WORKFLOW_TASK', 'graph-schema-update').knowledgeGraph().ceph().pushgateway().common(),
    });
  }
}
