/**
 * docker.io/ryaxtech/authorization: the Ryax Authorization service (users, projects, login), called by
 * every user-facing service to check the current user's rights in the current project; HTTP API on 8080.
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart
 * charts/ryax/subcharts/authorization. The program's own source (gitlab.com/ryax-tech/ryax/ryax-authorization)
 * is not public: this contract records the variables the chart sets and what the chart and
 * docs/docs/reference/architecture.md say they mean, not a reading of the program. `default` is the
 * value the chart renders with its default values.
 *
 * The pod runs the image twice: the init container `<fullname>-database-migration` runs
 * `ryax-authorization-update-db` (database migration) with RYAX_DATASTORE and RYAX_LOG_LEVEL only,
 * then the service container runs the image's default entry point. Both mount an emptyDir on /tmp.
 * Unlike most subcharts, RYAX_LOG_LEVEL comes from the subchart's own logLevel (info) and ignores
 * global.ryax.logLevel.
 */
import { defineContract, oneOf, pattern } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, datastore, jwtSecretKey, ryaxLogLevel, subchart } from './chart.js';

const deployment = subchart('authorization', 'templates/deployment.yaml');
const values = subchart('authorization', 'values.yaml');

export const RYAX_AUTHORIZATION_CONTRACT = defineContract({
  repository: 'ryaxtech/authorization',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/authorization',
  summary:
    'Ryax Authorization: authentication, users and projects; every user-facing service calls it (ryax-authorization:8080) to check a request. HTTP API on 8080 (Service port "api", values apiPort, values.yaml#L46), readiness and liveness GET /healthz on 8080. Published by Traefik under /authorization and /api/authorization (prefix stripped). Connects to its PostgreSQL database (datastore-authorization); signs JWTs with the shared key of Secret api-jwt-secret-key. An init container migrates the database first. Deployment strategy Recreate, 1 replica; needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    // The init container's database migration; it reads RYAX_DATASTORE and RYAX_LOG_LEVEL.
    alternatives: [['ryax-authorization-update-db']],
    source: deployment(48),
  },
  variables: {
    JWT_ALGORITHM: {
      form: oneOf(['HS256', 'HS384', 'HS512']),
      default: 'HS256',
      description:
        'Algorithm of the JWTs the service signs. The chart hard-codes HS256; the key is a shared secret, so (inference) only an HMAC algorithm fits. Studio is given the same value.',
      source: deployment(81),
    },
    JWT_EXP_DELTA_SECONDS: {
      form: pattern('^[0-9]+( *\\* *[0-9]+)*$', 'a whole number of seconds, or a product of whole numbers such as 60 * 60 * 24'),
      default: '60 * 60 * 24',
      description:
        'Lifetime of a JWT in seconds. The chart hard-codes the text "60 * 60 * 24" (one day), an arithmetic expression, so the program evaluates it rather than int()-ing it; how exactly is not public.',
      source: deployment(83),
    },
    RYAX_JWT_SECRET_KEY: jwtSecretKey(deployment(85)),
    // values jwtSecret and datastoreSecret name the Secrets (values.yaml#L47-L48).
    RYAX_DATASTORE: datastore('authorization', deployment(90)),
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'info',
      description: `Log level of the service (values logLevel, "override global log level", ${values(44)}); the template uses the subchart's logLevel only, so global.ryax.logLevel has no effect here. The migration init container gets the same value.`,
      source: deployment(95),
    },
  },
  writes: [
    // Inference: the chart mounts an emptyDir on /tmp in both containers.
    { path: '/tmp', source: deployment(101) },
  ],
});
