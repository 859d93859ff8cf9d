/**
 * quay.io/thoth-station/metrics-exporter: Thoth's Prometheus exporter (Flask under gunicorn). At import
 * it registers some 50 metric jobs (knowledge graph counts, solvers, Ceph/Kafka/database connectivity,
 * Kebechet, PyPI, security) and runs each of them again and again on a thread pool; /metrics answers 503
 * until every job has succeeded once (unless THOTH_METRICS_EXPORTER_WEAK_READINESS is on).
 *
 * Read at thoth-station/metrics-exporter@v0.21.4. s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38
 * (v0.35.1, from registry.access.redhat.com/ubi8/python-38); there is no app.sh or app.py, so the s2i
 * `run` script serves wsgi.py with gunicorn. Pinned libraries (Pipfile.lock): thoth-common 0.36.6,
 * thoth-storages 0.74.0, thoth-messaging 0.16.2, prometheus-client 0.15.0, prometheus-api-client 0.5.2,
 * gunicorn 20.1.0, openshift 0.11.0, kubernetes 11.0.0.
 *
 * Import-time requirements (os.environ[...] in class bodies): a missing one stops the import of wsgi.py,
 * so gunicorn's worker fails to boot and the pod crash-loops. The Kubernetes API is used for one thing:
 * reading the `solvers` ConfigMap in THOTH_INFRA_NAMESPACE. /tmp must be writable: gunicorn creates its
 * worker heartbeat file there, and the openshift DynamicClient under thoth-common's OpenShift() asks
 * tempfile.gettempdir() for its discovery cache (openshift 0.11.0 discovery.py#L30), which raises when no
 * temporary directory is writable, so OpenShift() fails. The run script must run as uid 1001 (or 0):
 * for any other uid it writes /opt/app-root/etc/passwd (nss_wrapper), which fails on a read-only root.
 */
import { defineContract, integer, pythonIntFlag, text, url, writePath } from '../../../src/contracts/model.js';
import { s2iPythonRunLines } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';

const TAG = 'v0.21.4';
const at = (path: string, line: number): string => `thoth-station/metrics-exporter@${TAG}:${path}#L${line}`;

export const METRICS_EXPORTER_CONTRACT = defineContract({
  repository: 'thoth-station/metrics-exporter',
  tags: [TAG],
  source: `thoth-station/metrics-exporter@${TAG}`,
  summary:
    'Prometheus exporter of Thoth: gunicorn serves wsgi.py; metric jobs query the knowledge graph, Prometheus (Thanos), Ceph, Kafka, GitHub, PyPI and the solvers ConfigMap, and /metrics answers 503 until every job succeeded once.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('wsgi.py', 108),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_COMMON_KUBERNETES,
    ...THOTH_MESSAGING_KAFKA,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_STORAGES_CEPH,

    // The s2i run script and gunicorn.
    WEB_CONCURRENCY: {
      form: integer({ min: 1 }),
      required: true,
      default: 'computed from the cgroup limits (2 per core, at most 12)',
      description:
        'Number of gunicorn workers (read by the s2i run script and gunicorn). Must be 1: every worker runs all metric jobs on its own (double database load) and /metrics then answers from whichever worker takes the scrape. Unset, the run script computes 2 workers for 1 CPU.',
      source: s2iPythonRunLines(111),
    },
    APP_MODULE: {
      form: text(),
      default: 'wsgi',
      description: 'WSGI module gunicorn serves; the run script picks wsgi because wsgi.py exists. Leave unset.',
      source: s2iPythonRunLines(104),
    },
    APP_CONFIG: {
      form: text(),
      description: 'gunicorn configuration file (--config); when set (or GUNICORN_CMD_ARGS), the default --bind=0.0.0.0:$PORT --access-logfile=- is dropped.',
      source: s2iPythonRunLines(114),
    },
    GUNICORN_CMD_ARGS: {
      form: text(),
      description: 'Extra gunicorn arguments; when set, the default --bind=0.0.0.0:$PORT is dropped, so it must carry its own --bind.',
      source: s2iPythonRunLines(114),
    },
    PORT: {
      form: integer({ min: 1, max: 65535 }),
      default: '8080',
      description: 'Port gunicorn binds to with the default arguments.',
      source: s2iPythonRunLines(97),
    },

    // prometheus_client 0.15.0, read at import.
    PROMETHEUS_MULTIPROC_DIR: {
      form: writePath(),
      description:
        'Switches prometheus_client to multiprocess mode (metric values in files in this directory). Leave unset: the exporter serves its own registry from one process.',
      source: 'prometheus/client_python@v0.15.0:prometheus_client/values.py#L131',
    },

    // The exporter's own configuration (thoth/metrics_exporter/configuration.py, read at import).
    PROMETHEUS_HOST_URL: {
      form: url('http', 'https'),
      required: true,
      description: 'Prometheus/Thanos query URL (PrometheusConnect, TLS verification off); os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 31),
    },
    PROMETHEUS_SERVICE_ACCOUNT_TOKEN: {
      form: text(),
      required: true,
      description: 'Bearer token sent to PROMETHEUS_HOST_URL; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 32),
    },
    METRICS_EXPORTER_INFRA_PROMETHEUS_INSTANCE: {
      form: text(),
      required: true,
      description:
        "Value of the `field` label the solver and security jobs select when they read back the exporter's own thoth_graphdb_total_number_* series from Prometheus (to compute change counters). os.environ[...] in the class bodies of SecurityMetrics and SolverMetrics: missing, the import of wsgi.py fails with KeyError.",
      source: at('thoth/metrics_exporter/jobs/security.py', 39),
    },
    THOTH_METRICS_EXPORTER_QUAY_SECURITY_TIMESTAMP_PRESCRIPTION_URL: {
      form: url('https', 'http'),
      default: 'https://raw.githubusercontent.com/thoth-station/prescriptions/master/prescriptions/_containers/quay_security.yaml',
      description:
        'Prescription YAML the get_quay_security_days job downloads; a connection error fails the job, so without egress to it the exporter never becomes ready.',
      source: at('thoth/metrics_exporter/jobs/security.py', 40),
    },
    GITHUB_ACCESS_TOKEN: {
      form: text(),
      required: true,
      description: 'GitHub token for the Kebechet rate-limit job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 51),
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        'Deployment name: label of the schema-revision metrics, and the env label the database job matches in Prometheus; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 48),
    },
    THOTH_BACKEND_NAMESPACE: {
      form: text(),
      required: true,
      description: 'os.environ[...] at import (configuration.py); no job uses it at this version.',
      source: at('thoth/metrics_exporter/configuration.py', 37),
    },
    THOTH_MIDDLETIER_NAMESPACE: {
      form: text(),
      required: true,
      description: 'os.environ[...] at import (configuration.py); no job uses it at this version.',
      source: at('thoth/metrics_exporter/configuration.py', 38),
    },
    THOTH_AMUN_INSPECTION_NAMESPACE: {
      form: text(),
      required: true,
      description: 'os.environ[...] at import (configuration.py); no job uses it at this version.',
      source: at('thoth/metrics_exporter/configuration.py', 39),
    },
    THOTH_INFRA_NAMESPACE: {
      form: text(),
      required: true,
      description:
        'Namespace of the `solvers` ConfigMap the four solver jobs read (thoth-common OpenShift.get_solver_names); unset, those jobs raise ConfigurationError on every run and the exporter never becomes ready.',
      source: 'thoth-station/common@v0.36.6:thoth/common/openshift.py#L920',
    },
    THOTH_S3_ENDPOINT_URL: {
      form: url('http', 'https'),
      required: true,
      description: 'S3 endpoint of the Ceph connectivity job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 45),
    },
    THOTH_CEPH_KEY_ID: {
      form: text(),
      required: true,
      description: 'S3 access key id of the Ceph connectivity job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 42),
    },
    THOTH_CEPH_SECRET_KEY: {
      form: text(),
      required: true,
      description: 'S3 secret key of the Ceph connectivity job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 43),
    },
    THOTH_CEPH_BUCKET_PREFIX: {
      form: text(),
      required: true,
      description: 'Object prefix of the Ceph connectivity job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 44),
    },
    THOTH_CEPH_BUCKET: {
      form: text(),
      required: true,
      description: 'Bucket of the Ceph connectivity job; os.environ[...] at import.',
      source: at('thoth/metrics_exporter/configuration.py', 46),
    },
    KAFKA_BOOTSTRAP_SERVERS: {
      form: THOTH_MESSAGING_KAFKA.KAFKA_BOOTSTRAP_SERVERS.form,
      required: true,
      description:
        'Brokers the Kafka connectivity job lists topics on (thoth-messaging check_connection). Note: check_connection returns False instead of raising when the brokers are unreachable, so thoth_kafka_connection_error_status stays 0 even then; only an invalid client configuration sets it to 1.',
      source: 'thoth-station/messaging@v0.16.2:thoth/messaging/admin_client.py#L83',
    },
    THOTH_METRICS_EXPORTER_UPDATE_INTERVAL: {
      form: integer({ min: 1 }),
      default: '20',
      description: 'Seconds between two runs of the same metric job (a job sleeps in its worker thread for the rest); int() at import.',
      source: at('wsgi.py', 46),
    },
    THOTH_METRICS_EXPORTER_GRAFANA_REDIRECT_URL: {
      form: url('http', 'https'),
      default: 'https://grafana.datahub.redhat.com/',
      description: 'Where GET / redirects (308).',
      source: at('wsgi.py', 47),
    },
    THOTH_METRICS_EXPORTER_MAX_WORKERS: {
      form: integer({ min: 0 }),
      default: '16',
      description: "Threads of the job pool (0 means Python's default); int() at import.",
      source: at('wsgi.py', 48),
    },
    THOTH_METRICS_EXPORTER_WEAK_READINESS: {
      form: pythonIntFlag(),
      default: '0',
      description:
        'Non-zero integer: /metrics answers from the start instead of 503 until every job has succeeded once. bool(int()) at import. With probes on /metrics, leaving it off means one permanently failing job (no egress to GitHub or PyPI, database schema not up to date, Prometheus unreachable) keeps the pod unready and the liveness probe restarting it.',
      source: at('wsgi.py', 50),
    },
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  api: [
    {
      group: '',
      resources: ['configmaps'],
      verbs: ['get'],
      source: 'thoth-station/common@v0.36.6:thoth/common/openshift.py#L621',
    },
  ],
  writes: [
    {
      path: '/tmp',
      source: 'benoitc/gunicorn@20.1.0:gunicorn/workers/workertmp.py#L23',
    },
  ],
});
