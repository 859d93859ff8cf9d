import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { GRAPH_BACKUP_JOB_CONTRACT } from '../contracts/images/graph-backup-job.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface GraphBackupProps extends ScheduledComponentProps {
  /** @default "@monthly" */
  readonly schedule?: string;
  /** @default requests 500m CPU and 512Mi, limits 1 CPU and 2Gi */
  readonly resources?: ScheduledComponentProps['resources'];
}

const DUMP_DIR = '/var/lib/graph-backup';

/** graph-backup: dumps the knowledge graph with pg_dump into a scratch volume and uploads it to S3, within 4 hours. */
export class GraphBackup extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphBackupProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-backup',
      ...scheduledSettings(props, { schedule: '@monthly', resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } } }),
      image: thothImageOf(env, 'graph-backup-job', props),
      annotations: waiverAnnotation(
        'contract/image',
        'graph-backup-job v0.10.1 ships pg_dump 10, which refuses to dump PostgreSQL 16: no backup is taken (the run exits 0 with thoth_graph_backup_job 1, which ThothPGDumpMissed reports) until the job is replaced by a program of this repository',
      ),
      activeDeadlineSeconds: 14400,
      writablePaths: [DUMP_DIR],
      environment: thothEnv(env, GRAPH_BACKUP_JOB_CONTRACT)
        .literal('THOTH_DATA_DUMP_PATH', `${DUMP_DIR}/pg_dump.sql`)
        .ceph()
        .knowledgeGraph()
        .pushgateway()
        .common(),
    });
  }
}
