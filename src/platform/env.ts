/**
 * Environment variables of a container, built from the shared groups of the reference (§2.1): each
 * group reads the shared ConfigMaps and Secrets of the namespace, so a value changes in one place.
 * `validate` (src/validate/references.ts) proves every key named here exists.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Environment } from '../config/schema.js';

export interface EnvSource {
  readonly vars: readonly k8s.EnvVar[];
  readonly volumes: readonly k8s.Volume[];
  readonly mounts: readonly k8s.VolumeMount[];
}

const KAFKA_SECRETS_DIR = '/mnt/secrets/kafka';

export class Env implements EnvSource {
  private readonly byName = new Map<string, k8s.EnvVar>();
  private readonly volumeList: k8s.Volume[] = [];
  private readonly mountList: k8s.VolumeMount[] = [];

  constructor(private readonly environment: Environment) {}

  get vars(): readonly k8s.EnvVar[] {
    return [...this.byName.values()];
  }

  get volumes(): readonly k8s.Volume[] {
    return this.volumeList;
  }

  get mounts(): readonly k8s.VolumeMount[] {
    return this.mountList;
  }

  /** A later definition of the same name replaces the earlier one in place. */
  private set(variable: k8s.EnvVar): this {
    this.byName.set(variable.name, variable);
    return this;
  }

  literal(name: string, value: string): this {
    return this.set({ name, value });
  }

  configMap(name: string, configMap: string, key: string): this {
    return this.set({ name, valueFrom: { configMapKeyRef: { name: configMap, key } } });
  }

  secret(name: string, secret: string, key: string, options: { optional?: boolean } = {}): this {
    return this.set({ name, valueFrom: { secretKeyRef: { name: secret, key, ...(options.optional ? { optional: true } : {}) } } });
  }

  field(name: string, fieldPath: string): this {
    return this.set({ name, valueFrom: { fieldRef: { fieldPath } } });
  }

  /** COMMON: deployment name, log format, Sentry. */
  common(): this {
    return this.configMap('THOTH_DEPLOYMENT_NAME', 'thoth', 'deployment-name')
      .configMap('THOTH_LOGGING_NO_JSON', 'thoth', 'logging-no-json')
      .secret('SENTRY_DSN', 'thoth', 'sentry-dsn', { optional: true });
  }

  /** KG: the knowledge graph, through pgbouncer. */
  knowledgeGraph(): this {
    return this.configMap('KNOWLEDGE_GRAPH_HOST', 'thoth', 'postgresql-host')
      .configMap('KNOWLEDGE_GRAPH_PORT', 'thoth', 'postgresql-port')
      .literal('KNOWLEDGE_GRAPH_SSL_DISABLED', '1')
      .secret('KNOWLEDGE_GRAPH_USER', 'postgresql', 'database-user')
      .secret('KNOWLEDGE_GRAPH_PASSWORD', 'postgresql', 'database-password')
      .secret('KNOWLEDGE_GRAPH_DATABASE', 'postgresql', 'database-name');
  }

  /** CEPH: the S3 endpoint, bucket and credentials. */
  ceph(options: { publicBucket?: boolean } = {}): this {
    this.configMap('THOTH_S3_ENDPOINT_URL', 'ceph', 'host')
      .configMap('THOTH_CEPH_BUCKET', 'ceph', 'bucket-name')
      .configMap('THOTH_CEPH_BUCKET_PREFIX', 'ceph', 'bucket-prefix')
      .secret('THOTH_CEPH_KEY_ID', 'ceph', 'key-id')
      .secret('THOTH_CEPH_SECRET_KEY', 'ceph', 'secret-key');
    if (options.publicBucket && this.environment.s3.publicBucket !== undefined) {
      this.configMap('THOTH_PUBLIC_CEPH_BUCKET', 'ceph', 'public-bucket-name');
    }
    return this;
  }

  /** KAFKA: the broker; with TLS, the client certificate is mounted from the `kafka` Secret. */
  kafka(): this {
    this.configMap('KAFKA_BOOTSTRAP_SERVERS', 'kafka', 'kafka-bootstrap-servers')
      .configMap('KAFKA_SECURITY_PROTOCOL', 'kafka', 'kafka-security-protocol')
      .configMap('KAFKA_CLIENT_ID', 'kafka', 'kafka-client-id');
    if (this.environment.kafka.securityProtocol.endsWith('SSL')) {
      this.literal('KAFKA_SSL_CA_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_ca.crt`)
        .literal('KAFKA_SSL_CERTIFICATE_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_user.crt`)
        .literal('KAFKA_SSL_KEY_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_user.key`)
        .secret('KAFKA_SSL_KEY_PASSWORD', 'kafka', 'kafka_user.password');
      this.volumeList.push({ name: 'kafka-secrets', secret: { secretName: 'kafka', defaultMode: 0o440 } });
      this.mountList.push({ name: 'kafka-secrets', mountPath: KAFKA_SECRETS_DIR, readOnly: true });
    }
    return this;
  }

  /** PUSH: where jobs push their metrics. */
  pushgateway(): this {
    return this.configMap('PROMETHEUS_PUSHGATEWAY_URL', 'prometheus', 'pushgateway-url')
      .configMap('PROMETHEUS_PUSHGATEWAY_HOST', 'prometheus', 'pushgateway-host')
      .configMap('PROMETHEUS_PUSHGATEWAY_PORT', 'prometheus', 'pushgateway-port');
  }

  /** NS: the namespace of every tier. */
  namespaces(): this {
    return this.configMap('THOTH_FRONTEND_NAMESPACE', 'thoth', 'frontend-namespace')
      .configMap('THOTH_MIDDLETIER_NAMESPACE', 'thoth', 'middletier-namespace')
      .configMap('THOTH_BACKEND_NAMESPACE', 'thoth', 'backend-namespace')
      .configMap('THOTH_INFRA_NAMESPACE', 'thoth', 'infra-namespace')
      .configMap('THOTH_GRAPH_NAMESPACE', 'thoth', 'graph-namespace')
      .configMap('THOTH_AMUN_NAMESPACE', 'thoth', 'amun-namespace')
      .configMap('THOTH_AMUN_INSPECTION_NAMESPACE', 'thoth', 'amun-inspection-namespace');
  }

  /** K8S: the in-cluster API server, with TLS verified. */
  kubernetesApi(): this {
    return this.literal('KUBERNETES_API_URL', 'https://kubernetes.default.svc').literal('KUBERNETES_VERIFY_TLS', '1');
  }

  /** The environment file's `env` values, last, so they replace any default of the same name. */
  overrides(values: Readonly<Record<string, string>> | undefined): this {
    for (const name of Object.keys(values ?? {}).sort()) this.literal(name, values![name]!);
    return this;
  }
}
