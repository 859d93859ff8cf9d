/**
 * The Kafka client settings of every job program, from the environment the manifests give it
 * (src/platform/env.ts), with the reference's variable names (thoth-messages.md §1.3) mapped onto
 * kafkajs. Certificates are read here, once, so a missing file fails at start with its variable named.
 */
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import { integer, oneOf, pattern, readPath, text } from '../../contracts/model.js';
import { readSetting } from '../../contracts/settings.js';
import { ConfigError, type Environment } from '../environment.js';

const SOURCE = 'src/runtime/kafka/config.ts';
const BROKERS = pattern('[^\\s:,]+:[0-9]+(\\s*,\\s*[^\\s:,]+:[0-9]+)*', 'a comma-separated list of host:port');

/** What every program that produces or consumes reads, with the reference's names. */
export const KAFKA_SETTINGS = {
  KAFKA_BOOTSTRAP_SERVERS: { form: BROKERS, required: true, description: 'a comma-separated list of host:port', source: SOURCE },
  // Required, so a job can never write to a topic nobody reads (docs/quirks.md Q5).
  THOTH_DEPLOYMENT_NAME: { form: text(), required: true, description: 'the deployment name every topic starts with', source: SOURCE },
  KAFKA_CLIENT_ID: { form: text(), default: 'thoth', description: 'the client id the brokers log', source: SOURCE },
  KAFKA_SECURITY_PROTOCOL: {
    form: oneOf(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'], { caseInsensitive: true }),
    default: 'PLAINTEXT',
    description: 'how to reach the brokers',
    source: SOURCE,
  },
  KAFKA_MESSAGE_MAX_BYTES: { form: integer({ min: 1 }), default: '1048576', description: 'the largest record a producer may send', source: SOURCE },
  KAFKA_SSL_CA_LOCATION: { form: readPath(), description: 'the CA bundle that signs the brokers (SSL)', source: SOURCE },
  KAFKA_SSL_CERTIFICATE_LOCATION: { form: readPath(), description: 'the client certificate (SSL), with KAFKA_SSL_KEY_LOCATION', source: SOURCE },
  KAFKA_SSL_KEY_LOCATION: { form: readPath(), description: "the client certificate's key (SSL)", source: SOURCE },
  KAFKA_SSL_KEY_PASSWORD: { form: text(), description: "the key's passphrase", source: SOURCE },
  KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: {
    form: oneOf(['https', 'none'], { caseInsensitive: true }),
    default: 'https',
    description: 'none turns off host-name checking (the chain is still verified)',
    source: SOURCE,
  },
  KAFKA_SASL_MECHANISM: {
    form: oneOf(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], { caseInsensitive: true }),
    default: 'PLAIN',
    description: 'the SASL mechanism (SASL_*)',
    source: SOURCE,
  },
  KAFKA_SASL_USERNAME: { form: text(), description: 'the SASL user name (required with SASL_*)', source: SOURCE },
  KAFKA_SASL_PASSWORD: { form: text(), description: 'the SASL password (required with SASL_*)', source: SOURCE },
} as const;

const setting = <K extends keyof typeof KAFKA_SETTINGS>(env: Environment, name: K) => readSetting(env, KAFKA_SETTINGS, name);

export interface KafkaSettings {
  readonly client: KafkaConfig;
  /** THOTH_DEPLOYMENT_NAME: every topic's prefix; producers and consumers must agree on it. */
  readonly deploymentName: string;
  /** The largest record a producer may send (KAFKA_MESSAGE_MAX_BYTES; the broker's default 1 MB otherwise). */
  readonly maxMessageBytes: number;
}

export type ReadFile = (path: string) => string;

export function kafkaSettings(env: Environment, readFile: ReadFile): KafkaSettings {
  const brokers = setting(env, 'KAFKA_BOOTSTRAP_SERVERS')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const deploymentName = setting(env, 'THOTH_DEPLOYMENT_NAME');
  const protocol = setting(env, 'KAFKA_SECURITY_PROTOCOL');
  const client: KafkaConfig = { brokers, clientId: setting(env, 'KAFKA_CLIENT_ID') };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') client.ssl = tlsOptions(env, readFile);
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') client.sasl = saslOptions(env);
  return { client, deploymentName, maxMessageBytes: setting(env, 'KAFKA_MESSAGE_MAX_BYTES') };
}

function tlsOptions(env: Environment, readFile: ReadFile): ConnectionOptions {
  const file = (variable: 'KAFKA_SSL_CA_LOCATION' | 'KAFKA_SSL_CERTIFICATE_LOCATION' | 'KAFKA_SSL_KEY_LOCATION'): string | undefined => {
    const path = setting(env, variable);
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
  const passphrase = setting(env, 'KAFKA_SSL_KEY_PASSWORD');
  if (ca !== undefined) options.ca = ca;
  if (cert !== undefined) options.cert = cert;
  if (key !== undefined) options.key = key;
  if (passphrase !== undefined) options.passphrase = passphrase;
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'KAFKA_SSL_CERTIFICATE_LOCATION' : 'KAFKA_SSL_KEY_LOCATION';
    throw new ConfigError(missing, env[missing], 'set together with the other half of the client certificate');
  }
  // librdkafka's "none" turns off host-name checking (the chain is still verified).
  const identification = setting(env, 'KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM');
  if (identification === 'none') options.checkServerIdentity = () => undefined;
  return options;
}

function saslOptions(env: Environment): SASLOptions {
  const mechanism = setting(env, 'KAFKA_SASL_MECHANISM');
  const username = setting(env, 'KAFKA_SASL_USERNAME');
  const password = setting(env, 'KAFKA_SASL_PASSWORD');
  if (username === undefined) throw new ConfigError('KAFKA_SASL_USERNAME', env.KAFKA_SASL_USERNAME, 'the SASL user name');
  if (password === undefined) throw new ConfigError('KAFKA_SASL_PASSWORD', env.KAFKA_SASL_PASSWORD, 'the SASL password');
  if (mechanism === 'SCRAM-SHA-256') return { mechanism: 'scram-sha-256', username, password };
  if (mechanism === 'SCRAM-SHA-512') return { mechanism: 'scram-sha-512', username, password };
  return { mechanism: 'plain', username, password };
}
