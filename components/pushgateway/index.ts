import { Construct } from 'constructs';
import { serviceSettings, type ServiceComponentProps } from '../shared/component.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PUSHGATEWAY_CONTRACT } from '../contracts/images/pushgateway.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { PUSHGATEWAY_SERVICE } from '../shared/services.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { thothEnv } from '../shared/env.js';

export interface PushgatewayProps extends ServiceComponentProps {
  /**
   * The tag of quay.io/prometheus/pushgateway.
   * @default "v1.9.0"
   */
  readonly imageTag?: string;
  /** @default requests 50m CPU and 64Mi, limits 250m CPU and 256Mi */
  readonly resources?: ServiceComponentProps['resources'];
}

/** The scrape label value of the Pushgateway's Service. */
export const PUSHGATEWAY_SCRAPE_LABEL_VALUE = 'pushgateway';

/**
 * The Prometheus Pushgateway the CronJobs and workflow steps push to; its address reaches them
 * through the shared `prometheus` ConfigMap. Prometheus scrapes it on the `metrics` port.
 */
export class Pushgateway extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: PushgatewayProps) {
    super(scope, id);
    const { env } = props;
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: PUSHGATEWAY_SERVICE.name,
      ...serviceSettings(props, { resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '256Mi' } } }),
      role: 'metrics-gateway',
      image: upstreamImage('quay.io/prometheus/pushgateway', 'v1.9.0', props),
      runAsUser: 65534,
      // Scraped by its own ServiceMonitor, which keeps the job labels the pushers set (honorLabels).
      scrapeLabelValue: PUSHGATEWAY_SCRAPE_LABEL_VALUE,
      ports: [{ name: PORT_NAMES.metrics, containerPort: PUSHGATEWAY_SERVICE.port }],
      readinessProbe: httpProbe('/-/ready', PORT_NAMES.metrics),
      livenessProbe: httpProbe('/-/healthy', PORT_NAMES.metrics, { initialDelaySeconds: 15 }),
      environment: thothEnv(env, PUSHGATEWAY_CONTRACT),
    });
  }
}
