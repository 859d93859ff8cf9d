import { ConfigError } from '../../src/runtime/environment.js';
import { kafkaSettings } from '../../src/runtime/kafka/config.js';

const files: Record<string, string> = { '/mnt/secrets/kafka/ca.crt': 'CA', '/mnt/secrets/kafka/user.crt': 'CERT', '/mnt/secrets/kafka/user.key': 'KEY' };
const readFile = (path: string): string => {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: ${path}`);
  return content;
};
const base = { KAFKA_BOOTSTRAP_SERVERS: 'kafka-0:9092, kafka-1:9092', THOTH_DEPLOYMENT_NAME: 'ocp-prod' };

test('plain connection: brokers, client id, deployment name, default size limit', () => {
  expect(kafkaSettings({ ...base, KAFKA_CLIENT_ID: 'graph-refresh' }, readFile)).toEqual({
    client: { brokers: ['kafka-0:9092', 'kafka-1:9092'], clientId: 'graph-refresh' },
    deploymentName: 'ocp-prod',
    maxMessageBytes: 1_048_576,
  });
});

test('SSL reads the mounted certificate files; "none" turns off host-name checking only', () => {
  const settings = kafkaSettings(
    {
      ...base,
      KAFKA_SECURITY_PROTOCOL: 'ssl',
      KAFKA_SSL_CA_LOCATION: '/mnt/secrets/kafka/ca.crt',
      KAFKA_SSL_CERTIFICATE_LOCATION: '/mnt/secrets/kafka/user.crt',
      KAFKA_SSL_KEY_LOCATION: '/mnt/secrets/kafka/user.key',
      KAFKA_SSL_KEY_PASSWORD: 'secret',
      KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: 'none',
    },
    readFile,
  );
  expect(settings.client.ssl).toMatchObject({ ca: 'CA', cert: 'CERT', key: 'KEY', passphrase: 'secret' });
  expect(settings.client.ssl).toHaveProperty('checkServerIdentity');
  expect(settings.client.sasl).toBeUndefined();
});

test('SASL_SSL with SCRAM maps to kafkajs mechanism names', () => {
  const settings = kafkaSettings(
    { ...base, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'thoth', KAFKA_SASL_PASSWORD: 'pw' },
    readFile,
  );
  expect(settings.client.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'thoth', password: 'pw' });
  expect(settings.client.ssl).toEqual({});
});

test.each([
  [{ KAFKA_BOOTSTRAP_SERVERS: undefined }, 'KAFKA_BOOTSTRAP_SERVERS is not set; expected a comma-separated list of host:port'],
  [{ KAFKA_BOOTSTRAP_SERVERS: 'kafka-0' }, 'KAFKA_BOOTSTRAP_SERVERS="kafka-0" is invalid; expected a comma-separated list of host:port'],
  [{ THOTH_DEPLOYMENT_NAME: '' }, 'THOTH_DEPLOYMENT_NAME="" is invalid; expected the deployment name every topic starts with'],
  [{ KAFKA_SECURITY_PROTOCOL: 'TLS' }, 'KAFKA_SECURITY_PROTOCOL="TLS" is invalid; expected one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL'],
  [
    { KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_LOCATION: '/nowhere.crt' },
    'KAFKA_SSL_CA_LOCATION="/nowhere.crt" is invalid; expected the path of a readable file',
  ],
  [
    { KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERTIFICATE_LOCATION: '/mnt/secrets/kafka/user.crt' },
    'KAFKA_SSL_KEY_LOCATION is not set; expected set together with the other half of the client certificate',
  ],
  [{ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_USERNAME: 'thoth' }, 'KAFKA_SASL_PASSWORD is not set; expected the SASL password'],
  [
    { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_MECHANISM: 'GSSAPI' },
    'KAFKA_SASL_MECHANISM="GSSAPI" is invalid; expected one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512',
  ],
  [{ KAFKA_MESSAGE_MAX_BYTES: '1e6' }, 'KAFKA_MESSAGE_MAX_BYTES="1e6" is invalid; expected a whole number of at least 1'],
])('bad setting %o is named with its value and what is allowed', (override, message) => {
  const attempt = () => kafkaSettings({ ...base, ...override }, readFile);
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(message);
});
