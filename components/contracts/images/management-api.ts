/**
 * quay.io/thoth-station/management-api: Thoth's administrative REST API (connexion on Flask, served by
 * gunicorn from the s2i run script). Read at thoth-station/management-api@v0.18.11 with the libraries its
 * Pipfile.lock pins: thoth-common 0.36.6, thoth-storages 0.74.0 (same variables as the 0.74.1 the
 * storages fragment was read at), thoth-python 0.17.0, prometheus-client 0.15.0, gunicorn 20.1.0. It does
 * not use thoth-messaging (no Kafka).
 *
 * It schedules every job the old OpenShift way: thoth-common's WorkflowManager lists the OpenShift
 * Template labelled template=<job> (template.openshift.io), POSTs it to processedtemplates and submits
 * the Workflow inside it; graph refresh copies a CronJob read through batch/v1beta1 into a Job.
 *
 * Logging: init_logging is called with the prefix THOTH_MANAGEMENT_API_LOG_, so THOTH_LOG_* is NOT read.
 */
import { S2I_PYTHON_GUNICORN, S2I_PYTHON_GUNICORN_WRITES } from '../libraries/s2i-python.js';
import { LOGGING_LEVEL_ATTRIBUTE, THOTH_COMMON_HELPERS, THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import { defineContract, list, pythonIntFlag, text, url } from '../../../src/contracts/model.js';

const MANAGEMENT_API = 'thoth-station/management-api@v0.18.11';
const COMMON = 'thoth-station/common@v0.36.6';

export const MANAGEMENT_API_CONTRACT = defineContract({
  repository: 'thoth-station/management-api',
  tags: ['v0.18.11'],
  source: MANAGEMENT_API,
  summary:
    'Thoth management API: registers indexes and hardware in the knowledge graph (connecting to PostgreSQL at import), reads solver and Dependency Monkey documents from Ceph, and schedules solver, package-extract, Dependency Monkey, graph-sync, purge, schema-update and graph-refresh runs through OpenShift Templates and Argo Workflows.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${MANAGEMENT_API}:.aicoe-ci.yaml#L4`,
  },
  variables: {
    ...S2I_PYTHON_GUNICORN,
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_COMMON_KUBERNETES,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_STORAGES_CEPH,
    THOTH_APP_SECRET_KEY: {
      form: text(),
      required: true,
      description: 'Flask session secret key; os.environ[...] at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L36`,
    },
    THOTH_MANAGEMENT_API_TOKEN: {
      form: text(),
      required: true,
      description: 'Secret every administrative endpoint compares its "secret" parameter with; os.environ[...] at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L41`,
    },
    THOTH_MIDDLETIER_NAMESPACE: {
      form: text(),
      required: true,
      description: 'Namespace of solver and package-extract workflows (status, logs) and of the "sync" Template; os.environ[...] at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L42`,
    },
    THOTH_AMUN_INSPECTION_NAMESPACE: {
      form: text(),
      required: true,
      description: 'Namespace the Dependency Monkey workflows are submitted to and read from; os.environ[...] at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L43`,
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description: 'Deployment name (metric label, Ceph prefix, workflow parameter); os.environ[...] at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L44`,
    },
    THOTH_INFRA_NAMESPACE: {
      form: text(),
      required: true,
      description:
        'Namespace of the OpenShift Templates every scheduling endpoint processes (solver, package-extract, dependency-monkey, graph-schema-update) and of the "solvers" ConfigMap; unset, those endpoints fail with ConfigurationError.',
      source: `${COMMON}:thoth/common/workflows.py#L747`,
    },
    AMUN_API_URL: {
      form: url('http', 'https'),
      description:
        'Amun API that Dependency Monkey runs submit their stacks to (THOTH_DEPENDENCY_MONKEY_STACK_OUTPUT); unset or empty, "-" is passed and an error is logged at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/configuration.py#L25`,
    },
    THOTH_MANAGEMENT_API_DEBUG: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: DEBUG level for the thoth.management_api logger; bool(int()) at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/openapi_server.py#L47`,
    },
    THOTH_API_HTTPS: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: the / redirect to the UI uses https; bool(int()) at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/openapi_server.py#L58`,
    },
    THOTH_API_VALIDATE_RESPONSES: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: connexion validates responses against the OpenAPI document; bool(int()) at import.',
      source: `${MANAGEMENT_API}:thoth/management_api/openapi_server.py#L71`,
    },
    THOTH_MANAGEMENT_API_RUN_MIGRATIONS: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: the first request runs the knowledge-graph schema migrations (initialize_schema); bool(int()).',
      source: `${MANAGEMENT_API}:thoth/management_api/openapi_server.py#L130`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(',', url('http', 'https')),
      default: 'https://pypi.python.org/simple,https://pypi.org/simple',
      description: 'Comma-separated Python indexes thoth-python treats as warehouses; read at import of thoth.python (through thoth.storages).',
      source: 'thoth-station/python@v0.17.0:thoth/python/configuration.py#L40',
    },
  },
  patterns: [
    {
      prefix: 'THOTH_MANAGEMENT_API_LOG_',
      form: LOGGING_LEVEL_ATTRIBUTE,
      description:
        'init_logging is called with this prefix (not THOTH_LOG_): THOTH_MANAGEMENT_API_LOG_<NAME>=LEVEL sets logger "thoth." + <name> lower-cased with "__" as "."; the value must be an upper-case level name.',
      source: `${MANAGEMENT_API}:thoth/management_api/openapi_server.py#L42`,
    },
  ],
  api: [
    { group: '', resources: ['pods'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L502` },
    { group: '', resources: ['pods/log'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L328` },
    { group: '', resources: ['configmaps'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L920` },
    { group: 'argoproj.io', resources: ['workflows'], verbs: ['create', 'get'], source: `${COMMON}:thoth/common/workflows.py#L459` },
    { group: 'template.openshift.io', resources: ['templates'], verbs: ['list'], source: `${COMMON}:thoth/common/openshift.py#L731` },
    { group: 'template.openshift.io', resources: ['processedtemplates'], verbs: ['create'], source: `${COMMON}:thoth/common/openshift.py#L1724` },
    { group: 'batch', resources: ['cronjobs'], verbs: ['list'], source: `${COMMON}:thoth/common/openshift.py#L749` },
    { group: 'batch', resources: ['jobs'], verbs: ['create', 'get', 'list'], source: `${COMMON}:thoth/common/openshift.py#L823` },
  ],
  writes: S2I_PYTHON_GUNICORN_WRITES,
  limitations: [
    {
      rule: 'contract/api-group',
      message:
        "every scheduling endpoint (solver, package-extract, Dependency Monkey, sync, purge, graph-schema-update) lists an OpenShift Template labelled template=<job> and processes it through template.openshift.io/v1 processedtemplates before submitting the Workflow inside it; without OpenShift's template API, and without such Templates, it can schedule nothing",
      source: `${COMMON}:thoth/common/workflows.py#L182`,
    },
    {
      rule: 'contract/api-group',
      message: 'POST /graph/refresh reads the graph-refresh CronJob through batch/v1beta1, which Kubernetes 1.25 removed; it fails on any current cluster',
      source: `${COMMON}:thoth/common/openshift.py#L749`,
    },
  ],
});
