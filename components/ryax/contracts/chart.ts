/**
 * What the Ryax image contracts of this folder share: the chart they were read from, the forms of the
 * values it gives every service, and the variables several services get from the same Secret.
 *
 * Read at RyaxTech/ryax-engine@9dc81bfd92304c6758a4a8ba033f45b6f691024d (chart `ryax-engine` 26.4.0 and
 * chart `ryax-worker` 26.4.0). The programs' own source (gitlab.com/ryax-tech/ryax/ryax-<service>) is
 * not public: the GitHub snapshot holds the charts but not the service submodules. Every fact here is
 * what the chart sets and what its comments and docs/ say the value means; a form is the shape of the
 * values the chart and its presets (charts/ryax/env/*.yaml, airgap/) give, not a parser read in the
 * program, and `default` is the value the chart renders with its default values for a release named
 * `ryax` (`ryax-worker` for the worker chart), not the program's own default, which is not known.
 */
import { type Form, oneOf, pattern, text, url, type Variable } from '../../../src/contracts/model.js';

export const RYAX_COMMIT = '9dc81bfd92304c6758a4a8ba033f45b6f691024d';
/** The image tag the chart runs (`image.tag` of every service, appVersion 26.4.0). */
export const RYAX_TAG = '26.4.0';
/** A place in the chart repository, `RyaxTech/ryax-engine@9dc81bf:<path>#L<line>`. */
export const engine =
  (path: string) =>
  (line: number): string =>
    `RyaxTech/ryax-engine@9dc81bf:${path}#L${line}`;
/** A place in a subchart of the umbrella chart. */
export const subchart = (service: string, file: string) => engine(`charts/ryax/subcharts/${service}/${file}`);

/**
 * The image's own entry point is not known (its Dockerfile is in the service's private repository):
 * the chart sets no `command` on the service container, so the image's default entry point runs.
 * An empty command stands for it; the commands the chart runs instead are the alternatives.
 */
export const DEFAULT_ENTRYPOINT: readonly string[] = [];

/** The log levels the chart and its presets give (`info` in the subcharts, `warning`, `error`, `debug` in the presets). */
export const ryaxLogLevel = () => oneOf(['debug', 'info', 'warning', 'error']);

export const hostPort = () => pattern('^[A-Za-z0-9.-]+:[0-9]{1,5}$', 'host:port (no scheme), as the chart gives it');
export const hostOptionalPort = () => pattern('^[A-Za-z0-9.-]+(:[0-9]{1,5})?$', 'a registry host with an optional :port (no scheme)');
/** RYAX_AUTHORIZATION_API_BASE_URL: the chart gives host:port without a scheme. */
export const serviceAddress = () =>
  pattern('^(https?://)?[A-Za-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?$', 'host:port (the chart gives ryax-authorization:8080), optionally with http(s):// and a path');
/**
 * The broker Secret's URL. common-resources writes the scheme as "ampq" (sic), and the services run
 * with it, so the program evidently does not check the scheme; "amqp"/"amqps" are what RabbitMQ clients take.
 */
export const brokerUrl = () => url('amqp', 'amqps', 'ampq');
export const postgresUrl = () => url('postgresql');
/** A Fernet key, as the chart's values comment generates it: base64.urlsafe_b64encode(os.urandom(32)). */
export const fernetKey = () => pattern('^[A-Za-z0-9_+/=-]{44}$', 'a Fernet key: 32 bytes in base64 (44 characters)');
export const dnsLabel = () => pattern('^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$', 'a Kubernetes namespace or object name (DNS label)');

/**
 * A switch the chart renders as the empty text (off) or one text (on). The chart's own comment on
 * RYAX_GRPC_API_ENABLED says "Leave empty to disable", which suggests (inference) that the program takes
 * any non-empty text as on, so a text such as "false" would turn it on: only the chart's texts are accepted.
 */
export const chartSwitch = (on: string) => ({ type: 'flag', on: [on], off: [''], otherwise: 'error' }) as const satisfies Form;

// The variables every service gets from the shared Secrets (names in charts/ryax/values.yaml#L33-L44).

const JWT_SECRET = 'Secret api-jwt-secret-key (common-resources, 64 random characters, kept across upgrades with lookup)';
const FILESTORE_SECRET = 'Secret ryax-minio-secret (common-resources)';

export const jwtSecretKey = (source: string) =>
  ({
    form: text(),
    required: true,
    description: `Shared key that signs and checks the users' JWTs, from ${JWT_SECRET}, key jwt-secret-key. Every service that checks tokens must get the same key. Required: inference, the chart always sets it.`,
    source,
  }) as const satisfies Variable;

export const broker = (source: string) =>
  ({
    form: brokerUrl(),
    required: true,
    description:
      'RabbitMQ URL of the broker (asynchronous Protobuf events between services), from Secret ryax-broker-secret, key broker: "ampq://ryaxmq:<password>@ryax-broker.<namespace>:5672/" (common-resources/templates/broker-secrets.yaml#L13; "ampq" sic). Required: inference, the chart always sets it.',
    source,
  }) as const satisfies Variable;

export const datastore = (service: string, source: string) =>
  ({
    form: postgresUrl(),
    required: true,
    description: `PostgreSQL URL of the service's own database, from Secret ryax-datastore-secret, key datastore-${service}: "postgresql://${service}:<password>@ryax-datastore/${service}" (datastore/templates/secrets.yaml#L26; the datastore's pre-upgrade Job creates the user and database). Required: inference, the chart always sets it.`,
    source,
  }) as const satisfies Variable;

/** The four filestore variables (Minio, S3 API), at the lines the chart sets them. */
export const filestore = (lines: { address: string; access: string; secret: string; bucket: string }, bucket: string) =>
  ({
    RYAX_FILESTORE: {
      form: hostPort(),
      required: true,
      description: `Address of the filestore (Minio, S3 API) holding execution I/O, from ${FILESTORE_SECRET}, key filestore: "ryax-minio.<namespace>:9000", host:port without a scheme. Required: inference.`,
      source: lines.address,
    },
    RYAX_FILESTORE_ACCESS_KEY: {
      form: text(),
      required: true,
      description: `S3 access key of the filestore, from ${FILESTORE_SECRET}, key filestore-access (the Minio root user, "ryax"). Required: inference.`,
      source: lines.access,
    },
    RYAX_FILESTORE_SECRET_KEY: {
      form: text(),
      required: true,
      description: `S3 secret key of the filestore, from ${FILESTORE_SECRET}, key filestore-secret (the Minio root password, generated once). Required: inference.`,
      source: lines.secret,
    },
    RYAX_FILESTORE_BUCKET: {
      form: text(),
      default: bucket,
      description: 'Bucket of the filestore the execution I/O is stored in (values filestoreName).',
      source: lines.bucket,
    },
  }) as const satisfies Readonly<Record<string, Variable>>;
