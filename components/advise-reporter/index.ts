import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../../src/platform/component.js';
import { thothImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { adviseReporterAlerts } from './alerts.js';

export type AdviseReporterProps = ComponentProps;

/**
 * advise-reporter: summarises adviser results into the public bucket and announces justification
 * counts (advise-justification messages). Defaults: schedule "0 2 * * *", image advise-reporter:v0.11.3.
 */
export class AdviseReporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: AdviseReporterProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components['advise-reporter'];
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'advise-reporter',
      namespace: namespaceOf(env, 'infra'),
      image: thothImage(env, 'advise-reporter', 'v0.11.3', settings),
      schedule: '0 2 * * *',
      settings,
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
      environment: (vars) =>
        vars
          .literal('SUBCOMMAND', 'advise-reporter')
          .literal('APP_SCRIPT', 'app.py')
          .literal('THOTH_NUMBER_RELEASES', '5')
          .kafka()
          .knowledgeGraph()
          .ceph({ publicBucket: true })
          .pushgateway()
          .common(),
    });
    new AlertRules(this, 'Alerts', { env, component: 'advise-reporter', namespace: namespaceOf(env, 'infra'), alerts: adviseReporterAlerts(env) });
  }
}
