import type { Construct } from 'constructs';
import { POSTGRES_EXPORTER_CONTRACT } from '../contracts/images/postgres-exporter.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { resolveResources } from '../../src/platform/pod.js';
import { type KnowledgeGraphContext, NOBODY, type ServiceOverrides } from './context.js';
import { thothEnv } from '../shared/env.js';

/** postgres-exporter: the database's metrics, read straight from PostgreSQL. */
export function addPostgresExporter(scope: Construct, { env, namespace }: KnowledgeGraphContext, exporter: ServiceOverrides): LongRunningService {
  return new LongRunningService(scope, 'Exporter', {
    env,
    name: 'postgres-metrics-exporter',
    namespace,
    role: 'exporter',
    image: upstreamImage('quay.io/prometheuscommunity/postgres-exporter', 'v0.15.0', exporter),
    replicas: exporter.replicas,
    variables: exporter.variables,
    runAsUser: NOBODY,
    ports: [{ name: PORT_NAMES.metrics, containerPort: 9187 }],
    readinessProbe: httpProbe('/', PORT_NAMES.metrics),
    livenessProbe: httpProbe('/', PORT_NAMES.metrics, { initialDelaySeconds: 30 }),
    resources: resolveResources({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } }, exporter.resources),
    environment: thothEnv(env, POSTGRES_EXPORTER_CONTRACT)
      .secret('DATA_SOURCE_USER', 'postgresql', 'database-user')
      .secret('DATA_SOURCE_PASS', 'postgresql', 'database-password')
      .secretToExpand('DATA_SOURCE_DATABASE', 'postgresql', 'database-name')
      // $(VAR) is expanded by the kubelet from the variables defined above it.
      .literal('DATA_SOURCE_URI', `postgresql.${namespace}.svc:5432/$(DATA_SOURCE_DATABASE)?sslmode=disable`),
  });
}
