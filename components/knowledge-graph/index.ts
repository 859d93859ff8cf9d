import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { isEnabled } from '../../src/config/enabled.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../../src/platform/component.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PGBOUNCER_CONTRACT } from '../../src/contracts/images/pgbouncer.js';
import { POSTGRES_CONTRACT } from '../../src/contracts/images/postgres.js';
import { POSTGRES_EXPORTER_CONTRACT } from '../../src/contracts/images/postgres-exporter.js';
import { PGWEB_CONTRACT } from '../../src/contracts/images/pgweb.js';
import { Env } from '../../src/platform/env.js';
import { selectorLabels } from '../../src/platform/labels.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { PORT_NAMES } from '../../src/platform/network-policies.js';
import { podTemplate, resolveResources } from '../../src/platform/pod.js';
import { KNOWLEDGE_GRAPH_SERVICE } from '../../src/platform/shared-config.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { knowledgeGraphAlerts } from './alerts.js';

export type KnowledgeGraphProps = ComponentProps;

const POSTGRES_USER = 999;
const NOBODY = 65534;

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

/**
 * The knowledge graph: PostgreSQL as a StatefulSet on a persistent volume, pgbouncer in front of it
 * (every client talks to pgbouncer, through the `thoth` ConfigMap's postgresql-host), a
 * postgres-exporter for metrics and, when the environment enables it, the pgweb console.
 *
 * Defaults: postgres:16.4 with a 20Gi volume, 1/2Gi requested and 2/4Gi limits; pgbouncer 1.23.1 in
 * session mode with 200 client connections; postgres-exporter v0.15.0; pgweb off.
 */
export class KnowledgeGraph extends Construct {
  constructor(scope: Construct, id: string, props: KnowledgeGraphProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'graph');
    const settings = env.components.postgresql;
    const selector = selectorLabels(env, 'postgresql');
    const labels = { ...selector, ...objectLabels('postgresql', 'database') };

    const headless = new k8s.KubeService(this, 'HeadlessService', {
      metadata: { name: 'postgresql-headless', namespace, labels },
      spec: {
        clusterIp: 'None',
        selector,
        ports: [{ name: PORT_NAMES.postgresql, port: 5432, targetPort: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }],
      },
    });
    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'postgresql', namespace, labels },
      spec: { selector, ports: [{ name: PORT_NAMES.postgresql, port: 5432, targetPort: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }] },
    });
    const template = podTemplate({
      labels,
      runAsUser: POSTGRES_USER,
      volumes: [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Gi') } }],
      containers: [
        {
          name: 'postgresql',
          image: upstreamImage('docker.io/library/postgres', '16.4', settings),
          env: Env.for(env, POSTGRES_CONTRACT)
            .secret('POSTGRES_USER', 'postgresql', 'database-user')
            .secret('POSTGRES_PASSWORD', 'postgresql', 'database-password')
            .secret('POSTGRES_DB', 'postgresql', 'database-name')
            .literal('PGDATA', '/var/lib/postgresql/data/pgdata'),
          ports: [{ name: PORT_NAMES.postgresql, containerPort: 5432, protocol: 'TCP' }],
          readinessProbe: readyProbe(5),
          livenessProbe: readyProbe(30),
          resources: resolveResources({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } }, settings?.resources),
          writablePaths: ['/var/run/postgresql'],
          // Parallel queries share memory through /dev/shm, which the runtime caps at 64 MiB otherwise.
          volumeMounts: [
            { name: 'data', mountPath: '/var/lib/postgresql/data' },
            { name: 'shm', mountPath: '/dev/shm' },
          ],
        },
      ],
    });
    const statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name: 'postgresql', namespace, labels },
      spec: {
        serviceName: 'postgresql-headless',
        replicas: settings?.replicas ?? 1,
        selector: { matchLabels: selector },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString(String(settings?.storage ?? '20Gi')) } } },
          },
        ],
        // Keep the volume when the StatefulSet is deleted or scaled down: it is the knowledge graph.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    });
    statefulSet.addDependency(headless);
    new AlertRules(this, 'Alerts', { env, component: 'knowledge-graph', namespace: namespaceOf(env, 'infra'), alerts: knowledgeGraphAlerts(env) });

    if (isEnabled(env, 'pgbouncer')) {
      const pgbouncer = env.components.pgbouncer;
      new LongRunningService(this, 'PgBouncer', {
        env,
        name: KNOWLEDGE_GRAPH_SERVICE.name,
        namespace,
        role: 'connection-pooler',
        image: upstreamImage('docker.io/bitnami/pgbouncer', '1.23.1', pgbouncer),
        contract: PGBOUNCER_CONTRACT,
        settings: pgbouncer,
        replicas: 2,
        ports: [{ name: PORT_NAMES.postgresql, containerPort: 6432, servicePort: KNOWLEDGE_GRAPH_SERVICE.port }],
        readinessProbe: { tcpSocket: { port: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }, initialDelaySeconds: 15, periodSeconds: 20 },
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        writablePaths: ['/opt/bitnami/pgbouncer/conf', '/opt/bitnami/pgbouncer/tmp', '/opt/bitnami/pgbouncer/logs'],
        environment: (vars) =>
          vars
            .literal('POSTGRESQL_HOST', `postgresql.${namespace}.svc`)
            .literal('POSTGRESQL_PORT', '5432')
            .secret('POSTGRESQL_USERNAME', 'postgresql', 'database-user')
            .secret('POSTGRESQL_PASSWORD', 'postgresql', 'database-password')
            .secret('PGBOUNCER_DATABASE', 'postgresql', 'database-name')
            // Older versions of the image's script defaulted the backend database to "postgres".
            .secret('POSTGRESQL_DATABASE', 'postgresql', 'database-name')
            .literal('PGBOUNCER_PORT', '6432')
            .literal('PGBOUNCER_POOL_MODE', 'session')
            .literal('PGBOUNCER_MAX_CLIENT_CONN', '200'),
      });
    }

    if (isEnabled(env, 'postgres-exporter')) {
      const exporter = env.components['postgres-exporter'];
      new LongRunningService(this, 'Exporter', {
        env,
        name: 'postgres-metrics-exporter',
        namespace,
        role: 'exporter',
        image: upstreamImage('quay.io/prometheuscommunity/postgres-exporter', 'v0.15.0', exporter),
        contract: POSTGRES_EXPORTER_CONTRACT,
        settings: exporter,
        runAsUser: NOBODY,
        ports: [{ name: PORT_NAMES.metrics, containerPort: 9187 }],
        readinessProbe: httpProbe('/', PORT_NAMES.metrics),
        livenessProbe: httpProbe('/', PORT_NAMES.metrics, { initialDelaySeconds: 30 }),
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
        environment: (vars) =>
          vars
            .secret('DATA_SOURCE_USER', 'postgresql', 'database-user')
            .secret('DATA_SOURCE_PASS', 'postgresql', 'database-password')
            .secretToExpand('DATA_SOURCE_DATABASE', 'postgresql', 'database-name')
            // $(VAR) is expanded by the kubelet from the variables defined above it.
            .literal('DATA_SOURCE_URI', `postgresql.${namespace}.svc:5432/$(DATA_SOURCE_DATABASE)?sslmode=disable`),
      });
    }

    if (isEnabled(env, 'pgweb', false)) {
      const pgweb = env.components.pgweb;
      new LongRunningService(this, 'Pgweb', {
        env,
        name: 'pgweb',
        namespace,
        role: 'console',
        image: upstreamImage('docker.io/sosedoff/pgweb', '0.15.0', pgweb),
        contract: PGWEB_CONTRACT,
        settings: pgweb,
        runAsUser: NOBODY,
        ports: [{ name: PORT_NAMES.http, containerPort: 8081, servicePort: 80 }],
        readinessProbe: httpProbe('/', PORT_NAMES.http),
        livenessProbe: httpProbe('/', PORT_NAMES.http, { initialDelaySeconds: 30 }),
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        // The image's entry point binds the address and port already.
        args: ['--readonly'],
        environment: (vars) =>
          vars
            .secretToExpand('DATABASE_USER', 'postgresql', 'database-user')
            .secretToExpand('DATABASE_PASSWORD', 'postgresql', 'database-password')
            .secretToExpand('DATABASE_NAME', 'postgresql', 'database-name')
            .literal('PGWEB_DATABASE_URL', `postgres://$(DATABASE_USER):$(DATABASE_PASSWORD)@pgbouncer.${namespace}.svc:5432/$(DATABASE_NAME)?sslmode=disable`),
      });
    }
  }
}
