/**
 * Thoth's shared groups of environment variables (the reference's §2.1): each reads the shared
 * ConfigMaps and Secrets every tier namespace gets (charts/shared-config.ts), so a value changes in
 * one place, and gives a program only the variables of the group it reads.
 */
import type { ImageContract } from '../../src/contracts/model.js';
import { contractReads, Env, type ContractReads, type ReadBy } from '../../src/platform/env.js';
import type { Environment } from './environment.js';

const KAFKA_SECRETS_DIR = '/mnt/secrets/kafka';

/** The environment of a Thoth program of `contract`, in the mode `path` names (outermost first; defaults where omitted). */
export function thothEnv<C extends ImageContract>(environment: Environment, contract: C, ...path: string[]): ThothEnv<ReadBy<C>> {
  return new ThothEnv<ReadBy<C>>(environment, contractReads(contract, path));
}

/** A container's environment with Thoth's shared groups. */
export class ThothEnv<Name extends string = string> extends Env<Name> {
  /** `read` absent: a program no contract describes, which may be given anything. */
  constructor(
    private readonly environment: Environment,
    read?: ContractReads,
  ) {
    super(read);
  }

  /** COMMON: deployment name, log format, Sentry. */
  common(): this {
    return this.groupConfigMap('THOTH_DEPLOYMENT_NAME', 'thoth', 'deployment-name')
      .groupConfigMap('THOTH_LOGGING_NO_JSON', 'thoth', 'logging-no-json')
      .groupSecret('SENTRY_DSN', 'thoth', 'sentry-dsn', { optional: true });
  }

  /** KG: the knowledge graph, through pgbouncer. */
  knowledgeGraph(): this {
    return this.groupConfigMap('KNOWLEDGE_GRAPH_HOST', 'thoth', 'postgresql-host')
      .groupConfigMap('KNOWLEDGE_GRAPH_PORT', 'thoth', 'postgresql-port')
      .groupLiteral('KNOWLEDGE_GRAPH_SSL_DISABLED', '1')
      .groupSecret('KNOWLEDGE_GRAPH_USER', 'postgresql', 'database-user')
      .groupSecret('KNOWLEDGE_GRAPH_PASSWORD', 'postgresql', 'database-password')
      .groupSecret('KNOWLEDGE_GRAPH_DATABASE', 'postgresql', 'database-name');
  }

  /** CEPH: the S3 endpoint, bucket and credentials. */
  ceph(options: { publicBucket?: boolean } = {}): this {
    this.groupConfigMap('THOTH_S3_ENDPOINT_URL', 'ceph', 'host')
      .groupConfigMap('THOTH_CEPH_BUCKET', 'ceph', 'bucket-name')
      .groupConfigMap('THOTH_CEPH_BUCKET_PREFIX', 'ceph', 'bucket-prefix')
      .groupSecret('THOTH_CEPH_KEY_ID', 'ceph', 'key-id')
      .groupSecret('THOTH_CEPH_SECRET_KEY', 'ceph', 'secret-key');
    if (options.publicBucket && this.environment.s3.publicBucket !== undefined) {
      this.groupConfigMap('THOTH_PUBLIC_CEPH_BUCKET', 'ceph', 'public-bucket-name');
    }
    return this;
  }

  /** KAFKA: the broker; with TLS, the client certificate is mounted from the `kafka` Secret. */
  kafka(): this {
    this.groupConfigMap('KAFKA_BOOTSTRAP_SERVERS', 'kafka', 'kafka-bootstrap-servers')
      .groupConfigMap('KAFKA_SECURITY_PROTOCOL', 'kafka', 'kafka-security-protocol')
      .groupConfigMap('KAFKA_CLIENT_ID', 'kafka', 'kafka-client-id');
    if (this.environment.kafka.securityProtocol.endsWith('SSL') && this.reads('KAFKA_SSL_CA_LOCATION')) {
      this.groupLiteral('KAFKA_SSL_CA_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_ca.crt`)
        .groupLiteral('KAFKA_SSL_CERTIFICATE_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_user.crt`)
        .groupLiteral('KAFKA_SSL_KEY_LOCATION', `${KAFKA_SECRETS_DIR}/kafka_user.key`)
        .groupSecret('KAFKA_SSL_KEY_PASSWORD', 'kafka', 'kafka_user.password');
      this.mount(
        { name: 'kafka-secrets', secret: { secretName: 'kafka', defaultMode: 0o440 } },
        { name: 'kafka-secrets', mountPath: KAFKA_SECRETS_DIR, readOnly: true },
      );
    }
    return this;
  }

  /** PUSH: where jobs push their metrics. */
  pushgateway(): this {
    return this.groupConfigMap('PROMETHEUS_PUSHGATEWAY_URL', 'prometheus', 'pushgateway-url')
      .groupConfigMap('PROMETHEUS_PUSHGATEWAY_HOST', 'prometheus', 'pushgateway-host')
      .groupConfigMap('PROMETHEUS_PUSHGATEWAY_PORT', 'prometheus', 'pushgateway-port');
  }

  /** NS: the namespace of every tier. */
  namespaces(): this {
    return this.groupConfigMap('THOTH_FRONTEND_NAMESPACE', 'thoth', 'frontend-namespace')
      .groupConfigMap('THOTH_MIDDLETIER_NAMESPACE', 'thoth', 'middletier-namespace')
      .groupConfigMap('THOTH_BACKEND_NAMESPACE', 'thoth', 'backend-namespace')
      .groupConfigMap('THOTH_INFRA_NAMESPACE', 'thoth', 'infra-namespace')
      .groupConfigMap('THOTH_GRAPH_NAMESPACE', 'thoth', 'graph-namespace')
      .groupConfigMap('THOTH_AMUN_NAMESPACE', 'thoth', 'amun-namespace')
      .groupConfigMap('THOTH_AMUN_INSPECTION_NAMESPACE', 'thoth', 'amun-inspection-namespace');
  }

  /** K8S: the in-cluster API server, with TLS verified. */
  kubernetesApi(): this {
    return this.groupLiteral('KUBERNETES_API_URL', 'https://kubernetes.default.svc').groupLiteral('KUBERNETES_VERIFY_TLS', '1');
  }
}
