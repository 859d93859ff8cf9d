import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { PRESYNC_JOB_ANNOTATIONS } from '../../src/platform/metadata.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { THOTH_IMAGE_TAGS, thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

/**
 * The alembic head each workflow-helpers tag upgrades the graph to: the thoth-storages its lock pins
 * (thoth-station/workflow-helpers@v0.9.15:Pipfile.lock#L1491 0.73.5, @v0.9.16:Pipfile.lock#L1511
 * 0.74.0) and that version's newest migration (thoth-station/storages@v0.74.1:
 * thoth/storages/data/alembic/versions/bf9ea2a38b01_fix_null_values_considered_as_distinct_.py#L14).
 */
export const ALEMBIC_HEAD_OF_WORKFLOW_HELPERS: Readonly<Record<string, string>> = { 'v0.9.15': '7f7411e247d6', 'v0.9.16': 'bf9ea2a38b01' };
/** The tag whose head is the reference schema the programs are written against (a test holds them together). */
export const GRAPH_SCHEMA_UPDATE_TAG = THOTH_IMAGE_TAGS['workflow-helpers'];

export interface GraphSchemaUpdateProps extends ScheduledComponentProps {
  /** @default "@yearly", which never fires while suspended */
  readonly schedule?: string;
  /** @default true: it runs as the PreSync hook, or by hand */
  readonly suspend?: boolean;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * graph-schema-update: migrates the knowledge-graph schema. It runs before each sync of its
 * Application (an Argo CD PreSync hook Job, `graph-schema-upgrade`): after the knowledge graph's own
 * Application (an earlier wave), before the programs of this and later waves start, so a fresh
 * cluster needs no manual step and a new schema reaches the graph before the images that expect it.
 * The suspended CronJob is the same pod, for a run by hand:
 * `kubectl create job --from=cronjob/graph-schema-update graph-schema-update-<id>`.
 * The task runs thoth-storages' alembic migrations (`upgrade head`): they own the knowledge graph's
 * reference tables; this repository's programs add only their own, from their pods' `migrate`.
 * Its image is workflow-helpers at GRAPH_SCHEMA_UPDATE_TAG (v0.9.16: thoth-storages 0.74.0, alembic
 * head bf9ea2a38b01, the schema the other images expect).
 */
export class GraphSchemaUpdate extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphSchemaUpdateProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-schema-update',
      ...scheduledSettings(props, {
        schedule: '@yearly',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
        suspend: true,
      }),
      image: thothImageOf(env, 'workflow-helpers', props),
      backoffLimit: 0,
      environment: thothEnv(env, WORKFLOW_HELPERS_CONTRACT, 'graph_schema_update').knowledgeGraph().pushgateway().common(),
    });
    new k8s.KubeJob(this, 'Upgrade', {
      metadata: {
        name: 'graph-schema-upgrade',
        namespace: this.job.namespace,
        labels: this.job.labels,
        annotations: { ...PRESYNC_JOB_ANNOTATIONS },
      },
      spec: { backoffLimit: 2, activeDeadlineSeconds: 3600, template: this.job.podTemplate },
    });
  }
}
