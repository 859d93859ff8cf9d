import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { DOCUMENT_SYNC_CONTRACT } from './job/contract.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothEnv } from '../shared/env.js';

export interface DocumentSyncProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, document-sync-job, among them. */
  readonly images: JobImageTags;
  /** @default "@daily" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 1Gi */
  readonly resources?: ScheduledComponentProps['resources'];
  /**
   * The root of the deployment documents are copied to, s3://<bucket>/<prefix>/<deployment>.
   * @default "s3://thoth/data/<the environment's deployment name>"
   */
  readonly destination?: string;
  /**
   * The destination's S3 endpoint.
   * @default "https://s3.amazonaws.com"
   */
  readonly destinationEndpoint?: string;
}

/**
 * document-sync: copies this deployment's documents that another deployment's store lacks. The
 * destination's credentials come from the `document-sync` Secret (keys destination-key-id,
 * destination-secret-key). Its image is built from ./job.
 */
export class DocumentSync extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: DocumentSyncProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const secret = new ExternalSecret(this, 'Secret', {
      env,
      name: 'document-sync',
      namespace,
      keys: ['destination-key-id', 'destination-secret-key'],
      owner: 'document-sync',
    });
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'document-sync',
      image: jobImage(env, props.images, 'document-sync-job', props),
      ...scheduledSettings(props, { schedule: '@daily', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } }),
      environment: thothEnv(env, DOCUMENT_SYNC_CONTRACT)
        .literal('THOTH_LOG_DOCUMENT_SYNC', 'INFO')
        .literal('THOTH_DOCUMENT_SYNC_DST', props.destination ?? `s3://thoth/data/${env.deploymentName}`)
        .literal('AWS_S3_ENDPOINT_URL', props.destinationEndpoint ?? 'https://s3.amazonaws.com')
        .configMap('THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS', 'solvers', 'solvers')
        .literal('THOTH_DOCUMENT_SYNC_CONCURRENCY', '16')
        .secret('AWS_ACCESS_KEY_ID', secret.secretName, 'destination-key-id')
        .secret('AWS_SECRET_ACCESS_KEY', secret.secretName, 'destination-secret-key')
        .ceph()
        .pushgateway()
        .common(),
    });
    this.job.node.addDependency(secret);
  }
}
