import { Construct } from 'constructs';
import { serviceSettings, type ServiceComponentProps } from '../shared/component.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { jobImage } from '../../src/platform/images.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { INVESTIGATOR_CONTRACT, METRICS_MODE } from '../investigator/job/contract.js';
import { investigatorStopBoundMs } from '../investigator/job/settings.js';
import { thothEnv } from '../shared/env.js';

export interface InvestigatorMessageMetricsProps extends ServiceComponentProps {
  /** The tags of the job images built here (src/images/plan.ts): its image is the investigator program's. */
  readonly images: JobImageTags;
  /** @default requests 100m CPU and 256Mi, limits 250m CPU and 512Mi */
  readonly resources?: ServiceComponentProps['resources'];
}

/**
 * investigator-message-metrics: the investigator program (components/investigator/job) in its
 * `metrics` mode, a consumer of every topic in its own group (thoth.message-metrics) that only
 * counts messages per type and version for Prometheus. No API access, no database.
 */
export class InvestigatorMessageMetrics extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: InvestigatorMessageMetricsProps) {
    super(scope, id);
    const { env } = props;
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: 'investigator-message-metrics',
      ...serviceSettings(props, { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '250m', memory: '512Mi' } } }),
      role: 'consumer',
      image: jobImage(env, props.images, 'investigator', props),
      ports: [{ name: PORT_NAMES.metrics, containerPort: 6066 }],
      readinessProbe: httpProbe('/_health', PORT_NAMES.metrics),
      livenessProbe: httpProbe('/metrics', PORT_NAMES.metrics, { initialDelaySeconds: 30 }),
      // Its stop settings are the program's defaults.
      stopBoundMs: investigatorStopBoundMs({}),
      environment: thothEnv(env, INVESTIGATOR_CONTRACT, 'consume', 'metrics')
        .literal('THOTH_CONSUMER_MODE', METRICS_MODE)
        .literal('KAFKA_CONSUMER_GROUP_ID', 'thoth.message-metrics')
        .literal('KAFKA_CONSUMER_AUTO_OFFSET_RESET', 'latest')
        .kafka()
        .common(),
    });
  }
}
