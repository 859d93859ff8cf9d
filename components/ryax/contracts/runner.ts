/**
 * docker.io/ryaxtech/runner: the Ryax Runner, the workflow execution engine. It takes workflow
 * deployment orders from Studio (RabbitMQ), asks the workers for resources, deploys and undeploys
 * actions, schedules and triggers executions, moves execution data to and from the filestore, and
 * keeps the execution history behind an HTTP API (docs/docs/reference/architecture.md#L127-L163: it
 * "speaks gRPC (with the actions), RMQ with Studio, and HTTP").
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart charts/ryax/subcharts/runner.
 * The program's own source (gitlab.com/ryax-tech/ryax/ryax-runner) is not public: this contract records
 * the variables the chart sets and what the chart, its values comments and docs/ say they mean, not a
 * reading of the program. `default` is the value the chart renders with its default values (umbrella
 * values for the globals: global.ryax.logLevel warning, otlpEndpoint `<release>-tempo:4317`). The values
 * comment and docs/docs/reference/configuration.md say the full list of variables is in the program's
 * `ryax/runner/app.py` and that others can be added through extraEnv; only RYAX_SCHEDULER_MAX_ACTION_DEPLOYMENTS
 * is named there, so any other extraEnv variable is unknown to this contract.
 *
 * Besides the service container (default entry point), the chart runs the image in the Helm
 * pre-upgrade Job `<fullname>-db-migration` (hook weight 2, after `<fullname>-scale-down` scaled the
 * Deployment to 0 with bitnamilegacy/kubectl): command `ryax-runner-update-db`, with RYAX_DATASTORE and
 * RYAX_LOG_LEVEL (whose fallback there is "info", not "warning"). There is no init-container migration:
 * on a first install nothing in the chart runs it.
 */
import { defineContract, integer, pattern, text } from '../../../src/contracts/model.js';
import {
  DEFAULT_ENTRYPOINT,
  RYAX_TAG,
  broker,
  chartSwitch,
  datastore,
  dnsLabel,
  fernetKey,
  filestore,
  hostOptionalPort,
  hostPort,
  jwtSecretKey,
  ryaxLogLevel,
  serviceAddress,
  subchart,
} from './chart.js';

const deployment = subchart('runner', 'templates/deployments.yaml');
const jobs = subchart('runner', 'templates/upgrade-jobs.yaml');
const values = subchart('runner', 'values.yaml');
const rbac = subchart('runner', 'templates/rbac.yaml');

export const RYAX_RUNNER_CONTRACT = defineContract({
  repository: 'ryaxtech/runner',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/runner',
  summary:
    'Ryax Runner (workflow execution engine). Service ports: api 8080 (readiness and liveness GET /healthz; Traefik /runner and /api/runner, prefix stripped), user-api 10080 (Traefik /user-api: the endpoints of deployed workflows), metrics 8090 (ServiceMonitor). Connects to its PostgreSQL database (datastore-runner), RabbitMQ, the Minio filestore, ryax-authorization:8080 and the OTLP collector (Tempo, 4317); publishes action endpoints by creating Ingresses, Services and Traefik Middlewares through its own ServiceAccount (cluster-wide ClusterRole). pod fsGroup 1200; emptyDirs on /tmp and /var/tmp. 1 replica; the pre-upgrade Job runs ryax-runner-update-db.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    // The pre-upgrade database migration Job; it reads RYAX_DATASTORE and RYAX_LOG_LEVEL.
    alternatives: [['ryax-runner-update-db']],
    source: jobs(130),
  },
  variables: {
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'warning',
      description:
        'Log level of the service: values logLevel (unset), else global.ryax.logLevel (warning in the umbrella values), else "warning" (the migration Job falls back to "info").',
      source: deployment(68),
    },
    RYAX_INTERNAL_REGISTRY: {
      form: hostOptionalPort(),
      default: '127.0.0.1:30012',
      description: `Registry the actions' images are pulled from, as the nodes see it (values internalRegistry, ${values(89)}: the registry's NodePort on every node). With global.tls.enabled the chart gives registry.<global.tls.hostname> instead (the registry Ingress).`,
      source: deployment(70),
    },
    RYAX_JWT_SECRET_KEY: jwtSecretKey(deployment(76)),
    RYAX_BROKER: broker(deployment(81)),
    RYAX_DATASTORE: datastore('runner', deployment(86)),
    ...filestore({ address: deployment(91), access: deployment(96), secret: deployment(101), bucket: deployment(111) }, 'ryax-filestore'),
    RYAX_ENCRYPTION_KEY: {
      form: fernetKey(),
      required: true,
      description: `Fernet key the runner encrypts what it stores with; what it encrypts is not said in the chart (values fernetEncryptionKey, "generate with base64.urlsafe_b64encode(os.urandom(32))", ${values(100)}), from Secret runner-encryption-key, key encryption-key: the value given, else the one already in the Secret (lookup), else a generated one (templates/secrets.yaml#L9). Changing it presumably makes what was encrypted unreadable (inference). Required: inference.`,
      source: deployment(106),
    },
    RYAX_AUTHORIZATION_API_BASE_URL: {
      form: serviceAddress(),
      default: 'ryax-authorization:8080',
      description: `Address of the Authorization service the runner checks users' requests with (values authorizationUrl, ${values(88)}); host:port without a scheme.`,
      source: deployment(113),
    },
    RYAX_RUNNER_API_BASE_URL: {
      form: pattern('^/\\S*$', 'an HTTP path starting with /'),
      default: '/runner',
      description: `Path prefix the API is published under by the Ingress ("/" + values baseApiUrl, "necessary to make the swagger interactive docs to show up properly", ${values(112)}). Must match the Ingress path.`,
      source: deployment(115),
    },
    RYAX_USER_NAMESPACE: {
      form: dnsLabel(),
      default: 'ryaxns-execs',
      description: "Namespace the users' actions are deployed in (global.ryax.userNamespace; the umbrella chart creates it).",
      source: deployment(117),
    },
    RYAX_DEFAULT_ACTION_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'info',
      description: `Log level given to the users' actions ("User actions log level", values defaultActionLogLevel, ${values(104)}).`,
      source: deployment(119),
    },
    RYAX_UNDEPLOY_IDLE_ACTIONS_AFTER_SECONDS: {
      form: integer({ min: 0 }),
      default: '30',
      description: `Seconds an idle action stays deployed after an execution, waiting for another one to avoid a cold start, before it is undeployed (values userActionsRetentionTime, ${values(109)}). docs/docs/reference/configuration.md#L9 speaks of a 300 s default: the chart's is 30.`,
      source: deployment(121),
    },
    RYAX_OTLP_ENDPOINT: {
      form: hostPort(),
      default: 'ryax-tempo:4317',
      description:
        'OTLP (gRPC) endpoint traces are sent to: tpl of global.monitoring.otlpEndpoint, "{{ .Release.Name }}-tempo:4317" in the umbrella values; the empty text when unset (the subchart\'s own default), which per the values comment disables trace collection.',
      source: deployment(123),
    },
    RYAX_BILLING_ENABLED: {
      form: chartSwitch('true'),
      default: '',
      description:
        'Billing through Stripe: values billing.enabled rendered as "true", or the empty text when false (the default). When on, the chart also sets RYAX_BILLING_STRIPE_API_KEY and RYAX_BILLING_CUSTOMER_ID from Secret stripe-secrets.',
      source: deployment(125),
    },
    RYAX_BILLING_STRIPE_API_KEY: {
      form: text(),
      description: 'Stripe API key (values billing.stripe_api_key), from Secret stripe-secrets, key stripe-api-key; set only when billing.enabled.',
      source: deployment(128),
    },
    RYAX_BILLING_CUSTOMER_ID: {
      form: text(),
      description: 'Stripe customer id (values billing.stripe_customer_id), from Secret stripe-secrets, key stripe-customer-id; set only when billing.enabled.',
      source: deployment(133),
    },
    RYAX_SCHEDULER_MAX_ACTION_DEPLOYMENTS: {
      form: integer({ min: 0 }),
      description:
        'Not set by the chart: the example of an extraEnv variable in docs/docs/reference/configuration.md (value "100"); by its name, the most action deployments the scheduler keeps. Its default is not public.',
      source: 'RyaxTech/ryax-engine@9dc81bf:docs/docs/reference/configuration.md#L19',
    },
  },
  api: [
    // Granted by the chart's ClusterRole ("required by the HTTP service addon that needs to create and delete Ingress, Service and Middleware on the fly").
    { group: 'networking.k8s.io', resources: ['ingresses'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], source: rbac(8) },
    { group: '', resources: ['services'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], source: rbac(20) },
    { group: 'traefik.io', resources: ['middlewares'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], source: rbac(32) },
  ],
  writes: [
    // Inference: the chart mounts emptyDirs there.
    { path: '/tmp', source: deployment(45) },
    { path: '/var/tmp', source: deployment(47) },
  ],
});
