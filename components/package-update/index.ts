import { Construct } from 'constructs';
import { resolveResources } from '../../src/platform/pod.js';
import type { ScheduledComponentProps } from '../shared/component.js';
import { PACKAGE_UPDATE_JOB_CONTRACT } from '../contracts/images/package-update-job.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface PackageUpdateProps extends ScheduledComponentProps {
  /** @default "0 *\/12 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * package-update: checks known package versions against their indexes and announces missing
 * packages, missing versions and hash mismatches.
 */
export class PackageUpdate extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PackageUpdateProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'package-update',
      namespace: props.namespace,
      image: thothImageOf(env, 'package-update-job', props),
      schedule: props.schedule ?? '0 */12 * * *',
      suspend: props.suspend,
      variables: props.variables,
      resources: resolveResources({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } }, props.resources),
      environment: thothEnv(env, PACKAGE_UPDATE_JOB_CONTRACT).kafka().knowledgeGraph().pushgateway().common(),
    });
  }
}
