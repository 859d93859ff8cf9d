import { Construct } from 'constructs';
import type { JobImageTags } from '../../src/images/programs.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { jobImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { thothEnv } from '../shared/env.js';
import { adviseReporterAlerts } from './alerts.js';
import { ADVISE_REPORTER_CONTRACT, SEND_MESSAGES_VARIABLE, sendMessagesMode } from './job/contract.js';

export interface AdviseReporterProps extends ScheduledComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its own, advise-reporter, among them. */
  readonly images: JobImageTags;
  /** @default "0 2 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 512Mi, limits 500m CPU and 1Gi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * advise-reporter: each night, yesterday's requests and results of the adviser, package-extract and
 * provenance-checker counted, and the adviser's runs summed up as CSV tables beside the documents
 * (and in the environment's public bucket, when it has one) and as the thoth_reporter_* gauges the
 * alert below reads. Its image is built from ./job. The advise-justification messages are sent when
 * the environment sets THOTH_REPORTER_SEND_KAFKA_MESSAGES among its variables; the broker is then wired.
 */
export class AdviseReporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: AdviseReporterProps) {
    super(scope, id);
    const { env } = props;
    // The mode the environment's variables choose: announcing, the broker is wired.
    const announcing = sendMessagesMode(props.variables?.[SEND_MESSAGES_VARIABLE]) === 'on';
    const environment = thothEnv(env, ADVISE_REPORTER_CONTRACT, 'run', announcing ? 'on' : 'off')
      .literal('THOTH_LOG_ADVISE_REPORTER', 'INFO')
      .ceph({ publicBucket: true })
      .kafka();
    if (env.s3.publicBucket !== undefined) environment.literal('THOTH_REPORTER_STORE_ON_PUBLIC_CEPH', '1');
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'advise-reporter',
      ...scheduledSettings(props, { schedule: '0 2 * * *', resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } } }),
      image: jobImage(env, props.images, 'advise-reporter', props),
      environment: environment.pushgateway().common(),
    });
    new AlertRules(this, 'Alerts', { env, component: 'advise-reporter', namespace: props.namespace, alerts: adviseReporterAlerts(env) });
  }
}
