import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { scheduledSettings, type ScheduledComponentProps } from '../shared/component.js';
import { INTEGRATION_TESTS_CONTRACT } from '../contracts/images/integration-tests.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { AMUN_API_SERVICE } from '../shared/services.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface IntegrationTestsProps extends ScheduledComponentProps {
  /** @default "@monthly" */
  readonly schedule?: string;
  /** @default requests 250m CPU and 256Mi, limits 500m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/**
 * integration-tests: runs the behave suite against this environment's APIs, through their
 * in-cluster Services (or their Ingress hosts), within 2 hours and without retries. It mails no report.
 */
export class IntegrationTests extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: IntegrationTestsProps) {
    super(scope, id);
    const { env } = props;
    // The APIs' own tier, whatever namespace the job runs in.
    const frontend = namespaceOf(env, 'frontend');
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: 'integration-tests',
      ...scheduledSettings(props, {
        schedule: '@monthly',
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      }),
      image: thothImageOf(env, 'integration-tests', props),
      activeDeadlineSeconds: 7200,
      backoffLimit: 0,
      environment: thothEnv(env, INTEGRATION_TESTS_CONTRACT)
        // The scenarios call https://<host>: the APIs' Ingress hosts where the environment gives them.
        .literal('THOTH_USER_API_HOST', env.components['user-api']?.host ?? `user-api.${frontend}.svc`)
        .literal('THOTH_MANAGEMENT_API_HOST', env.components['management-api']?.host ?? `management-api.${frontend}.svc`)
        .literal('THOTH_AMUN_API_HOST', env.components['amun-api']?.host ?? `${AMUN_API_SERVICE.name}.${namespaceOf(env, 'amun-api')}.svc`)
        .secret('THOTH_MANAGEMENT_API_SECRET', 'thoth', 'management-api-token')
        .literal('THOTH_INTEGRATION_TESTS_TAGS', '')
        .literal('MAIL_REPORT', '0')
        // The report would be written into the image's read-only working directory.
        .literal('GENERATE_REPORT', '0')
        .common(),
    });
  }
}
