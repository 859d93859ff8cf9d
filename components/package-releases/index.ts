import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { PACKAGE_RELEASES_JOB_CONTRACT } from '../contracts/images/package-releases-job.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export type PackageReleasesProps = ComponentProps;

/**
 * package-releases: finds new releases of known packages on the enabled indexes, records them and
 * announces them (package-released messages). Defaults: schedule "0 *\/12 * * *", image
 * package-releases-job:v0.11.11.
 */
export class PackageReleases extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PackageReleasesProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['package-releases'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'package-releases',
      namespace: namespaceOf(env, 'frontend'),
      image: thothImageOf(env, 'package-releases-job', settings),
      schedule: '0 */12 * * *',
      settings,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      environment: thothEnv(env, PACKAGE_RELEASES_JOB_CONTRACT).kafka().knowledgeGraph().pushgateway().common(),
    });
  }
}
