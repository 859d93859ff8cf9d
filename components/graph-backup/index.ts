import { Construct } from 'constructs';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { type ScheduledComponentProps, scheduledSettings } from '../shared/component.js';
import { thothEnv } from '../shared/env.js';
import { GRAPH_BACKUP_CONTRACT } from './job/contract.js';

export interface GraphBackupProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, graph-backup-job, among them. */
  readonly images: JobImageTags;
  /** @default "@monthly" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * graph-backup: dumps the knowledge graph with pg_dump straight into S3 (no scratch volume: the dump
 * streams, memory holds a few 8 MiB parts) and keeps the newest 21 dumps, within 4 hours. Its image
 * is built from ./job and carries the graph's PostgreSQL client.
 */
export class GraphBackup extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphBackupProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-backup',
      ...scheduledSettings(props, { schedule: '@monthly', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } }),
      image: jobImage(env, props.images, 'graph-backup-job', props),
      activeDeadlineSeconds: 14400,
      environment: thothEnv(env, GRAPH_BACKUP_CONTRACT).literal('THOTH_LOG_GRAPH_BACKUP_JOB', 'INFO').ceph().knowledgeGraph().pushgateway().common(),
    });
  }
}
