/**
 * The configuration every tier namespace gets, as in the reference's `core` overlays: five shared
 * ConfigMaps with values from the environment, and the shared Secrets, which are never rendered with
 * data: each is an ExternalSecret that names the keys it copies from the environment's secret store.
 * Components read these keys; the reference check proves every key they name exists here.
 */
import { namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../components/shared/environment.js';
import { AMUN_API_SERVICE, KNOWLEDGE_GRAPH_SERVICE, PUSHGATEWAY_SERVICE, USER_API_SERVICE } from '../components/shared/services.js';
import type { Tier } from '../components/shared/tiers.js';

export interface SharedConfigMap {
  readonly name: string;
  readonly description: string;
  readonly data: Readonly<Record<string, string>>;
}

function serviceHost(env: Environment, tier: Tier, service: string): string {
  return `${service}.${namespaceOf(env, tier)}.svc`;
}

/** The shared ConfigMaps of an environment; every tier namespace gets the same ones. */
export function sharedConfigMaps(env: Environment): SharedConfigMap[] {
  const pushgatewayHost = serviceHost(env, 'infra', PUSHGATEWAY_SERVICE.name);
  return [
    {
      name: 'thoth',
      description: 'deployment name, the namespace of every tier and where the knowledge graph answers',
      data: {
        'deployment-name': env.deploymentName,
        'frontend-namespace': namespaceOf(env, 'frontend'),
        'middletier-namespace': namespaceOf(env, 'middletier'),
        'backend-namespace': namespaceOf(env, 'backend'),
        'graph-namespace': namespaceOf(env, 'graph'),
        'infra-namespace': namespaceOf(env, 'infra'),
        'amun-namespace': namespaceOf(env, 'amun-api'),
        'amun-inspection-namespace': namespaceOf(env, 'amun-inspection'),
        'amun-api-url': `http://${serviceHost(env, 'amun-api', AMUN_API_SERVICE.name)}`,
        'user-api-host': serviceHost(env, 'frontend', USER_API_SERVICE.name),
        'postgresql-host': serviceHost(env, 'graph', KNOWLEDGE_GRAPH_SERVICE.name),
        'postgresql-port': String(KNOWLEDGE_GRAPH_SERVICE.port),
        'logging-no-json': env.logging.json ? '0' : '1',
      },
    },
    {
      name: 'kafka',
      description: 'how Kafka clients reach the broker',
      data: {
        'kafka-bootstrap-servers': env.kafka.bootstrapServers,
        'kafka-security-protocol': env.kafka.securityProtocol,
        'kafka-client-id': env.kafka.clientId,
        'kafka-topic-retention-time': String(env.kafka.topicRetentionMs),
      },
    },
    {
      name: 'ceph',
      description: 'the S3 endpoint and buckets documents are kept in',
      data: {
        host: env.s3.endpointUrl,
        'bucket-name': env.s3.bucket,
        'bucket-prefix': env.s3.bucketPrefix,
        ...(env.s3.publicBucket === undefined ? {} : { 'public-bucket-name': env.s3.publicBucket }),
      },
    },
    {
      name: 'prometheus',
      description: 'where reporters query metrics and where jobs push theirs',
      data: {
        'host-url': env.prometheus.queryUrl,
        'pushgateway-host': pushgatewayHost,
        'pushgateway-port': String(PUSHGATEWAY_SERVICE.port),
        'pushgateway-url': `http://${pushgatewayHost}:${PUSHGATEWAY_SERVICE.port}`,
      },
    },
    {
      name: 'solvers',
      description: 'the solvers this environment runs, one per line',
      data: { solvers: env.solvers.map((solver) => `${solver}\n`).join('') },
    },
  ];
}

export interface SharedSecret {
  readonly name: string;
  readonly description: string;
  readonly keys: readonly string[];
  /** The tiers whose namespaces get it. */
  readonly tiers: 'all' | readonly Tier[];
}

/** The shared Secrets and their keys (the reference's, §2.1), copied from the secret store. */
export const SHARED_SECRETS: readonly SharedSecret[] = [
  {
    name: 'thoth',
    description: 'API tokens and the Sentry DSN',
    keys: ['app-secret-key', 'management-api-token', 'sentry-dsn', 'user-api-token'],
    tiers: 'all',
  },
  { name: 'ceph', description: 'S3 credentials', keys: ['key-id', 'secret-key'], tiers: 'all' },
  {
    name: 'kafka',
    description: 'Kafka TLS client certificate',
    keys: ['kafka_ca.crt', 'kafka_user.crt', 'kafka_user.key', 'kafka_user.password'],
    tiers: 'all',
  },
  { name: 'postgresql', description: 'knowledge-graph credentials', keys: ['database-name', 'database-password', 'database-user'], tiers: 'all' },
  { name: 'prometheus-reader', description: 'token for querying Prometheus', keys: ['token'], tiers: 'all' },
  // Every tier runs workflow steps (send-messages at least), and steps pass artifacts through S3.
  {
    name: 'argo-artifact-repository-secrets',
    description: 'S3 credentials of the Argo Workflows artifact repository',
    keys: ['accessKey', 'secretKey'],
    tiers: 'all',
  },
];

/** The shared Secrets a namespace holding `tiers` gets. */
export function sharedSecretsFor(tiers: readonly Tier[]): SharedSecret[] {
  return SHARED_SECRETS.filter((secret) => secret.tiers === 'all' || secret.tiers.some((tier) => tiers.includes(tier)));
}
