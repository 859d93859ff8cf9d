/**
 * docker.io/ryaxtech/worker: the Ryax Worker, one per site. It registers the site with Ryax over gRPC,
 * gets computing resources, deploys and undeploys the actions, fetches execution inputs from the local
 * or global filestore, runs executions and pushes their outputs and metadata back
 * (docs/docs/reference/architecture.md#L165-L199). Its source is in the ryax-runner repository (Chart.yaml
 * sources).
 *
 * Read at RyaxTech/ryax-engine@9dc81bf, chart charts/worker (ryax-worker 26.4.0), installed as its own
 * Helm release (`ryax-worker` in docs/docs/howto/worker-install.md, in the platform namespace). The
 * program's own source (gitlab.com/ryax-tech/ryax/ryax-runner) is not public: this contract records the
 * variables the chart sets and what the chart, its values comments and docs/ say they mean, not a
 * reading of the program. `default` is the value the chart renders with its default values for a
 * release named `ryax-worker`.
 *
 * The pod runs the image twice: the init container `<fullname>-database-migration` runs
 * `ryax-worker-update-db` with RYAX_WORKER_DATABASE_URL and RYAX_LOG_LEVEL only, then the worker
 * container runs the image's default entry point. values hpcOffloading (default true: "will run worker
 * container as root so singularity build works without --fakeroot") runs the pod as uid/gid 0 and moves
 * the home directory from /home/ryax to /root (SSH key at <home>/.ssh, registry credentials at
 * <home>/.docker/config.json). RYAX_CONFIG_SITE, RYAX_CONFIG_APP and NODE_NAME belong to the
 * intelliscale subchart's containers, not to the worker.
 */
import { defineContract, integer, readPath, url } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, broker, chartSwitch, dnsLabel, engine, filestore, hostOptionalPort, hostPort, ryaxLogLevel } from './chart.js';

const deployment = engine('charts/worker/templates/deployments.yaml');
const values = engine('charts/worker/values.yaml');
const rbac = engine('charts/worker/templates/rbac.yaml');
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

export const RYAX_WORKER_CONTRACT = defineContract({
  repository: 'ryaxtech/worker',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/worker',
  summary:
    'Ryax Worker (per-site agent): API on 8880 (Service port "api"; readiness and liveness GET /healthz), metrics on 8090 (Service port "metrics", ServiceMonitor). No Ingress. Connects to its PostgreSQL database (the chart\'s bitnami postgresql, <release>-postgresql, db/user worker), RabbitMQ, the Minio filestore, Loki (<release>-loki:3100, action logs), intelliscale (<release>-intelliscale:8326), the OTLP collector, and for SLURM_SSH sites the HPC login node over SSH. Deploys the actions in the user namespace through its ServiceAccount (cluster-wide ClusterRole: pods, pods/log, services, namespaces, nodes, endpoints, deployments, ingresses, Traefik middlewares). Site configuration from ConfigMap <fullname>-config at /data/config/config.yaml. pod fsGroup 1200 and uid 0 while hpcOffloading (the default); emptyDirs on /tmp, /var/tmp and /data/db (a PVC when persistence.enabled, for SQLite). Strategy Recreate, 1 replica.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    // The init container's database migration; it reads RYAX_WORKER_DATABASE_URL and RYAX_LOG_LEVEL.
    alternatives: [['ryax-worker-update-db']],
    source: deployment(92),
  },
  variables: {
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'warning',
      description:
        'Log level of the worker: values logLevel (unset), else global.ryax.logLevel (unset in this chart), else "warning". The migration init container gets the same.',
      source: deployment(157),
    },
    RYAX_WORKER_DATABASE_URL: {
      form: url(),
      required: true,
      description: `SQLAlchemy URL of the worker's database (values databaseURL, "in a SQLAlchemy compatible format", e.g. "sqlite:////data/db/ryax-worker.db" with persistence on, "only use sqlite for testing", ${values(146)}). Unset databaseURL (the default): from Secret <release>-db-pass, key datastore-worker, "postgresql://worker:<password>@<release>-postgresql/worker" (templates/secrets.yaml#L31, the chart's bitnami postgresql). Required: inference, the chart always sets it.`,
      source: deployment(159),
    },
    RYAX_ACTIONS_PULL_SECRET: {
      form: dnsLabel(),
      default: 'ryax-registry-creds-secret',
      description: `Name of the kubernetes.io/dockerconfigjson Secret the actions' images are pulled with (values actionRegistrySecret, "Leave empty to use public access registry", ${values(32)}); set only when actionRegistrySecret is not empty. The same Secret is mounted as <home>/.docker/config.json.`,
      source: deployment(170),
    },
    RYAX_INTERNAL_REGISTRY_OVERRIDE: {
      form: hostOptionalPort(),
      default: 'ryax-registry:5000',
      description: `Registry address used instead of the platform's for SLURM_SSH sites ("used for SLURM_SSH deployment mode on a private network mode", values internalRegistryOverride, ${values(95)}); set only when config.site.type is SLURM_SSH.`,
      source: deployment(174),
    },
    RYAX_BROKER: broker(deployment(177)),
    ...filestore({ address: deployment(182), access: deployment(187), secret: deployment(192), bucket: deployment(197) }, 'ryax-filestore'),
    RYAX_LOKI_API_URL: {
      form: hostPort(),
      default: 'ryax-worker-loki:3100',
      description:
        'Loki the worker queries for the actions\' logs: "<release>-loki:3100", the chart\'s Loki dependency (SingleBinary, filesystem); host:port without a scheme.',
      source: deployment(199),
    },
    RYAX_LOKI_QUERY_INTERVAL_IN_SECONDS: {
      form: integer({ min: 1 }),
      default: '5',
      description: `Seconds between two queries of the action logs ("Rate at which the User Action logging system is queried", values actionLogsQueryRate, ${values(55)}).`,
      source: deployment(201),
    },
    RYAX_OTLP_ENDPOINT: {
      form: hostPort(),
      default: '',
      description:
        'OTLP (gRPC) endpoint traces are sent to: tpl of global.monitoring.otlpEndpoint, empty in this chart\'s values ("Trace collection (disabled if empty)"); the platform\'s Tempo is <platform release>-tempo:4317.',
      source: deployment(203),
    },
    RYAX_INTELLISCALE_ENABLED: {
      form: chartSwitch('true'),
      default: 'true',
      description: `Use the intelliscale service (values intelliscale.enabled, true, ${values(291)}): rendered "true", or the empty text when false.`,
      source: deployment(205),
    },
    RYAX_INTELLISCALE_SVC_HOST: {
      form: hostOptionalPort(),
      default: 'ryax-worker-intelliscale',
      description: 'Host of the intelliscale gRPC service: values intelliscale.server_host, else "<release>-intelliscale" (the subchart\'s Service).',
      source: deployment(207),
    },
    RYAX_INTELLISCALE_SVC_PORT: {
      form: integer({ min: 1, max: 65535 }),
      default: '8326',
      description: 'Port of the intelliscale service: values intelliscale.server_port, else 8326.',
      source: deployment(209),
    },
    RYAX_CONFIG: {
      form: readPath(),
      default: '/data/config/config.yaml',
      description: `Site configuration file, the ConfigMap <fullname>-config (values config rendered with tpl, ${values(37)}: site name, type KUBERNETES or SLURM_SSH, spec with the user namespace and the node pools or partitions: cpu, memory, gpu, time, arch, objectiveScores, selector; docs/docs/reference/configuration.md#L35-L96). Set only when values config is not empty.`,
      source: deployment(212),
    },
  },
  api: [
    // The chart's ClusterRole grants every verb on all of these, cluster-wide; which calls the program
    // makes is not public. Declared here: managing what a site agent deploys in the user namespace
    // (the actions' Deployments, Pods and their logs, Services, Endpoints, and the routes the chart's
    // role names), and reading the nodes its node pools select and the namespaces it is given. Not
    // declared: writing nodes or namespaces, nodes/proxy and nodes/metrics, and the long-gone API group
    // "extensions" the role also names: a call to one of those would fail with 403, and its log say so.
    { group: 'networking.k8s.io', resources: ['ingresses'], verbs: ALL, source: rbac(7) },
    { group: '', resources: ['pods', 'services', 'endpoints'], verbs: ALL, source: rbac(19) },
    { group: '', resources: ['pods/log'], verbs: ['get', 'list', 'watch'], source: rbac(19) },
    { group: '', resources: ['nodes'], verbs: ['get', 'list', 'watch'], source: rbac(19) },
    { group: '', resources: ['namespaces'], verbs: ['get'], source: rbac(19) },
    { group: 'apps', resources: ['deployments'], verbs: ALL, source: rbac(38) },
    { group: 'traefik.io', resources: ['middlewares'], verbs: ALL, source: rbac(52) },
  ],
  writes: [
    // Inference: the chart mounts emptyDirs (or the PVC) there.
    { path: '/tmp', source: deployment(118) },
    { path: '/var/tmp', source: deployment(120) },
    { path: '/data/db', source: deployment(131) },
  ],
});
