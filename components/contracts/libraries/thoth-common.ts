/**
 * What thoth-common reads from the environment, for the images that use it.
 *
 * Read at thoth-station/common@v0.36.6 (pinned by metrics-exporter v0.21.4, reporter v0.11.3,
 * integration-tests v0.11.5) and compared with v0.36.4 (pinned by slo-reporter v0.19.3): between the two
 * tags only one line of openshift.py (workflow name prefixes) changed; the variables, their parsing and the
 * line numbers below are the same.
 *
 * Not declared here: KUBERNETES_SERVICE_HOST / KUBERNETES_SERVICE_PORT, which the kubernetes client's
 * in-cluster loader reads inside `OpenShift()` (the kubelet sets them), and the Ceph variables
 * `OpenShift._assign_workflow_parameters_for_ceph` reads with os.environ[...] when a workflow is scheduled
 * (THOTH_CEPH_BUCKET_PREFIX, THOTH_CEPH_BUCKET, THOTH_S3_ENDPOINT_URL, THOTH_DEPLOYMENT_NAME at
 * thoth/common/openshift.py#L1451): only the images that schedule workflows need them, and they
 * declare them.
 */
import { list, oneOf, pattern, pythonIntFlag, text, url, type Variables, type VariablePattern } from '../../../src/contracts/model.js';

const COMMON = 'thoth-station/common@v0.36.6';

/** The names `getattr(logging, NAME)` resolves to a level; any other text raises AttributeError. */
export const LOGGING_LEVEL_ATTRIBUTE = oneOf(['CRITICAL', 'FATAL', 'ERROR', 'WARNING', 'WARN', 'INFO', 'DEBUG', 'NOTSET']);

/** What `thoth.common.init_logging()` (and the import of thoth.common.logging) reads. */
export const THOTH_COMMON_LOGGING = {
  STI_SCRIPTS_PATH: {
    form: text(),
    description:
      'Set by the s2i base image. When it is unset or empty, init_logging logs coloured text instead of JSON (it stands for "running outside the cluster"); manifests should not set it.',
    source: `${COMMON}:thoth/common/logging.py#L230`,
  },
  THOTH_LOGGING_NO_JSON: {
    form: pythonIntFlag(),
    default: '0',
    description:
      'Non-zero integer: plain text logs instead of JSON. Parsed with int() (only when STI_SCRIPTS_PATH is set, as in every s2i image): a non-integer text stops init_logging with ValueError.',
    source: `${COMMON}:thoth/common/logging.py#L230`,
  },
  THOTH_ADJUST_LOGGING: {
    form: list(',', pattern('^[^:]+:[A-Z]+$', 'logger:LEVEL')),
    description:
      'Comma-separated logger:LEVEL pairs (any logger, e.g. flask:WARNING); an entry without a colon or with an unknown level is skipped with a warning.',
    source: `${COMMON}:thoth/common/logging.py#L101`,
  },
  SENTRY_DSN: {
    form: pattern('^[a-z]+://[^@/]+@[^/]+/.+$', 'a Sentry DSN, scheme://key@host/project'),
    description:
      'Sentry DSN, read at import of thoth.common.logging; unset turns Sentry reporting off. A value without "@" makes init_logging raise (it logs the part after "@").',
    source: `${COMMON}:thoth/common/logging.py#L39`,
  },
  SENTRY_ENVIRONMENT: {
    form: text(),
    description: 'Sentry environment name; falls back to THOTH_DEPLOYMENT_NAME. Only used when SENTRY_DSN is set.',
    source: `${COMMON}:thoth/common/logging.py#L267`,
  },
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    description:
      'Deployment name; init_logging uses it as the Sentry environment when SENTRY_ENVIRONMENT is unset (an error is logged when both are unset and Sentry is on). thoth-storages result stores require it (see THOTH_STORAGES_CEPH).',
    source: `${COMMON}:thoth/common/logging.py#L267`,
  },
  THOTH_SENTRY_IGNORE_LOGGER: {
    form: list(','),
    description: 'Comma-separated logger names whose records are not sent to Sentry.',
    source: `${COMMON}:thoth/common/logging.py#L282`,
  },
  THOTH_SENTRY_IGNORE_EXCEPTION: {
    form: list(',', pattern('^.+\\..+$', 'module.ExceptionName')),
    description:
      'Comma-separated fully qualified exception names (module.Name) not sent to Sentry; an entry without a dot is logged as unparsable and skipped.',
    source: `${COMMON}:thoth/common/logging.py#L287`,
  },
} as const satisfies Variables;

/** `THOTH_LOG_<logger>`: the level of the logger `thoth.<logger>` (lower-cased, `__` standing for `.`). */
export const THOTH_COMMON_LOG_PATTERNS = [
  {
    prefix: 'THOTH_LOG_',
    form: LOGGING_LEVEL_ATTRIBUTE,
    description:
      'Every variable whose name starts with THOTH_LOG_ sets the level of logger "thoth." + the rest of the name in lower case with "__" as "." (THOTH_LOG_ADVISER__STEPS=DEBUG sets thoth.adviser.steps). The value is looked up with getattr(logging, value): it must be an upper-case level name; any other text stops init_logging with AttributeError.',
    source: `${COMMON}:thoth/common/logging.py#L69`,
  },
] as const satisfies readonly VariablePattern[];

/** Read at import of thoth.common (thoth/common/helpers.py). */
export const THOTH_COMMON_HELPERS = {
  THOTH_JUSTIFICATION_LINK_BASE: {
    form: url('http', 'https'),
    default: 'https://thoth-station.ninja/j',
    description: 'Base URL of the justification links thoth-common builds (get_justification_link).',
    source: `${COMMON}:thoth/common/helpers.py#L41`,
  },
} as const satisfies Variables;

/**
 * What the constructor of `thoth.common.OpenShift` reads. None is required by the constructor: the
 * namespaces are checked (ConfigurationError) only by the methods that use them, so each image declares
 * the ones it needs as required after spreading this fragment. The constructor also needs the service
 * account token and CA at /var/run/secrets/kubernetes.io/serviceaccount (it falls back to ~/.kube/config
 * and fails when neither exists).
 */
export const THOTH_COMMON_KUBERNETES = {
  KUBERNETES_VERIFY_TLS: {
    form: pythonIntFlag(),
    default: '1',
    description: 'Verify the API server certificate; parsed with int() in the OpenShift constructor, so a non-integer text (e.g. "false") raises ValueError.',
    source: `${COMMON}:thoth/common/openshift.py#L97`,
  },
  KUBERNETES_API_URL: {
    form: url('https'),
    default: 'https://kubernetes.default.svc.cluster.local',
    description: 'Stored by the OpenShift constructor but used by no method at this version: it has no effect.',
    source: `${COMMON}:thoth/common/openshift.py#L153`,
  },
  OPENSHIFT_API_URL: {
    form: url('https'),
    description:
      'API server base URL for the raw REST calls (pod logs, builds, ...); defaults to the host of the loaded client configuration (in cluster: https://KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT).',
    source: `${COMMON}:thoth/common/openshift.py#L156`,
  },
  THOTH_FRONTEND_NAMESPACE: {
    form: text(),
    description: 'Namespace of the frontend (user-api); needed by the methods that touch it.',
    source: `${COMMON}:thoth/common/openshift.py#L142`,
  },
  THOTH_MIDDLETIER_NAMESPACE: {
    form: text(),
    description: 'Namespace of the middletier workloads; the default namespace of get_pod_log and others.',
    source: `${COMMON}:thoth/common/openshift.py#L145`,
  },
  THOTH_BACKEND_NAMESPACE: {
    form: text(),
    description: 'Namespace where backend workflows (adviser, provenance, ...) run.',
    source: `${COMMON}:thoth/common/openshift.py#L148`,
  },
  THOTH_GRAPH_NAMESPACE: {
    form: text(),
    description: 'Namespace of the knowledge graph database.',
    source: `${COMMON}:thoth/common/openshift.py#L151`,
  },
  THOTH_INFRA_NAMESPACE: {
    form: text(),
    description: 'Namespace of the infra workloads; where workflow templates and the solvers ConfigMap are looked up.',
    source: `${COMMON}:thoth/common/openshift.py#L152`,
  },
  THOTH_AMUN_INFRA_NAMESPACE: {
    form: text(),
    description: 'Namespace of Amun infra (inspection workflows).',
    source: `${COMMON}:thoth/common/openshift.py#L139`,
  },
  THOTH_AMUN_INSPECTION_NAMESPACE: {
    form: text(),
    description: 'Namespace where Amun inspections run.',
    source: `${COMMON}:thoth/common/openshift.py#L136`,
  },
} as const satisfies Variables;
