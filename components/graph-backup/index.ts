import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { GRAPH_BACKUP_JOB_CONTRACT } from '../contracts/images/graph-backup-job.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export type GraphBackupProps = ComponentProps;

const DUMP_DIR = '/var/lib/graph-backup';

/**
 * graph-backup: dumps the knowledge graph with pg_dump into a scratch volume and uploads it to S3.
 * Defaults: schedule "@monthly", image graph-backup-job:v0.10.1, 4 hours to finish.
 */
export class GraphBackup extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: GraphBackupProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['graph-backup'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'graph-backup',
      namespace: namespaceOf(env, 'graph'),
      image: thothImageOf(env, 'graph-backup-job', settings),
      annotations: waiverAnnotation(
        'contract/image',
        'graph-backup-job v0.10.1 ships pg_dump 10, which refuses to dump PostgreSQL 16: no backup is taken (the run exits 0 with thoth_graph_backup_job 1, which ThothPGDumpMissed reports) until the job is replaced by a program of this repository',
      ),
      schedule: '@monthly',
      settings,
      activeDeadlineSeconds: 14400,
      writablePaths: [DUMP_DIR],
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
      environment: thothEnv(env, GRAPH_BACKUP_JOB_CONTRACT)
        .literal('THOTH_DATA_DUMP_PATH', `${DUMP_DIR}/pg_dump.sql`)
        .ceph()
        .knowledgeGraph()
        .pushgateway()
        .common(),
    });
  }
}
