/**
 * Thoth's environment: the keys every platform's environment file has (src/config/schema.ts) and
 * the ones Thoth adds: its deployment name, Kafka, S3, Amun, Argo Workflows, Prometheus and solvers.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Problem } from '../../src/errors.js';
import { Name, Strict, Url, type PlatformEnvironment, type PlatformEnvironmentSpec } from '../../src/config/schema.js';
import type { YamlSource } from '../../src/config/yaml-source.js';
import { JOB_PROGRAMS } from '../../src/images/programs.js';
import type { Tier } from './tiers.js';

export const THOTH_ENVIRONMENT_PROPERTIES = {
  deploymentName: Name('the deployment name: prefix of every Kafka topic and THOTH_DEPLOYMENT_NAME'),
  amun: Strict(
    {
      registry: Type.String({
        pattern: '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+$',
        description: 'the repository Amun pushes inspection images to, such as quay.io/thoth-station/amun-inspections',
      }),
    },
    { description: 'where Amun’s inspection builds go' },
  ),
  argoWorkflows: Strict(
    {
      controller: Type.Union([Type.Literal('namespaced'), Type.Literal('cluster')], {
        description: 'namespaced: a workflow-controller is installed in each namespace that runs workflows; cluster: one installed cluster-wide is used',
      }),
      version: Type.String({ pattern: '^v3\\.[0-9]+\\.[0-9]+$', description: 'the Argo Workflows 3.x release, such as v3.7.18' }),
    },
    { description: 'how Argo Workflows runs in this environment' },
  ),
  kafka: Strict({
    bootstrapServers: Type.String({
      pattern: '^[A-Za-z0-9.-]+:[0-9]+(,[A-Za-z0-9.-]+:[0-9]+)*$',
      description: 'host:port[,host:port...]',
    }),
    securityProtocol: Type.Union(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].map((p) => Type.Literal(p))),
    clientId: Type.String({ minLength: 1 }),
    topicRetentionMs: Type.Integer({
      minimum: 60000,
      description: 'retention of topics a client creates itself, in milliseconds (the KafkaTopics rendered here take theirs from the message catalogue)',
    }),
    brokerNamespace: Type.Optional(Name('the namespace of an in-cluster broker, opened in NetworkPolicies')),
    topics: Type.Optional(
      Strict(
        {
          namespace: Name('the namespace the Strimzi topic operator watches'),
          cluster: Name('the Strimzi Kafka cluster (label strimzi.io/cluster)'),
          partitions: Type.Integer({ minimum: 1, maximum: 100 }),
          replicas: Type.Integer({ minimum: 1, maximum: 7 }),
        },
        { description: 'render one Strimzi KafkaTopic per message type; absent: topics are managed elsewhere' },
      ),
    ),
  }),
  s3: Strict({
    endpointUrl: Url('the S3 endpoint'),
    bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'an S3 bucket name' }),
    bucketPrefix: Type.String({ pattern: '^[A-Za-z0-9_.-]+$' }),
    publicBucket: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
  }),
  prometheus: Strict({
    queryUrl: Url('the Prometheus (or Thanos querier) URL reporters read from'),
  }),
  solvers: Type.Array(Type.String({ pattern: '^solver-[a-z0-9]+(-[0-9]+)?-py[0-9]{2,3}$', description: 'a solver name such as solver-rhel-8-py38' }), {
    minItems: 1,
    uniqueItems: true,
  }),
};

const ThothSettings = Strict(THOTH_ENVIRONMENT_PROPERTIES);

/** A Thoth environment file's content, after validation. */
export type EnvironmentSpec = PlatformEnvironmentSpec<Tier> & Static<typeof ThothSettings>;

/** A validated Thoth environment: its name comes from its file name. */
export type Environment = PlatformEnvironment<Tier> & Static<typeof ThothSettings>;

/** The ports of the Kafka bootstrap servers, sorted and unique. */
export function kafkaPorts(env: Environment): number[] {
  const ports = env.kafka.bootstrapServers.split(',').map((server) => Number(server.slice(server.lastIndexOf(':') + 1)));
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** Namespaces Thoth's environment gives to others: its tiers may not take them. */
export function thothReservedNamespaces(spec: EnvironmentSpec): [string, string][] {
  return [
    ...(spec.kafka.brokerNamespace === undefined ? [] : [[spec.kafka.brokerNamespace, 'the Kafka broker (kafka.brokerNamespace)'] as [string, string]]),
    ...(spec.kafka.topics === undefined ? [] : [[spec.kafka.topics.namespace, 'the Kafka topic operator (kafka.topics.namespace)'] as [string, string]]),
  ];
}

/** Rules across Thoth's keys that its JSON Schema cannot say. */
export function thothEnvironmentProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  return [...kafkaServerProblems(source, spec), ...databaseProblems(source, spec), ...backupClientProblems(source, spec)];
}

function kafkaServerProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  return spec.kafka.bootstrapServers.split(',').flatMap((server) => {
    const port = Number(server.slice(server.lastIndexOf(':') + 1));
    return port < 1 || port > 65535 ? [source.problemFor(['kafka', 'bootstrapServers'], `port ${port} of ${server} is outside 1-65535`)] : [];
  });
}

/** graph-backup's image carries pg_dump of one major version, which refuses a newer server: every backup would fail. */
function backupClientProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const tag = (spec.components.postgresql as { imageTag?: string } | undefined)?.imageTag;
  const server = Number(/^(\d+)/.exec(tag ?? '')?.[1]);
  const client = Number(JOB_PROGRAMS.find((program) => program.image === 'graph-backup-job')?.postgresClient);
  if (!(server > client) || (spec.components['graph-backup'] as { enabled?: boolean } | undefined)?.enabled === false) return [];
  return [
    source.problemFor(
      ['components', 'postgresql', 'imageTag'],
      `PostgreSQL ${server} is newer than the pg_dump ${client} of graph-backup's image, which refuses to dump it; raise postgresClient of graph-backup-job in src/images/programs.ts with it`,
    ),
  ];
}

/** The knowledge graph is one PostgreSQL server: a second replica would be a second, empty database. */
function databaseProblems(source: YamlSource, spec: EnvironmentSpec): Problem[] {
  const replicas = spec.components.postgresql?.replicas;
  if (replicas === undefined || replicas <= 1) return [];
  return [
    source.problemFor(
      ['components', 'postgresql', 'replicas'],
      `got ${replicas}; the knowledge graph runs 0 or 1 replica (more would be separate databases behind one Service)`,
    ),
  ];
}
