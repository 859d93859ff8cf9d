/**
 * docker.io/ryaxtech/studio: the Ryax Studio, where users create, edit and deploy workflows; HTTP REST
 * API for the WebUI and the CLI, state in PostgreSQL (docs/docs/reference/architecture.md#L219-L235).
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart charts/ryax/subcharts/studio.
 * The program's own source (gitlab.com/ryax-tech/ryax/ryax-studio) is not public: this contract records
 * the variables the chart sets and what the chart, its values comments and docs/ say they mean, not a
 * reading of the program. `default` is the value the chart renders with its default values (umbrella
 * values for the globals).
 *
 * Besides the service container (default entry point), the chart runs the image in the Helm
 * pre-upgrade Job `<release>-db-migration` (hook weight 2, after `<release>-scale-down` scaled the
 * Deployment to 0): command `ryax-studio-update-db`, with RYAX_DATASTORE and RYAX_LOG_LEVEL. There is no
 * init-container migration. The Deployment template does not use values resources (no resources set).
 * RYAX_EXECUTION_API_BASE_URL is set from values ryaxApiUrl, which no values file defines: it renders
 * as `value:` with nothing, an empty variable.
 */
import { defineContract, integer, oneOf, text, writePath } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, broker, datastore, filestore, jwtSecretKey, ryaxLogLevel, serviceAddress, subchart } from './chart.js';

const deployment = subchart('studio', 'templates/deployments.yaml');
const jobs = subchart('studio', 'templates/jobs.yaml');
const values = subchart('studio', 'values.yaml');

export const RYAX_STUDIO_CONTRACT = defineContract({
  repository: 'ryaxtech/studio',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/studio',
  summary:
    'Ryax Studio (workflow editor): HTTP API on 8080 (Service port "api"; readiness GET /healthz every 6 s up to 30 failures, liveness GET /healthz every 30 s, 1 failure), published by Traefik under /studio and /api/studio (prefix stripped). Connects to its PostgreSQL database (datastore-studio), RabbitMQ (sends deployment orders to the runner), the Minio filestore and ryax-authorization:8080. pod fsGroup 1200, emptyDir on /tmp. 1 replica; the pre-upgrade Job runs ryax-studio-update-db. Needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    // The pre-upgrade database migration Job; it reads RYAX_DATASTORE and RYAX_LOG_LEVEL.
    alternatives: [['ryax-studio-update-db']],
    source: jobs(129),
  },
  variables: {
    RYAX_TMP_DIR: {
      form: writePath(),
      default: '/tmp',
      description: 'Directory for temporary files (the chart mounts an emptyDir there).',
      source: deployment(59),
    },
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'warning',
      description:
        'Log level of the service: values logLevel (unset), else global.ryax.logLevel (warning in the umbrella values), else "warning". The migration Job gets the same.',
      source: deployment(61),
    },
    RYAX_JWT_SECRET_KEY: jwtSecretKey(deployment(63)),
    JWT_ALGORITHM: {
      form: oneOf(['HS256', 'HS384', 'HS512']),
      default: 'HS256',
      description: 'Algorithm of the JWTs (hard-coded HS256, as for authorization); inference: only an HMAC algorithm fits the shared key.',
      source: deployment(68),
    },
    RYAX_EXECUTOR_ID: {
      form: text(),
      description: "Identity of this instance: the pod's metadata.name (fieldRef).",
      source: deployment(70),
    },
    RYAX_BROKER: broker(deployment(74)),
    RYAX_DATASTORE: datastore('studio', deployment(79)),
    ...filestore({ address: deployment(84), access: deployment(89), secret: deployment(94), bucket: deployment(99) }, 'ryax-filestore'),
    RYAX_EXECUTION_API_BASE_URL: {
      form: serviceAddress(),
      default: '',
      description:
        'Address of the execution API (by its name, the runner). Set from values ryaxApiUrl, which no values file of the chart defines, so the chart gives it empty; what the program does with the empty text is not public.',
      source: deployment(101),
    },
    RYAX_AUTHORIZATION_API_BASE_URL: {
      form: serviceAddress(),
      default: 'ryax-authorization:8080',
      description: `Address of the Authorization service (values authorizationUrl, ${values(67)}); host:port without a scheme.`,
      source: deployment(103),
    },
    RYAX_STUDIO_API_PORT: {
      form: integer({ min: 1, max: 65535 }),
      default: '8080',
      description: `Port the HTTP API listens on (values apiPort, ${values(61)}); the probes and the Service use the same value.`,
      source: deployment(105),
    },
    RYAX_MAX_UPLOAD_SIZE: {
      form: integer({ min: 0 }),
      default: '1073741824',
      description: `Largest request body in bytes the API accepts ("Change this to enable larger file to be used as static or inputs, of project variables", values apiMaxUploadSizeInBytes, 1 GiB, ${values(59)}).`,
      source: deployment(107),
    },
  },
  writes: [
    // Inference: the chart mounts an emptyDir there and points RYAX_TMP_DIR at it.
    { path: '/tmp', source: deployment(43) },
  ],
});
