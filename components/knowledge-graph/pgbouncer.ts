import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { PGBOUNCER_CONTRACT } from '../contracts/images/pgbouncer.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { KNOWLEDGE_GRAPH_SERVICE } from '../shared/services.js';
import { LongRunningService } from '../../src/platform/web-service.js';
import { resolveResources } from '../../src/platform/pod.js';
import type { KnowledgeGraphContext, ServiceOverrides } from './context.js';
import { thothEnv } from '../shared/env.js';

/** pgbouncer in session mode in front of PostgreSQL: the Service every client of the graph talks to. */
export function addPgBouncer(scope: Construct, { env, namespace }: KnowledgeGraphContext, pgbouncer: ServiceOverrides): LongRunningService {
  return new LongRunningService(scope, 'PgBouncer', {
    env,
    name: KNOWLEDGE_GRAPH_SERVICE.name,
    namespace,
    role: 'connection-pooler',
    image: upstreamImage('docker.io/bitnami/pgbouncer', '1.23.1', pgbouncer),
    replicas: pgbouncer.replicas ?? 2,
    variables: pgbouncer.variables,
    ports: [{ name: PORT_NAMES.postgresql, containerPort: 6432, servicePort: KNOWLEDGE_GRAPH_SERVICE.port }],
    readinessProbe: { tcpSocket: { port: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }, periodSeconds: 10 },
    livenessProbe: { tcpSocket: { port: k8s.IntOrString.fromString(PORT_NAMES.postgresql) }, initialDelaySeconds: 15, periodSeconds: 20 },
    resources: resolveResources({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } }, pgbouncer.resources),
    writablePaths: ['/opt/bitnami/pgbouncer/conf', '/opt/bitnami/pgbouncer/tmp', '/opt/bitnami/pgbouncer/logs'],
    environment: thothEnv(env, PGBOUNCER_CONTRACT)
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
