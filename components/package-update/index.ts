import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { PACKAGE_UPDATE_JOB_CONTRACT } from '../contracts/images/package-update-job.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export type PackageUpdateProps = ComponentProps;

/**
 * package-update: checks known package versions against their indexes and announces missing
 * packages, missing versions and hash mismatches. Defaults: schedule "0 *\/12 * * *", image
 * package-update-job:v0.8.17.
 */
export class PackageUpdate extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: PackageUpdateProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['package-update'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'package-update',
      namespace: namespaceOf(env, 'frontend'),
      image: thothImageOf(env, 'package-update-job', settings),
      schedule: '0 */12 * * *',
      settings,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      environment: thothEnv(env, PACKAGE_UPDATE_JOB_CONTRACT).kafka().knowledgeGraph().pushgateway().common(),
    });
  }
}
