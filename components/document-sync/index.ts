import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { DOCUMENT_SYNC_JOB_CONTRACT } from '../contracts/images/document-sync-job.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface DocumentSyncProps extends ScheduledComponentProps {
  /** @default "@daily" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 1Gi */
  readonly resources?: ScheduledComponentProps['resources'];
  /**
   * The S3 URL documents are copied to.
   * @default "s3://thoth/data" with the environment's deployment name appended by the job
   */
  readonly destination?: string;
}

/**
 * document-sync: copies the documents of the last days to another S3 bucket. The destination's
 * credentials come from the `document-sync` Secret (keys destination-key-id, destination-secret-key).
 * Its image, document-sync-job:v0.4.0, cannot start (docs/quirks.md Q15).
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
      image: thothImageOf(env, 'document-sync-job', props),
      annotations: waiverAnnotation(
        'contract/image',
        'document-sync-job v0.4.0 is built without a program its s2i run script can start; it is enabled in no production environment and is to be replaced by a program of this repository',
      ),
      ...scheduledSettings(props, { schedule: '@daily', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } }),
      environment: thothEnv(env, DOCUMENT_SYNC_JOB_CONTRACT)
        .literal('THOTH_DOCUMENT_SYNC_DST', props.destination ?? `s3://thoth/data/${env.deploymentName}/`)
        .configMap('THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS', 'solvers', 'solvers')
        .literal('THOTH_DOCUMENT_SYNC_CONCURRENCY', '16')
        // The destination's client takes its credentials from the AWS variables (botocore).
        .secret('AWS_ACCESS_KEY_ID', secret.secretName, 'destination-key-id')
        .secret('AWS_SECRET_ACCESS_KEY', secret.secretName, 'destination-secret-key')
        .ceph()
        .pushgateway()
        .common(),
    });
    this.job.node.addDependency(secret);
  }
}
