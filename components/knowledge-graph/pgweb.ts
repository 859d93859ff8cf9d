import type { Construct } from 'constructs';
import { PGWEB_CONTRACT } from '../contracts/images/pgweb.js';
import { upstreamImage } from '../../src/platform/images.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { httpProbe, LongRunningService } from '../../src/platform/web-service.js';
import { resolveResources } from '../../src/platform/pod.js';
import { type KnowledgeGraphContext, NOBODY, type ServiceOverrides } from './context.js';
import { thothEnv } from '../shared/env.js';

/** pgweb: a read-only web console on the graph, through pgbouncer. */
export function addPgweb(scope: Construct, { env, namespace }: KnowledgeGraphContext, pgweb: ServiceOverrides): LongRunningService {
  return new LongRunningService(scope, 'Pgweb', {
    env,
    name: 'pgweb',
    namespace,
    role: 'console',
    image: upstreamImage('docker.io/sosedoff/pgweb', '0.15.0', pgweb),
    replicas: pgweb.replicas,
    variables: pgweb.variables,
    runAsUser: NOBODY,
    ports: [{ name: PORT_NAMES.http, containerPort: 8081, servicePort: 80 }],
    readinessProbe: httpProbe('/', PORT_NAMES.http),
    livenessProbe: httpProbe('/', PORT_NAMES.http, { initialDelaySeconds: 30 }),
    resources: resolveResources({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } }, pgweb.resources),
    // The image's entry point binds the address and port already.
    args: ['--readonly'],
    environment: thothEnv(env, PGWEB_CONTRACT)
      .secretToExpand('DATABASE_USER', 'postgresql', 'database-user')
      .secretToExpand('DATABASE_PASSWORD', 'postgresql', 'database-password')
      .secretToExpand('DATABASE_NAME', 'postgresql', 'database-name')
      .literal('PGWEB_DATABASE_URL', `postgres://$(DATABASE_USER):$(DATABASE_PASSWORD)@pgbouncer.${namespace}.svc:5432/$(DATABASE_NAME)?sslmode=disable`),
  });
}
