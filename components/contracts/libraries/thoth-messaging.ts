/**
 * What thoth-messaging reads from the environment, for the images that produce or consume Kafka messages.
 *
 * Read at thoth-station/messaging@v0.16.2 (pinned by metrics-exporter v0.21.4 and reporter v0.11.3).
 * `kafka_config_from_env()` maps each KAFKA_* variable that is set and non-empty to a librdkafka
 * (confluent-kafka) setting; unset or empty variables are left out, so librdkafka's defaults apply.
 * Integer settings go through int() (a non-integer raises ValueError when the producer or consumer is
 * created); switches are on unless the text is "false" in any case.
 */
import { integer, number, pattern, readPath, text, type Form, type Variables } from '../../../src/contracts/model.js';

const MESSAGING = 'thoth-station/messaging@v0.16.2';

/** `value.title() != "False"`: only "false" (any case) is off; every other non-empty text is on. */
const titleFalseFlag = (): Form => ({
  type: 'flag',
  on: ['true', '1', 'yes', 'on'],
  off: ['false', ''],
  otherwise: 'error',
  caseInsensitive: true,
});

export const THOTH_MESSAGING_KAFKA = {
  KAFKA_BOOTSTRAP_SERVERS: {
    form: pattern('^[^,:\\s]+:[0-9]+(,[^,:\\s]+:[0-9]+)*$', 'comma-separated host:port list'),
    required: true,
    description: 'bootstrap.servers: the Kafka brokers. Without it librdkafka has no broker to connect to and no message is sent or received.',
    source: `${MESSAGING}:thoth/messaging/config.py#L27`,
  },
  KAFKA_CLIENT_ID: {
    form: text(),
    description: 'client.id.',
    source: `${MESSAGING}:thoth/messaging/config.py#L28`,
  },
  KAFKA_MESSAGE_MAX_BYTES: {
    form: integer({ min: 1 }),
    description: 'message.max.bytes; int().',
    source: `${MESSAGING}:thoth/messaging/config.py#L29`,
  },
  KAFKA_RECEIVE_MESSAGE_MAX_BYTES: {
    form: integer({ min: 1 }),
    description: 'receive.message.max.bytes; int().',
    source: `${MESSAGING}:thoth/messaging/config.py#L30`,
  },
  KAFKA_SECURITY_PROTOCOL: {
    form: pattern('^(plaintext|ssl|sasl_plaintext|sasl_ssl|PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)$', 'plaintext, ssl, sasl_plaintext or sasl_ssl'),
    description: 'security.protocol (librdkafka takes plaintext, ssl, sasl_plaintext, sasl_ssl).',
    source: `${MESSAGING}:thoth/messaging/config.py#L31`,
  },
  KAFKA_SSL_CERTIFICATE_LOCATION: {
    form: readPath(),
    description: 'ssl.certificate.location: client certificate file.',
    source: `${MESSAGING}:thoth/messaging/config.py#L32`,
  },
  KAFKA_SSL_CA_LOCATION: {
    form: readPath(),
    description: 'ssl.ca.location: CA certificate file (or directory) used to verify the brokers.',
    source: `${MESSAGING}:thoth/messaging/config.py#L33`,
  },
  KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: {
    form: pattern('^(none|https)$', 'none or https'),
    description: 'ssl.endpoint.identification.algorithm (none or https).',
    source: `${MESSAGING}:thoth/messaging/config.py#L34`,
  },
  KAFKA_SSL_KEY_LOCATION: {
    form: readPath(),
    description: 'ssl.key.location: client private key file.',
    source: `${MESSAGING}:thoth/messaging/config.py#L35`,
  },
  KAFKA_SSL_KEY_PASSWORD: {
    form: text(),
    description: 'ssl.key.password.',
    source: `${MESSAGING}:thoth/messaging/config.py#L36`,
  },
  KAFKA_SASL_MECHANISM: {
    form: pattern('^(GSSAPI|PLAIN|SCRAM-SHA-256|SCRAM-SHA-512|OAUTHBEARER)$', 'a SASL mechanism'),
    description: 'sasl.mechanism.',
    source: `${MESSAGING}:thoth/messaging/config.py#L37`,
  },
  KAFKA_SASL_USERNAME: {
    form: text(),
    description: 'sasl.username.',
    source: `${MESSAGING}:thoth/messaging/config.py#L38`,
  },
  KAFKA_SASL_PASSWORD: {
    form: text(),
    description: 'sasl.password.',
    source: `${MESSAGING}:thoth/messaging/config.py#L39`,
  },
  KAFKA_CONSUMER_GROUP_ID: {
    form: text(),
    description: 'group.id: consumer group (librdkafka requires it for a subscribing consumer; ignored by producers).',
    source: `${MESSAGING}:thoth/messaging/config.py#L40`,
  },
  KAFKA_CONSUMER_GROUP_INSTANCE_ID: {
    form: text(),
    description: 'group.instance.id: static group membership.',
    source: `${MESSAGING}:thoth/messaging/config.py#L41`,
  },
  KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: {
    form: number({ min: 1 }),
    description: 'max.poll.interval.ms; float().',
    source: `${MESSAGING}:thoth/messaging/config.py#L42`,
  },
  KAFKA_CONSUMER_ENABLE_AUTO_COMMIT: {
    form: titleFalseFlag(),
    description: 'enable.auto.commit: only "false" (any case) turns it off; any other non-empty text, "0" and "no" included, turns it on.',
    source: `${MESSAGING}:thoth/messaging/config.py#L43`,
  },
  KAFKA_CONSUMER_AUTO_OFFSET_RESET: {
    form: pattern('^(smallest|earliest|beginning|largest|latest|end|error)$', 'a librdkafka auto.offset.reset value'),
    description: 'auto.offset.reset.',
    source: `${MESSAGING}:thoth/messaging/config.py#L44`,
  },
  KAFKA_TOPIC_PRODUCER_COMPRESSION_TYPE: {
    form: pattern('^(none|gzip|snappy|lz4|zstd|inherit)$', 'a compression codec'),
    description: 'Topic compression.type (topic_config_from_env).',
    source: `${MESSAGING}:thoth/messaging/config.py#L48`,
  },
  KAFKA_TOPIC_PRODUCER_COMPRESSION_LEVEL: {
    form: integer({ min: -1, max: 12 }),
    description: 'Topic compression.level; int().',
    source: `${MESSAGING}:thoth/messaging/config.py#L49`,
  },
  KAFKA_TOPIC_CONSUMER_ENABLE_AUTO_COMMIT: {
    form: titleFalseFlag(),
    description: 'Topic enable.auto.commit: only "false" (any case) is off.',
    source: `${MESSAGING}:thoth/messaging/config.py#L50`,
  },
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    description:
      'Prefix of every topic name (<deployment>.<base topic>, e.g. <deployment>.thoth.advise-reporter.advise-justification); unset means the bare base name.',
    source: `${MESSAGING}:thoth/messaging/message_base.py#L55`,
  },
} as const satisfies Variables;
