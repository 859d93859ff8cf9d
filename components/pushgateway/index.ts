import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PUSHGATEWAY_CONTRACT } from '../contracts/images/pushgateway.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { PUSHGATEWAY_SERVICE } from '../shared/services.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { thothEnv } from '../shared/env.js';

export type PushgatewayProps = ComponentProps;

/** The scrape label value of the Pushgateway's Service. */
export const PUSHGATEWAY_SCRAPE_LABEL_VALUE = 'pushgateway';

/**
 * The Prometheus Pushgateway the CronJobs and workflow steps push to; its address reaches them
 * through the shared `prometheus` ConfigMap. Prometheus scrapes it on the `metrics` port.
 * Defaults: pushgateway v1.9.0, one replica.
 */
export class Pushgateway extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: PushgatewayProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components.pushgateway;
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: PUSHGATEWAY_SERVICE.name,
      namespace: namespaceOf(env, 'infra'),
      role: 'metrics-gateway',
      image: upstreamImage('quay.io/prometheus/pushgateway', 'v1.9.0', settings),
      settings,
      runAsUser: 65534,
      // Scraped by its own ServiceMonitor, which keeps the job labels the pushers set (honorLabels).
      scrapeLabelValue: PUSHGATEWAY_SCRAPE_LABEL_VALUE,
      ports: [{ name: PORT_NAMES.metrics, containerPort: PUSHGATEWAY_SERVICE.port }],
      readinessProbe: httpProbe('/-/ready', PORT_NAMES.metrics),
      livenessProbe: httpProbe('/-/healthy', PORT_NAMES.metrics, { initialDelaySeconds: 15 }),
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
      environment: thothEnv(env, PUSHGATEWAY_CONTRACT),
    });
  }
}
