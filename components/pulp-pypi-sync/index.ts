import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { PULP_PYPI_SYNC_CONTRACT } from './job/contract.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothEnv } from '../shared/env.js';

export interface PulpPypiSyncProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, pulp-pypi-sync-job, among them. */
  readonly images: JobImageTags;
  /** @default "0 *\/6 * * *" (docs/quirks.md Q40) */
  readonly schedule?: string;
  /** @default requests 100m CPU and 128Mi, limits 250m CPU and 256Mi */
  readonly resources?: ScheduledComponentProps['resources'];
  /**
   * The Pulp instance whose PyPI repositories are synced into the knowledge graph's indexes.
   * A host name (https) or an http(s) URL without a path.
   * @default "pulp.operate-first.cloud"
   */
  readonly pulpInstance?: string;
}

/**
 * pulp-pypi-sync: registers the Pulp instance's PyPI repositories as package indexes. Credentials
 * come from the `pulp-pypi-sync` Secret (keys pulp-username, pulp-password). Its image is built from ./job.
 */
export class PulpPypiSync extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PulpPypiSyncProps) {
    super(scope, id);
    const { env } = props;
    const { namespace } = props;
    const secret = new ExternalSecret(this, 'Secret', {
      env,
      name: 'pulp-pypi-sync',
      namespace,
      keys: ['pulp-password', 'pulp-username'],
      owner: 'pulp-pypi-sync',
    });
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'pulp-pypi-sync-job',
      image: jobImage(env, props.images, 'pulp-pypi-sync-job', props),
      ...scheduledSettings(props, {
        schedule: '0 */6 * * *',
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
      }),
      environment: thothEnv(env, PULP_PYPI_SYNC_CONTRACT)
        .literal('THOTH_LOG_PULP_PYPI_SYNC', 'INFO')
        .literal('THOTH_PULP_REPOSITORIES_SYNC_DISABLE_INDEX', '0')
        .literal('THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE', props.pulpInstance ?? 'pulp.operate-first.cloud')
        .secret('THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME', secret.secretName, 'pulp-username')
        .secret('THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD', secret.secretName, 'pulp-password')
        .knowledgeGraph()
        .pushgateway()
        .common(),
    });
    this.job.node.addDependency(secret);
  }
}
