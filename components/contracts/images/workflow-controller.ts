/**
 * quay.io/argoproj/workflow-controller: the Argo Workflows controller.
 *
 * Read at argoproj/argo-workflows@v3.7.18 (refs/tags/v3.7.18). The image is distroless static with the
 * binary /bin/workflow-controller as its entry point, run as 8737. Flags are cobra/pflag flags
 * (cmd/workflow-controller/main.go) plus the kubectl connection flags of client-go v0.33.1; every local
 * flag can also be given as ARGO_<FLAG> (upper case, dashes as underscores) through viper, which sets
 * the flag from a non-empty variable before parsing (a value the flag rejects stops the controller).
 * Other variables are read directly by the controller packages (docs/environment-variables.md lists
 * them; the executor's and the Argo Server's are not read by this binary's controller code and are
 * left out). Without LEADER_ELECTION_DISABLE=true the controller runs leader election on a Lease in its
 * own namespace and needs LEADER_ELECTION_IDENTITY.
 *
 * Kubernetes API: with --namespaced the controller watches only its own namespace (or
 * --managed-namespace); the access below is the namespaced Role upstream ships for that mode
 * (manifests/namespace-install/workflow-controller-rbac/workflow-controller-role.yaml). It reads its
 * ConfigMap (--configmap, default workflow-controller-configmap) from its own namespace, found from
 * POD_NAMESPACE or the service account's namespace file. It writes no files: klog is sent to stderr.
 */
import { defineContract, equalsFlag, integer, list, number, oneOf, pattern, readPath, text, type Form, type Variables } from '../../../src/contracts/model.js';

const TAG = 'v3.7.18';
const at = (path: string, line: number): string => `argoproj/argo-workflows@${TAG}:${path}#L${line}`;
const main = (line: number): string => at('cmd/workflow-controller/main.go', line);
const role = (line: number): string => at('manifests/namespace-install/workflow-controller-rbac/workflow-controller-role.yaml', line);
const clientGo = (path: string, line: number): string => `kubernetes/client-go@v0.33.1:${path}#L${line}`;

/** strconv.ParseBool, as pflag's bool takes it; an empty variable is ignored by viper. */
const goBool = {
  type: 'flag',
  on: ['1', 't', 'T', 'TRUE', 'true', 'True'],
  off: ['0', 'f', 'F', 'FALSE', 'false', 'False', ''],
  otherwise: 'error',
} as const satisfies Form;

/** `os.Getenv(NAME) != "false"`: on unless exactly "false" (any other text also means on). */
const unlessFalse = oneOf(['true', 'false']);

/** time.ParseDuration via env.LookupEnvDurationOr: an invalid value panics the controller. */
const goDuration = pattern('[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)', 'a Go duration such as 10s, 5m or 1h30m');

/** resource.MustParse: an invalid quantity panics the controller. */
const quantity = pattern(
  '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?',
  'a Kubernetes quantity such as 100m or 256Mi',
);

const logrusLevel = oneOf(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'], { caseInsensitive: true });
const logFormat = oneOf(['text', 'json'], { caseInsensitive: true });
const pullPolicy = oneOf(['Always', 'IfNotPresent', 'Never']);

/** The local flags: name, form, line of main.go and description. */
const LOCAL_FLAGS: readonly (readonly [name: string, form: Form | 'switch', line: number, description: string])[] = [
  [
    'configmap',
    text(),
    198,
    "Name of the ConfigMap (in the controller's namespace) holding the controller configuration; default workflow-controller-configmap.",
  ],
  ['executor-image', text(), 199, 'Executor (argoexec) image of the init and wait containers; overrides the ConfigMap.'],
  ['executor-image-pull-policy', pullPolicy, 200, 'Pull policy of the executor image; overrides the ConfigMap.'],
  ['loglevel', logrusLevel, 201, 'Log level (logrus); default info. Another value stops the controller.'],
  ['gloglevel', integer(), 202, 'klog verbosity; default 0.'],
  ['log-format', logFormat, 203, 'Log format text or json; default text. Another value stops the controller.'],
  ['workflow-workers', integer({ min: 1 }), 204, 'Workflow workers; default 32.'],
  ['workflow-ttl-workers', integer({ min: 1 }), 205, 'Workflow TTL workers; default 4.'],
  ['pod-cleanup-workers', integer({ min: 1 }), 206, 'Pod cleanup workers; default 4.'],
  ['cron-workflow-workers', integer({ min: 1 }), 207, 'CronWorkflow workers; default 8.'],
  ['workflow-archive-workers', integer({ min: 1 }), 208, 'Workflow archive workers; default 8.'],
  ['burst', integer({ min: 0 }), 209, 'Kubernetes client burst; default 30.'],
  ['qps', number({ min: 0 }), 210, 'Kubernetes client queries per second; default 20.'],
  ['namespaced', 'switch', 211, "Watch only one namespace (the controller's own, or --managed-namespace) instead of the whole cluster."],
  ['managed-namespace', text(), 212, "Namespace watched in --namespaced mode; default the controller's namespace. Ignored without --namespaced."],
  ['executor-plugins', 'switch', 213, 'Enable executor plugins.'],
];

/** The --flag through viper: used when the flag is not passed on the command line. */
const viaViper = (name: string, form: Form, line: number, description: string) =>
  ({ form, description: `The --${name} flag through viper (ARGO_ prefix; used when the flag is not passed). ${description}`, source: main(line) }) as const;

const FLAG_VARIABLES = {
  ARGO_CONFIGMAP: viaViper('configmap', text(), 198, LOCAL_FLAGS[0]![3]),
  ARGO_EXECUTOR_IMAGE: viaViper('executor-image', text(), 199, LOCAL_FLAGS[1]![3]),
  ARGO_EXECUTOR_IMAGE_PULL_POLICY: viaViper('executor-image-pull-policy', pullPolicy, 200, LOCAL_FLAGS[2]![3]),
  ARGO_LOGLEVEL: viaViper('loglevel', logrusLevel, 201, LOCAL_FLAGS[3]![3]),
  ARGO_GLOGLEVEL: viaViper('gloglevel', integer(), 202, LOCAL_FLAGS[4]![3]),
  ARGO_LOG_FORMAT: viaViper('log-format', logFormat, 203, LOCAL_FLAGS[5]![3]),
  ARGO_WORKFLOW_WORKERS: viaViper('workflow-workers', integer({ min: 1 }), 204, LOCAL_FLAGS[6]![3]),
  ARGO_WORKFLOW_TTL_WORKERS: viaViper('workflow-ttl-workers', integer({ min: 1 }), 205, LOCAL_FLAGS[7]![3]),
  ARGO_POD_CLEANUP_WORKERS: viaViper('pod-cleanup-workers', integer({ min: 1 }), 206, LOCAL_FLAGS[8]![3]),
  ARGO_CRON_WORKFLOW_WORKERS: viaViper('cron-workflow-workers', integer({ min: 1 }), 207, LOCAL_FLAGS[9]![3]),
  ARGO_WORKFLOW_ARCHIVE_WORKERS: viaViper('workflow-archive-workers', integer({ min: 1 }), 208, LOCAL_FLAGS[10]![3]),
  ARGO_BURST: viaViper('burst', integer({ min: 0 }), 209, LOCAL_FLAGS[11]![3]),
  ARGO_QPS: viaViper('qps', number({ min: 0 }), 210, LOCAL_FLAGS[12]![3]),
  ARGO_NAMESPACED: viaViper('namespaced', goBool, 211, LOCAL_FLAGS[13]![3]),
  ARGO_MANAGED_NAMESPACE: viaViper('managed-namespace', text(), 212, LOCAL_FLAGS[14]![3]),
  ARGO_EXECUTOR_PLUGINS: viaViper('executor-plugins', goBool, 213, LOCAL_FLAGS[15]![3]),
} as const satisfies Variables;

/** Connection flags of client-go (clientcmd.RecommendedConfigOverrideFlags), bound by util/kube/cli. */
const KUBECTL_FLAGS: readonly (readonly [name: string, form: Form | 'switch', line: number])[] = [
  ['cluster', text(), 147],
  ['user', text(), 148],
  ['context', text(), 149],
  ['namespace', text(), 150],
  ['server', text(), 151],
  ['tls-server-name', text(), 152],
  ['insecure-skip-tls-verify', 'switch', 153],
  ['client-certificate', readPath(), 154],
  ['client-key', readPath(), 155],
  ['certificate-authority', readPath(), 156],
  ['token', text(), 158],
  ['as', text(), 159],
  ['as-uid', text(), 160],
  ['as-group', text(), 161],
  ['username', text(), 162],
  ['password', text(), 163],
  ['request-timeout', text(), 164],
  ['proxy-url', text(), 165],
  ['disable-compression', 'switch', 166],
];

const CONTROLLER_VARIABLES = {
  LEADER_ELECTION_IDENTITY: {
    form: text(),
    required: true,
    description:
      'Identity of this replica in the leader election (upstream sets it to the pod name from the downward API). Without it the controller exits at start ("LEADER_ELECTION_IDENTITY must be set"), unless LEADER_ELECTION_DISABLE=true.',
    source: main(131),
  },
  LEADER_ELECTION_DISABLE: {
    form: equalsFlag('true'),
    default: 'false',
    description:
      'Exactly "true" runs without leader election (single instance; use a Recreate rollout); anything else elects a leader on the Lease "workflow-controller" (suffixed with the instance ID).',
    source: main(123),
  },
  LEADER_ELECTION_LEASE_DURATION: { form: goDuration, default: '15s', description: 'Lease duration of the leader election.', source: main(158) },
  LEADER_ELECTION_RENEW_DEADLINE: { form: goDuration, default: '10s', description: 'Renew deadline of the leader.', source: main(159) },
  LEADER_ELECTION_RETRY_PERIOD: { form: goDuration, default: '5s', description: 'Retry period of the leader election.', source: main(160) },
  POD_NAMESPACE: {
    form: text(),
    description:
      "The controller's namespace (its ConfigMap, Lease and, with --namespaced, the watched namespace); default the service account's namespace file.",
    source: clientGo('tools/clientcmd/client_config.go', 634),
  },
  KUBECONFIG: {
    form: readPath(),
    description: 'Kubeconfig file(s) to connect with instead of the in-cluster service account.',
    source: clientGo('tools/clientcmd/loader.go', 40),
  },
  ARGO_AGENT_TASK_WORKERS: {
    form: integer({ min: 1 }),
    default: '16',
    description: 'Task workers of the agent pod, passed on to it when set.',
    source: at('workflow/controller/agent.go', 142),
  },
  ARGO_AGENT_PATCH_RATE: {
    form: goDuration,
    description: 'Rate at which the agent patches the WorkflowTaskSet, passed on to the agent pod; default DEFAULT_REQUEUE_TIME.',
    source: at('workflow/controller/agent.go', 136),
  },
  ARGO_AGENT_CPU_LIMIT: { form: quantity, default: '100m', description: 'CPU limit of the agent pod.', source: at('workflow/controller/agent.go', 180) },
  ARGO_AGENT_MEMORY_LIMIT: { form: quantity, default: '256M', description: 'Memory limit of the agent pod.', source: at('workflow/controller/agent.go', 181) },
  ALL_POD_CHANGES_SIGNIFICANT: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" treats every pod change as significant when reconciling.',
    source: at('workflow/controller/pod/significant.go', 10),
  },
  ALWAYS_OFFLOAD_NODE_STATUS: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" always offloads the node status (needs the persistence database).',
    source: at('workflow/hydrator/hydrator.go', 33),
  },
  ARCHIVED_WORKFLOW_GC_PERIOD: {
    form: goDuration,
    default: '24h',
    description: 'Period of the garbage collection of archived workflows.',
    source: at('workflow/controller/controller.go', 820),
  },
  ARGO_PPROF: { form: equalsFlag('true'), default: 'false', description: 'Exactly "true" serves the pprof endpoints.', source: at('util/pprof/pprof.go', 14) },
  ARGO_PROGRESS_PATCH_TICK_DURATION: {
    form: goDuration,
    default: '1m',
    description: 'How often self-reported progress is patched into pod annotations; 0 disables progress reporting.',
    source: at('workflow/controller/controller.go', 234),
  },
  ARGO_PROGRESS_FILE_TICK_DURATION: {
    form: goDuration,
    default: '3s',
    description: 'How often the executor reads the progress file; 0 disables progress reporting.',
    source: at('workflow/controller/controller.go', 235),
  },
  ARGO_REMOVE_PVC_PROTECTION_FINALIZER: {
    form: unlessFalse,
    default: 'true',
    description: 'Removes the pvc-protection finalizer from the workflow\'s PVCs after deleting them, unless exactly "false".',
    source: at('workflow/controller/operator.go', 1878),
  },
  ARGO_TRACE: {
    form: equalsFlag('1'),
    description: 'Exactly "1" turns on tracing in the S3 and OSS artifact clients.',
    source: at('workflow/artifacts/s3/s3.go', 146),
  },
  ARGO_POD_STATUS_CAPTURE_FINALIZER: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" adds a finalizer to workflow pods until their status is captured.',
    source: at('workflow/controller/pod/queue.go', 35),
  },
  BUBBLE_ENTRY_TEMPLATE_ERR: {
    form: unlessFalse,
    default: 'true',
    description: 'Fails the workflow on an entry template error, unless exactly "false".',
    source: at('workflow/controller/operator.go', 385),
  },
  CACHE_GC_PERIOD: {
    form: goDuration,
    default: '0s',
    description: 'Period of the memoization cache garbage collection; 0 disables it.',
    source: at('workflow/controller/controller.go', 185),
  },
  CACHE_GC_AFTER_NOT_HIT_DURATION: {
    form: goDuration,
    default: '30s',
    description: 'A memoization cache entry not hit for this long is deleted.',
    source: at('workflow/controller/cache_gc.go', 20),
  },
  CRON_SYNC_PERIOD: {
    form: goDuration,
    default: '10s',
    description: 'How often CronWorkflows are synchronised.',
    source: at('workflow/cron/controller.go', 64),
  },
  DEFAULT_REQUEUE_TIME: {
    form: goDuration,
    default: '10s',
    description: "Requeue time of the workflow queue's rate limiter.",
    source: at('workflow/controller/rate_limiters.go', 20),
  },
  DISABLE_MAX_RECURSION: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" disables the recursion limit of 100 nested template calls.',
    source: at('workflow/controller/operator.go', 2030),
  },
  EXPRESSION_TEMPLATES: {
    form: unlessFalse,
    default: 'true',
    description: 'Expression templates ({{= ...}}) are evaluated unless exactly "false".',
    source: at('util/template/expression_template.go', 23),
  },
  EVENT_AGGREGATION_WITH_ANNOTATIONS: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" includes event annotations when aggregating events.',
    source: at('workflow/events/event_recorder_manager.go', 35),
  },
  GZIP_IMPLEMENTATION: {
    form: oneOf(['PGZip', 'GZip']),
    default: 'PGZip',
    description: 'Compression implementation; any text but "GZip" uses PGZip.',
    source: at('util/file/fileutil.go', 20),
  },
  INFORMER_WRITE_BACK: {
    form: oneOf(['true', 'false']),
    default: 'true',
    description: 'Unset or "true" writes updated workflows back to the informer; "false" waits 1s instead; any other text does neither.',
    source: at('workflow/controller/operator.go', 803),
  },
  HEALTHZ_AGE: {
    form: goDuration,
    default: '5m',
    description: 'How old an unreconciled workflow may be before /healthz reports unhealthy.',
    source: at('workflow/controller/healthz.go', 20),
  },
  INDEX_WORKFLOW_SEMAPHORE_KEYS: {
    form: unlessFalse,
    default: 'true',
    description: 'Indexes workflows by semaphore keys unless exactly "false".',
    source: at('workflow/controller/indexes/workflow_index.go', 16),
  },
  MAX_OPERATION_TIME: {
    form: goDuration,
    default: '30s',
    description: 'Longest a workflow operation may run before the workflow is requeued.',
    source: at('workflow/controller/operator.go', 137),
  },
  MAX_WORKFLOW_SIZE: {
    form: integer({ min: 0 }),
    default: '1048576',
    description: 'Largest workflow, in bytes, stored without offloading; a non-number or 0 keeps the default.',
    source: at('workflow/packer/packer.go', 17),
  },
  OFFLOAD_NODE_STATUS_TTL: {
    form: goDuration,
    default: '5m',
    description: 'TTL of offloaded node status records.',
    source: at('persist/sqldb/offload_node_status_repo.go', 36),
  },
  OPERATION_DURATION_METRIC_BUCKET_COUNT: {
    form: integer({ min: 1 }),
    default: '6',
    description: 'Buckets of the operation duration histogram.',
    source: at('workflow/metrics/histogram_durations.go', 21),
  },
  POD_NAMES: {
    form: oneOf(['v1', 'v2']),
    default: 'v2',
    description: "Pod naming: v2 includes the template name, v1 is the node ID; any other text means v2. Must match the Argo Server's.",
    source: at('workflow/util/pod_name.go', 39),
  },
  PROMETHEUS_LEGACY_NAME_VALIDATION_SCHEME: {
    form: text(),
    description: 'Set to any value (even "false"), metric names use the legacy validation scheme (underscores only).',
    source: at('util/telemetry/exporter_prometheus.go', 27),
  },
  RECENTLY_STARTED_POD_DURATION: {
    form: goDuration,
    default: '10s',
    description: 'Age under which a pod counts as recently started.',
    source: at('workflow/controller/operator.go', 1300),
  },
  RECENTLY_DELETED_POD_DURATION: {
    form: goDuration,
    default: '2m',
    description: 'Time after which a finished node with a deleted pod is marked completed.',
    source: at('workflow/controller/taskresult.go', 67),
  },
  TASK_RESULT_TIMEOUT_DURATION: {
    form: goDuration,
    default: '10m',
    description: 'Time after which a completed node whose task result has not arrived is marked completed.',
    source: at('workflow/controller/taskresult.go', 71),
  },
  RETRY_BACKOFF_DURATION: { form: goDuration, default: '10ms', description: 'Initial back-off of retried API calls.', source: at('util/retry/retry.go', 21) },
  RETRY_BACKOFF_FACTOR: {
    form: number({ min: 0 }),
    default: '2.0',
    description: 'Back-off factor of retried API calls.',
    source: at('util/retry/retry.go', 22),
  },
  RETRY_BACKOFF_STEPS: { form: integer({ min: 0 }), default: '5', description: 'Retries of API calls.', source: at('util/retry/retry.go', 20) },
  RETRY_HOST_NAME_LABEL_KEY: {
    form: text(),
    default: 'kubernetes.io/hostname',
    description: 'Node label used to avoid the hosts of failed attempts on retry.',
    source: at('workflow/controller/retry_tweak.go', 34),
  },
  TRANSIENT_ERROR_PATTERN: {
    form: text(),
    description: 'Regular expression of further error messages treated as transient.',
    source: at('util/errors/errors.go', 76),
  },
  WF_DEL_PROPAGATION_POLICY: {
    form: oneOf(['Orphan', 'Background', 'Foreground']),
    default: 'Background',
    description: 'Deletion propagation policy used when deleting workflows.',
    source: at('util/util.go', 129),
  },
  WORKFLOW_GC_PERIOD: {
    form: goDuration,
    default: '5m',
    description: 'Period of the workflow garbage collection.',
    source: at('workflow/controller/controller.go', 735),
  },
  SEMAPHORE_NOTIFY_DELAY: {
    form: goDuration,
    default: '1s',
    description: 'Delay before semaphore waiters are notified.',
    source: at('workflow/controller/controller.go', 194),
  },
  WATCH_CONTROLLER_SEMAPHORE_CONFIGMAPS: {
    form: unlessFalse,
    default: 'true',
    description: 'Watches the controller and semaphore ConfigMaps for changes unless exactly "false" (then they are read once).',
    source: at('workflow/controller/controller.go', 324),
  },
  SKIP_WORKFLOW_DURATION_ESTIMATION: {
    form: equalsFlag('true'),
    default: 'false',
    description: 'Exactly "true" skips estimating durations from earlier workflows.',
    source: at('workflow/controller/estimation/estimator_factory.go', 33),
  },
  WORKFLOW_ESTIMATION_DB_QUERY_TIMEOUT_SECONDS: {
    form: integer({ min: 1 }),
    default: '5',
    description: 'Timeout of the archive queries used for duration estimation.',
    source: at('persist/sqldb/workflow_archive.go', 444),
  },
  WORKFLOW_USER_OVERRIDE_ALLOWLIST: {
    form: list(','),
    description:
      'WorkflowSpec field names a workflowTemplateRef submitter may set under strict template referencing; an unknown name stops the controller at start.',
    source: at('workflow/util/merge.go', 53),
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    form: text(),
    description:
      'When set (or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT), metrics are also exported over OTLP; the OpenTelemetry SDK reads the other OTEL_* variables.',
    source: at('util/telemetry/metrics.go', 76),
  },
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: {
    form: text(),
    description: 'As OTEL_EXPORTER_OTLP_ENDPOINT, for metrics only.',
    source: at('util/telemetry/metrics.go', 77),
  },
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: {
    form: text(),
    default: 'grpc',
    description: 'OTLP protocol: grpc (default) or http/...; falls back to OTEL_EXPORTER_OTLP_PROTOCOL.',
    source: at('util/telemetry/metrics.go', 85),
  },
  OTEL_EXPORTER_OTLP_PROTOCOL: {
    form: text(),
    default: 'grpc',
    description: 'OTLP protocol when OTEL_EXPORTER_OTLP_METRICS_PROTOCOL is unset.',
    source: at('util/telemetry/metrics.go', 87),
  },
} as const satisfies Variables;

export const WORKFLOW_CONTROLLER_CONTRACT = defineContract({
  repository: 'argoproj/workflow-controller',
  tags: [TAG],
  source: `argoproj/argo-workflows@${TAG}`,
  summary:
    'Argo Workflows controller: reconciles Workflows, CronWorkflows and WorkflowTemplates (argoproj.io CRDs) by creating pods, PVCs and PDBs; serves /healthz on :6060 and metrics on the port of its ConfigMap (default 9090); runs as 8737 and writes no files. Needs LEADER_ELECTION_IDENTITY (or LEADER_ELECTION_DISABLE=true) and a Lease in its namespace.',
  entrypoint: {
    command: ['workflow-controller'],
    alternatives: [['/bin/workflow-controller']],
    source: at('Dockerfile', 116),
  },
  variables: { ...FLAG_VARIABLES, ...CONTROLLER_VARIABLES },
  patterns: [
    {
      prefix: 'OTEL_',
      form: text(),
      description: 'OpenTelemetry SDK settings of the OTLP metrics exporter (headers, timeouts, ...), used when an OTLP endpoint is set.',
      source: at('util/telemetry/metrics.go', 76),
    },
  ],
  arguments: {
    unknownFlags: 'error',
    flags: {
      ...Object.fromEntries(LOCAL_FLAGS.map(([name, form, line, description]) => [`--${name}`, { form, description, source: main(line) }])),
      '--kubeconfig': { form: readPath(), description: 'Kubeconfig file; only needed out of cluster.', source: at('util/kube/cli/cli.go', 17) },
      ...Object.fromEntries(
        KUBECTL_FLAGS.map(([name, form, line]) => [
          `--${name}`,
          { form, description: `kubectl connection flag --${name} (clientcmd override).`, source: clientGo('tools/clientcmd/overrides.go', line) },
        ]),
      ),
      '--help': { form: 'switch', description: 'Print the usage and exit.', source: main(73) },
    },
  },
  api: [
    { group: 'coordination.k8s.io', resources: ['leases'], verbs: ['create', 'get', 'update'], source: role(6) },
    { group: '', resources: ['pods', 'pods/exec'], verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'], source: role(14) },
    { group: '', resources: ['configmaps'], verbs: ['get', 'watch', 'list'], source: role(27) },
    { group: '', resources: ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], verbs: ['create', 'update', 'delete', 'get'], source: role(35) },
    {
      group: 'argoproj.io',
      resources: ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'],
      verbs: ['get', 'list', 'watch', 'update', 'patch', 'delete', 'create'],
      source: role(45),
    },
    { group: 'argoproj.io', resources: ['workflowtemplates', 'workflowtemplates/finalizers'], verbs: ['get', 'list', 'watch'], source: role(61) },
    { group: 'argoproj.io', resources: ['workflowtaskresults'], verbs: ['list', 'watch', 'deletecollection'], source: role(70) },
    { group: '', resources: ['serviceaccounts'], verbs: ['get', 'list'], source: role(78) },
    { group: '', resources: ['secrets'], verbs: ['get'], source: role(85) },
    {
      group: 'argoproj.io',
      resources: ['cronworkflows', 'cronworkflows/finalizers'],
      verbs: ['get', 'list', 'watch', 'update', 'patch', 'delete'],
      source: role(91),
    },
    { group: '', resources: ['events'], verbs: ['create', 'patch'], source: role(103) },
    { group: 'policy', resources: ['poddisruptionbudgets'], verbs: ['create', 'get', 'delete'], source: role(110) },
    {
      group: 'authorization.k8s.io',
      resources: ['selfsubjectaccessreviews'],
      verbs: ['create'],
      source: at('util/auth/auth.go', 25),
    },
  ],
});
