/**
 * The Kafka client settings of every job program, from the environment the manifests give it
 * (src/platform/env.ts), with the reference's variable names (thoth-messages.md §1.3) mapped onto
 * kafkajs. Certificates are read here, once, so a missing file fails at start with its variable named.
 */
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError, type Environment, oneOf, optional, positiveInteger, required } from '../environment.js';

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
const MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

export interface KafkaSettings {
  readonly client: KafkaConfig;
  /** THOTH_DEPLOYMENT_NAME: every topic's prefix; producers and consumers must agree on it. */
  readonly deploymentName: string;
  /** The largest record a producer may send (KAFKA_MESSAGE_MAX_BYTES; the broker's default 1 MB otherwise). */
  readonly maxMessageBytes: number;
}

export type ReadFile = (path: string) => string;

export function kafkaSettings(env: Environment, readFile: ReadFile): KafkaSettings {
  const brokers = required(env, 'KAFKA_BOOTSTRAP_SERVERS', 'a comma-separated list of host:port')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  for (const broker of brokers) {
    if (!/^[^\s:]+:[0-9]+$/.test(broker)) throw new ConfigError('KAFKA_BOOTSTRAP_SERVERS', env.KAFKA_BOOTSTRAP_SERVERS, 'a comma-separated list of host:port');
  }
  // The reference prefixed topics only when the variable was set, and an empty value gave a leading
  // dot; here the prefix is required, so a job can never write to a topic nobody reads.
  const deploymentName = required(env, 'THOTH_DEPLOYMENT_NAME', 'the deployment name every topic starts with');
  const protocol = oneOf(env, 'KAFKA_SECURITY_PROTOCOL', PROTOCOLS, 'PLAINTEXT');
  const client: KafkaConfig = { brokers, clientId: optional(env, 'KAFKA_CLIENT_ID') ?? 'thoth' };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') client.ssl = tlsOptions(env, readFile);
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') client.sasl = saslOptions(env);
  return { client, deploymentName, maxMessageBytes: positiveInteger(env, 'KAFKA_MESSAGE_MAX_BYTES', 1_048_576) };
}

function tlsOptions(env: Environment, readFile: ReadFile): ConnectionOptions {
  const file = (variable: string): string | undefined => {
    const path = optional(env, variable);
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch {
      throw new ConfigError(variable, path, 'the path of a readable file');
    }
  };
  const options: ConnectionOptions = {};
  const ca = file('KAFKA_SSL_CA_LOCATION');
  const cert = file('KAFKA_SSL_CERTIFICATE_LOCATION');
  const key = file('KAFKA_SSL_KEY_LOCATION');
  const passphrase = optional(env, 'KAFKA_SSL_KEY_PASSWORD');
  if (ca !== undefined) options.ca = ca;
  if (cert !== undefined) options.cert = cert;
  if (key !== undefined) options.key = key;
  if (passphrase !== undefined) options.passphrase = passphrase;
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'KAFKA_SSL_CERTIFICATE_LOCATION' : 'KAFKA_SSL_KEY_LOCATION';
    throw new ConfigError(missing, env[missing], 'set together with the other half of the client certificate');
  }
  // librdkafka's "none" turns off host-name checking (the chain is still verified).
  const identification = oneOf(env, 'KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM', ['https', 'none'], 'https');
  if (identification === 'none') options.checkServerIdentity = () => undefined;
  return options;
}

function saslOptions(env: Environment): SASLOptions {
  const mechanism = oneOf(env, 'KAFKA_SASL_MECHANISM', MECHANISMS, 'PLAIN');
  const username = required(env, 'KAFKA_SASL_USERNAME', 'the SASL user name');
  const password = required(env, 'KAFKA_SASL_PASSWORD', 'the SASL password');
  if (mechanism === 'SCRAM-SHA-256') return { mechanism: 'scram-sha-256', username, password };
  if (mechanism === 'SCRAM-SHA-512') return { mechanism: 'scram-sha-512', username, password };
  return { mechanism: 'plain', username, password };
}
