/**
 * The datastore: the PostgreSQL every Ryax service with data keeps its own database in (the chart's
 * `datastore` subchart, ryax-inventory.md §4), and its Prometheus exporter. A StatefulSet whose data
 * outlives it, where the chart ran a Deployment on a claim; reached as `ryax-datastore:5432`, the
 * host of every service's URL in `ryax-datastore-secret`.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { selectorLabels } from '../../../src/platform/labels.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import { podTemplate, resolveResources } from '../../../src/platform/pod.js';
import { httpProbe, LongRunningService } from '../../../src/platform/web-service.js';
import { RYAX_POSTGRES_EXPORTER_CONTRACT } from '../contracts/postgres-exporter.js';
import { RYAX_POSTGRES_CONTRACT } from '../contracts/postgres.js';
import { priorityClassName } from '../shared/priority.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import type { ServiceComponentProps } from '../../../src/config/service-catalogue.js';
import type { PlatformEnvironment } from '../../../src/config/schema.js';

export const DATASTORE_SERVICE = 'ryax-datastore';
/** The chart's major version, pinned to the release its contract was read at. */
export const DATASTORE_IMAGE = { repository: 'docker.io/library/postgres', tag: '18.3' } as const;
/** The image's postgres user. */
export const POSTGRES_UID = 999;
const EXPORTER_IMAGE = { repository: 'quay.io/prometheuscommunity/postgres-exporter', tag: 'v0.18.1' } as const;
/** Under the volume's mount: PostgreSQL 18's image refuses a mount at /var/lib/postgresql/data with its default PGDATA. */
const PGDATA = '/var/lib/postgresql/data/pgdata';

/** pg_isready as the superuser: a role that does not exist would read as ready too, and log a failed login every probe. */
function readyProbe(initialDelaySeconds: number): k8s.Probe {
  return {
    exec: { command: ['sh', '-c', 'exec pg_isready -U "$POSTGRES_USER" -h 127.0.0.1'] },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 6,
  };
}

/** An engine's or a site's environment (each keeps its databases in its own datastore), its namespace, and its settings of it. */
export type DatastoreProps = ServiceComponentProps<PlatformEnvironment>;

export class Datastore extends Construct {
  constructor(scope: Construct, id: string, props: DatastoreProps) {
    super(scope, id);
    const { env, namespace } = props;
    const secret = RYAX_SECRETS.datastore.name;
    const selector = selectorLabels(env, DATASTORE_SERVICE);
    const labels = { ...selector, ...objectLabels(DATASTORE_SERVICE, 'database') };
    const ports = () => [{ name: PORT_NAMES.postgresql, port: 5432, targetPort: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }];
    const headless = new k8s.KubeService(this, 'HeadlessService', {
      metadata: { name: `${DATASTORE_SERVICE}-headless`, namespace, labels },
      spec: { clusterIp: 'None', selector, ports: ports() },
    });
    new k8s.KubeService(this, 'Service', { metadata: { name: DATASTORE_SERVICE, namespace, labels }, spec: { selector, ports: ports() } });
    const database = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name: DATASTORE_SERVICE, namespace, labels },
      spec: {
        serviceName: `${DATASTORE_SERVICE}-headless`,
        replicas: 1,
        selector: { matchLabels: selector },
        template: podTemplate({
          labels,
          runAsUser: POSTGRES_UID,
          priorityClassName: priorityClassName(env, 'backbone'),
          volumes: [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('256Mi') } }],
          containers: [
            {
              name: 'postgresql',
              image: upstreamImage(DATASTORE_IMAGE.repository, DATASTORE_IMAGE.tag, props),
              env: Env.for(RYAX_POSTGRES_CONTRACT, 'server')
                .secret('POSTGRES_USER', secret, 'datastore-user')
                .secret('POSTGRES_PASSWORD', secret, 'datastore-pass')
                .secret('POSTGRES_DB', secret, 'datastore-db')
                .literal('PGDATA', PGDATA)
                .overrides(props.variables),
              ports: [{ name: PORT_NAMES.postgresql, containerPort: 5432, protocol: 'TCP' }],
              readinessProbe: readyProbe(5),
              livenessProbe: readyProbe(30),
              // The chart's: 100m and 500Mi requested, 1000Mi at most.
              resources: resolveResources({ requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }, props.resources),
              writablePaths: ['/var/run/postgresql'],
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/postgresql/data' },
                { name: 'shm', mountPath: '/dev/shm' },
              ],
            },
          ],
        }),
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString(String(props.storage ?? '2Gi')) } } },
          },
        ],
        // The services' data: kept when the StatefulSet is deleted or scaled down.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    });
    database.addDependency(headless);
    new LongRunningService(this, 'Exporter', {
      env,
      name: `${DATASTORE_SERVICE}-exporter`,
      namespace,
      role: 'exporter',
      image: upstreamImage(EXPORTER_IMAGE.repository, EXPORTER_IMAGE.tag),
      environment: Env.for(RYAX_POSTGRES_EXPORTER_CONTRACT)
        .literal('DATA_SOURCE_URI', `${DATASTORE_SERVICE}:5432/postgres?sslmode=disable`)
        .secret('DATA_SOURCE_USER', secret, 'datastore-user')
        .secret('DATA_SOURCE_PASS', secret, 'datastore-pass'),
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
      ports: [{ name: PORT_NAMES.metrics, containerPort: 9187 }],
      readinessProbe: httpProbe('/', PORT_NAMES.metrics),
      livenessProbe: httpProbe('/', PORT_NAMES.metrics, { initialDelaySeconds: 30, periodSeconds: 30 }),
      // The image's nobody.
      runAsUser: 65534,
      priorityClassName: priorityClassName(env, 'monitoring'),
    });
  }
}
