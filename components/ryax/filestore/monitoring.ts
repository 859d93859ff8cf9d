/**
 * The filestore's ServiceMonitor. MinIO serves its metrics on the S3 port under /minio/v2/metrics/...
 * (minio/minio@RELEASE.2025-09-07T16-13-09Z:cmd/metrics-router.go#L28-L37, L55), not at /metrics on a
 * `metrics` port, which the namespace's ServiceMonitor scrapes (src/platform/service-monitor.ts): so its
 * Service carries no scrape label, and this one scrapes the paths bitnami's chart scrapes
 * (bitnami/charts@055477f:bitnami/minio/values.yaml#L1227-L1229): the cluster's and the node's.
 */
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { LABELS, objectLabels } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { FILESTORE_COMPONENT, FILESTORE_SERVICE } from './index.js';

export const FILESTORE_METRICS_PATHS = ['/minio/v2/metrics/cluster', '/minio/v2/metrics/node'] as const;

/** A ServiceMonitor of `namespace` (the backbone's) for the filestore's Service. */
export function filestoreServiceMonitor(scope: Construct, id: string, env: RyaxEnvironment, namespace: string): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: FILESTORE_SERVICE,
      namespace,
      labels: { ...objectLabels('monitoring', 'service-monitor'), ...env.monitoring.serviceMonitorLabels },
    },
    spec: {
      // Not the headless Service, whose endpoints are the same pod's.
      selector: { matchLabels: { [LABELS.name]: FILESTORE_SERVICE, [LABELS.component]: FILESTORE_COMPONENT } },
      namespaceSelector: { matchNames: [namespace] },
      endpoints: FILESTORE_METRICS_PATHS.map((path) => ({ port: PORT_NAMES.s3, path, scheme: 'http', interval: '30s' })),
    },
  } satisfies IServiceMonitor);
}
