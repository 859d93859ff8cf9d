/**
 * The filestore: the MinIO object store where executions' inputs and outputs live (the chart ran
 * bitnami's MinIO chart standalone as `ryax-minio`, ryax-inventory.md §4). It is a StatefulSet whose
 * data outlives it, reached as `ryax-minio.<namespace>:9000` (the address in `ryax-minio-secret`) and
 * run by upstream's image (../contracts/minio.ts says why that tag). The root user is the services'
 * user, as in the chart. The bucket is made sure of by ./bucket.ts and the metrics are scraped by
 * ./monitoring.ts.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { selectorLabels } from '../../../src/platform/labels.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import { podTemplate, resolveResources, type Resources } from '../../../src/platform/pod.js';
import { httpProbe } from '../../../src/platform/web-service.js';
import { RYAX_MINIO_CONTRACT } from '../contracts/minio.js';
import { priorityClassName } from '../shared/priority.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import type { RyaxServiceProps } from '../shared/service.js';

export const FILESTORE_SERVICE = 'ryax-minio';
/** The S3 API, and MinIO's health and metrics endpoints (minio/minio@RELEASE.2025-09-07T16-13-09Z:cmd/server-main.go#L70 and cmd/globals.go#L65). */
export const FILESTORE_PORT = 9000;
/** The last release image MinIO published (../contracts/minio.ts). */
export const FILESTORE_IMAGE = { repository: 'quay.io/minio/minio', tag: 'RELEASE.2025-09-07T16-13-09Z' } as const;
/** The chart's runAsUser and fsGroup (RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L92-L101); the image runs as any uid. */
export const MINIO_UID = 1200;
/** The chart's persistence.size. */
export const FILESTORE_DEFAULT_STORAGE = '20Gi';
/** The chart's 100m and 1000Mi requested and 1000Mi at most (values.yaml#L103-L108); the CPU limit is ours. */
export const FILESTORE_DEFAULT_RESOURCES: Resources = {
  requests: { cpu: '100m', memory: '1000Mi' },
  limits: { cpu: '1', memory: '1000Mi' },
};
/** The keys of ryax-minio-secret the server's root user is read from: the services' user and password (common-resources' filestore-secret.yaml gives both pairs the same values). */
export const ROOT_CREDENTIAL_KEYS = { user: 'filestore-access', password: 'filestore-secret' } as const;
/** The component label of the Service the services and the ServiceMonitor use (the headless one has its own). */
export const FILESTORE_COMPONENT = 'object-store';

const DATA_DIR = '/data';
const HEALTH = {
  // 503 until the object layer, bucket metadata and IAM are up (cmd/healthcheck-handler.go#L32-L53); /minio/health/ready
  // answers 200 before that (#L133-L135), so it would let requests in that the server refuses.
  ready: '/minio/health/cluster',
  // No call to the drive or to another system (#L189-L191); 503 only when the request queue is full.
  live: '/minio/health/live',
};

export class Filestore extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env, namespace } = props;
    const replicas = props.replicas ?? 1;
    if (replicas > 1) {
      throw new Error(
        `components.filestore.replicas is ${replicas}, but the filestore is one MinIO server on one volume (the chart's standalone mode); a second replica would be a second, empty store: set 0 or 1`,
      );
    }
    const secret = RYAX_SECRETS.filestore.name;
    const selector = selectorLabels(env, FILESTORE_SERVICE);
    const labels = { ...selector, ...objectLabels(FILESTORE_SERVICE, FILESTORE_COMPONENT) };
    const ports = [{ name: PORT_NAMES.s3, port: FILESTORE_PORT, targetPort: k8s.IntOrString.fromString(PORT_NAMES.s3), protocol: 'TCP' }];
    const headless = new k8s.KubeService(this, 'HeadlessService', {
      metadata: { name: `${FILESTORE_SERVICE}-headless`, namespace, labels: { ...selector, ...objectLabels(FILESTORE_SERVICE, 'headless') } },
      spec: { clusterIp: 'None', selector, ports },
    });
    new k8s.KubeService(this, 'Service', { metadata: { name: FILESTORE_SERVICE, namespace, labels }, spec: { selector, ports } });
    const server = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name: FILESTORE_SERVICE, namespace, labels },
      spec: {
        serviceName: `${FILESTORE_SERVICE}-headless`,
        replicas,
        selector: { matchLabels: selector },
        template: podTemplate({
          labels,
          runAsUser: MINIO_UID,
          priorityClassName: priorityClassName(env, 'backbone'),
          containers: [
            {
              name: 'minio',
              image: upstreamImage(FILESTORE_IMAGE.repository, FILESTORE_IMAGE.tag, props),
              // Through the image's entry point, which puts `minio` before `server` (docker-entrypoint.sh#L5-L8).
              args: ['server', DATA_DIR, ...(env.logging.json ? ['--json'] : [])],
              env: Env.for(RYAX_MINIO_CONTRACT, 'server')
                .secret('MINIO_ROOT_USER', secret, ROOT_CREDENTIAL_KEYS.user)
                .secret('MINIO_ROOT_PASSWORD', secret, ROOT_CREDENTIAL_KEYS.password)
                // As bitnami's chart (metrics.prometheusAuthType, bitnami/charts@055477f:bitnami/minio/values.yaml#L1203): Prometheus has no MinIO token, so the metrics paths are served
                // without one (cmd/metrics-router.go#L56-L61); they hold counts and sizes, no object.
                .literal('MINIO_PROMETHEUS_AUTH_TYPE', 'public')
                // No route or Service reaches the Console, which would listen on a random port.
                .literal('MINIO_BROWSER', 'off')
                // Upgrades are image changes: no background check against dl.min.io.
                .literal('MINIO_UPDATE', 'off')
                .overrides(props.variables),
              ports: [{ name: PORT_NAMES.s3, containerPort: FILESTORE_PORT, protocol: 'TCP' }],
              readinessProbe: httpProbe(HEALTH.ready, PORT_NAMES.s3, { initialDelaySeconds: 5, periodSeconds: 10 }),
              livenessProbe: httpProbe(HEALTH.live, PORT_NAMES.s3, { initialDelaySeconds: 30, periodSeconds: 30 }),
              resources: resolveResources(FILESTORE_DEFAULT_RESOURCES, props.resources),
              // MinIO writes only its data directory: $HOME/.minio/certs/CAs is tried and a read-only
              // root is ignored (cmd/config-dir.go#L85-L96), and /tmp (the platform's) only for profiling.
              volumeMounts: [{ name: 'data', mountPath: DATA_DIR }],
            },
          ],
        }),
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: k8s.Quantity.fromString(String(props.storage ?? FILESTORE_DEFAULT_STORAGE)) } },
            },
          },
        ],
        // The executions' inputs and outputs: kept when the StatefulSet is deleted or scaled down.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    });
    server.addDependency(headless);
  }
}
