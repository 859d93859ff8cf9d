import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { PACKAGE_RELEASES_CONTRACT } from './job/contract.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothEnv } from '../shared/env.js';

export interface PackageReleasesProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, package-releases-job, among them. */
  readonly images: JobImageTags;
  /** @default "0 *\/12 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * package-releases: finds new releases of known packages on the enabled indexes, records them and
 * announces them (package-released messages). Its image is built from ./job.
 */
export class PackageReleases extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PackageReleasesProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'package-releases',
      ...scheduledSettings(props, {
        schedule: '0 */12 * * *',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      }),
      image: jobImage(env, props.images, 'package-releases-job', props),
      environment: thothEnv(env, PACKAGE_RELEASES_CONTRACT).literal('THOTH_LOG_PACKAGE_RELEASES', 'INFO').kafka().knowledgeGraph().pushgateway().common(),
    });
  }
}
