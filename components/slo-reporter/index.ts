import { Construct } from 'constructs';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { SLO_REPORTER_CONTRACT } from '../contracts/images/slo-reporter.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface SloReporterProps extends ScheduledComponentProps {
  /** @default "0 6 * * *" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * slo-reporter: computes the service-level objectives from Prometheus and stores (and optionally
 * mails) the report. It queries with the shared `prometheus-reader` token. It mails nothing unless
 * the environment's env sets THOTH_SLO_REPORTER_SEND_EMAIL and the SMTP variables.
 */
export class SloReporter extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: SloReporterProps) {
    super(scope, id);
    const { env } = props;
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'slo-reporter',
      ...scheduledSettings(props, {
        schedule: '0 6 * * *',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      }),
      image: thothImageOf(env, 'slo-reporter', props),
      environment: thothEnv(env, SLO_REPORTER_CONTRACT)
        .configMap('THANOS_ENDPOINT', 'prometheus', 'host-url')
        .secret('THANOS_ACCESS_TOKEN', 'prometheus-reader', 'token')
        .literal('THOTH_SLO_REPORTER_SEND_EMAIL', '0')
        .literal('THOTH_SLO_REPORTER_USING_SMTP_TLS', '1')
        // Read at start even while e-mail is off; an environment that sends sets them through `env`.
        .literal('SMTP_SERVER', 'none')
        .literal('EMAIL_SENDER', 'slo-reporter@thoth.invalid')
        .literal('EMAIL_RECIPIENTS', 'slo-reporter@thoth.invalid')
        // The `field` label each component's series carry in the queries the report makes.
        .literal('PROMETHEUS_INSTANCE_METRICS_EXPORTER_INFRA', 'metrics-exporter')
        .literal('PROMETHEUS_INSTANCE_USER_API', 'user-api')
        .literal('PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_BACKEND', 'workflow-controller-backend')
        .literal('PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_MIDDLETIER', 'workflow-controller-middletier')
        .literal('PROMETHEUS_INSTANCE_WORKFLOW_CONTROLLER_AMUN_INSPECTION', 'workflow-controller-amun-inspection')
        .namespaces()
        .ceph()
        .pushgateway()
        .common(),
    });
  }
}
