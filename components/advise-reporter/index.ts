import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { ADVISE_REPORTER_CONTRACT } from '../contracts/images/advise-reporter.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { adviseReporterAlerts } from './alerts.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface AdviseReporterProps extends ScheduledComponentProps {
  /** @default "0 2 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 512Mi, limits 500m CPU and 1Gi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * advise-reporter: summarises adviser results into the public bucket and announces justification
 * counts (advise-justification messages).
 */
export class AdviseReporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: AdviseReporterProps) {
    super(scope, id);
    const { env } = props;
    const environment = thothEnv(env, ADVISE_REPORTER_CONTRACT).kafka().knowledgeGraph().ceph({ publicBucket: true }).pushgateway().common();
    // Read at start even while storing to the public bucket is off (its default): without a public
    // bucket the environment's own stands in.
    if (env.s3.publicBucket === undefined) environment.configMap('THOTH_PUBLIC_CEPH_BUCKET', 'ceph', 'bucket-name');
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'advise-reporter',
      ...scheduledSettings(props, { schedule: '0 2 * * *', resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } } }),
      image: thothImageOf(env, 'advise-reporter', props),
      environment,
    });
    new AlertRules(this, 'Alerts', { env, component: 'advise-reporter', namespace: props.namespace, alerts: adviseReporterAlerts(env) });
  }
}
