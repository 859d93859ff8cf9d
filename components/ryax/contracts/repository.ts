/**
 * docker.io/ryaxtech/repository: the Ryax Repository service. Users register Git repositories, it scans
 * them for Ryax actions, detects some action errors and orders builds from the Action Builder; built
 * actions go to Studio's action store (docs/docs/reference/architecture.md#L201-L216). HTTP REST API
 * for the WebUI and the CLI, state in PostgreSQL.
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart
 * charts/ryax/subcharts/repository. The program's own source (gitlab.com/ryax-tech/ryax/ryax-repository)
 * is not public: this contract records the variables the chart sets and what the chart, its values
 * comments and docs/ say they mean, not a reading of the program. `default` is the value the chart
 * renders with its default values.
 *
 * The pod runs the image twice: the init container `<fullname>-database-migration` runs
 * `ryax-repository-update-db` with RYAX_DATASTORE and RYAX_LOG_LEVEL only, then the service container
 * runs the image's default entry point. Unlike most subcharts, RYAX_LOG_LEVEL comes from the subchart's
 * own logLevel (info) and ignores global.ryax.logLevel. Repositories may also be local: values
 * extraVolumes/extraVolumeMounts mount a directory (the example: hostPath at /data/repos, then the URL
 * file:///data/repos/my-actions), and the air-gap how-to copies one into /tmp with kubectl cp.
 */
import { defineContract, writePath } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, broker, datastore, fernetKey, jwtSecretKey, ryaxLogLevel, serviceAddress, subchart } from './chart.js';

const deployment = subchart('repository', 'templates/deployments.yaml');
const values = subchart('repository', 'values.yaml');

export const RYAX_REPOSITORY_CONTRACT = defineContract({
  repository: 'ryaxtech/repository',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/repository',
  summary:
    'Ryax Repository (scans Git repositories for actions, orders builds): HTTP API on 8080 (Service port "api"; startup probe GET /healthz every 6 s up to 30 failures, liveness GET /healthz every 30 s, 1 failure), published by Traefik under /repository and /api/repository (prefix stripped). Connects to its PostgreSQL database (datastore-repository), RabbitMQ (build orders to the Action Builder), ryax-authorization:8080, and the Git servers of the users\' repositories (outbound). pod fsGroup 1200, emptyDir on /tmp. Deployment strategy Recreate, 1 replica; an init container migrates the database first. Needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    // The init container's database migration; it reads RYAX_DATASTORE and RYAX_LOG_LEVEL.
    alternatives: [['ryax-repository-update-db']],
    source: deployment(50),
  },
  variables: {
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'info',
      description: `Log level of the service (values logLevel, ${values(45)}); the template uses the subchart's logLevel only, so global.ryax.logLevel has no effect here. The migration init container gets the same value.`,
      source: deployment(70),
    },
    RYAX_JWT_SECRET_KEY: jwtSecretKey(deployment(72)),
    RYAX_BROKER: broker(deployment(77)),
    RYAX_DATASTORE: datastore('repository', deployment(82)),
    RYAX_PASSWORD_ENCRYPTION_KEY: {
      form: fernetKey(),
      required: true,
      description: `Fernet key the passwords of the users' Git repositories are stored encrypted with (by its name), from Secret repository-password-encryption-key (values passwordEncryptionKeySecret, ${values(55)}), key encryption-key: values fernetEncryptionKey ("generate with base64.urlsafe_b64encode(os.urandom(32))", ${values(66)}), else the one already in the Secret (lookup), else a generated one (templates/secrets.yaml#L9). Required: inference.`,
      source: deployment(87),
    },
    RYAX_AUTHORIZATION_API_BASE_URL: {
      form: serviceAddress(),
      default: 'ryax-authorization:8080',
      description: `Address of the Authorization service (values authorizationUrl, ${values(56)}); host:port without a scheme.`,
      source: deployment(92),
    },
    RYAX_TMP_DIR: {
      form: writePath(),
      default: '/tmp',
      description: 'Directory for temporary files, by its name where repositories are cloned and scanned (inference); the chart mounts an emptyDir there.',
      source: deployment(94),
    },
  },
  writes: [
    // Inference: the chart mounts an emptyDir there and points RYAX_TMP_DIR at it.
    { path: '/tmp', source: deployment(103) },
  ],
});
