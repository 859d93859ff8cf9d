import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { PACKAGE_UPDATE_CONTRACT } from './job/contract.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothEnv } from '../shared/env.js';

export interface PackageUpdateProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, package-update-job, among them. */
  readonly images: JobImageTags;
  /** @default "0 *\/12 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * package-update: checks known package versions against their indexes and announces missing
 * packages, missing versions and hash mismatches, each once. Its image is built from ./job.
 */
export class PackageUpdate extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PackageUpdateProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'package-update',
      ...scheduledSettings(props, {
        schedule: '0 */12 * * *',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      }),
      image: jobImage(env, props.images, 'package-update-job', props),
      environment: thothEnv(env, PACKAGE_UPDATE_CONTRACT).literal('THOTH_LOG_PACKAGE_UPDATE', 'INFO').kafka().knowledgeGraph().pushgateway().common(),
    });
  }
}
