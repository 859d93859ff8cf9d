/**
 * ServiceMonitors: the one per namespace that scrapes every Service labelled for it on its `metrics`
 * port, and one for a Service of its own (an operator's, which the platform does not label).
 */
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { objectLabels, SCRAPE_LABEL } from './metadata.js';
import { PORT_NAMES } from './ports.js';

export interface ServiceMonitorProps {
  readonly env: PlatformEnvironment;
  readonly name: string;
  readonly namespace: string;
  /** The Services scraped. @default those with the scrape label "true" */
  readonly selector?: Readonly<Record<string, string>>;
  /** @default "metrics" */
  readonly port?: string;
  /** Keep the job and instance labels of pushed series. @default false */
  readonly honorLabels?: boolean;
}

export function serviceMonitor(scope: Construct, id: string, props: ServiceMonitorProps): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: { ...objectLabels('monitoring', 'service-monitor'), ...props.env.monitoring.serviceMonitorLabels },
    },
    spec: {
      selector: { matchLabels: { ...(props.selector ?? { [SCRAPE_LABEL]: 'true' }) } },
      namespaceSelector: { matchNames: [props.namespace] },
      endpoints: [
        {
          port: props.port ?? PORT_NAMES.metrics,
          path: '/metrics',
          scheme: 'http',
          interval: '30s',
          ...(props.honorLabels === true ? { honorLabels: true } : {}),
        },
      ],
    },
  } satisfies IServiceMonitor);
}
