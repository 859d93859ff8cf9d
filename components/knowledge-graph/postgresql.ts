import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { POSTGRES_CONTRACT } from '../contracts/images/postgres.js';
import { upstreamImage } from '../../src/platform/images.js';
import { selectorLabels } from '../../src/platform/labels.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { podTemplate, resolveResources } from '../../src/platform/pod.js';
import type { KnowledgeGraphContext, ServiceOverrides } from './context.js';
import { thothEnv } from '../shared/env.js';

const POSTGRES_USER = 999;

/** The database's pods: what the StatefulSet selects them by, the labels its objects carry, and its settings. */
interface DatabaseContext extends KnowledgeGraphContext {
  readonly settings: ServiceOverrides;
  readonly selector: Record<string, string>;
  readonly labels: Record<string, string>;
}

/**
 * pg_isready as the database's own user: asked as a role that does not exist, it answers "ready" all
 * the same, and the server logs a failed login every probe.
 */
function readyProbe(initialDelaySeconds: number): k8s.Probe {
  return {
    exec: { command: ['sh', '-c', 'exec pg_isready -U "$POSTGRES_USER" -h 127.0.0.1'] },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 6,
  };
}

/** PostgreSQL: its headless and client Services, and the StatefulSet that keeps the graph on a volume. */
export function addPostgresql(scope: Construct, context: KnowledgeGraphContext, settings: ServiceOverrides): void {
  const selector = selectorLabels(context.env, 'postgresql');
  const database: DatabaseContext = { ...context, settings, selector, labels: { ...selector, ...objectLabels('postgresql', 'database') } };
  const headless = addPostgresqlServices(scope, database);
  addPostgresqlStatefulSet(scope, database).addDependency(headless);
}

/** The headless Service the StatefulSet names its pods under, and the Service clients connect to; returns the headless one. */
function addPostgresqlServices(scope: Construct, { namespace, selector, labels }: DatabaseContext): k8s.KubeService {
  const ports = () => [{ name: PORT_NAMES.postgresql, port: 5432, targetPort: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }];
  const headless = new k8s.KubeService(scope, 'HeadlessService', {
    metadata: { name: 'postgresql-headless', namespace, labels },
    spec: { clusterIp: 'None', selector, ports: ports() },
  });
  new k8s.KubeService(scope, 'Service', { metadata: { name: 'postgresql', namespace, labels }, spec: { selector, ports: ports() } });
  return headless;
}

/** The StatefulSet that runs PostgreSQL, with its data on a claimed volume that outlives it. */
function addPostgresqlStatefulSet(scope: Construct, database: DatabaseContext): k8s.KubeStatefulSet {
  const { namespace, selector, labels, settings } = database;
  return new k8s.KubeStatefulSet(scope, 'StatefulSet', {
    metadata: { name: 'postgresql', namespace, labels },
    spec: {
      serviceName: 'postgresql-headless',
      replicas: settings.replicas ?? 1,
      selector: { matchLabels: selector },
      template: postgresqlPodTemplate(database),
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', labels },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString(String(settings.storage ?? '20Gi')) } } },
        },
      ],
      // Keep the volume when the StatefulSet is deleted or scaled down: it is the knowledge graph.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
  });
}

/** The database pod: the postgres container, its data volume and a memory-backed /dev/shm. */
function postgresqlPodTemplate({ env, labels, settings }: DatabaseContext): k8s.PodTemplateSpec {
  return podTemplate({
    labels,
    runAsUser: POSTGRES_USER,
    volumes: [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Gi') } }],
    containers: [
      {
        name: 'postgresql',
        image: upstreamImage('docker.io/library/postgres', '16.4', settings),
        env: thothEnv(env, POSTGRES_CONTRACT)
          .secret('POSTGRES_USER', 'postgresql', 'database-user')
          .secret('POSTGRES_PASSWORD', 'postgresql', 'database-password')
          .secret('POSTGRES_DB', 'postgresql', 'database-name')
          .literal('PGDATA', '/var/lib/postgresql/data/pgdata')
          .overrides(settings.variables),
        ports: [{ name: PORT_NAMES.postgresql, containerPort: 5432, protocol: 'TCP' }],
        readinessProbe: readyProbe(5),
        livenessProbe: readyProbe(30),
        resources: resolveResources({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } }, settings.resources),
        writablePaths: ['/var/run/postgresql'],
        // Parallel queries share memory through /dev/shm, which the runtime caps at 64 MiB otherwise.
        volumeMounts: [
          { name: 'data', mountPath: '/var/lib/postgresql/data' },
          { name: 'shm', mountPath: '/dev/shm' },
        ],
      },
    ],
  });
}
