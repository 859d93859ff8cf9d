/**
 * quay.io/thoth-station/user-api: Thoth's public REST API (connexion on Flask, served by gunicorn from
 * the s2i run script). Read at thoth-station/user-api@v0.35.10, with the libraries its Pipfile.lock pins:
 * thoth-common 0.36.6, thoth-storages 0.74.1, thoth-messaging 0.16.2, thoth-python 0.17.0,
 * prometheus-client 0.15.0, prometheus-flask-exporter 0.21.0, gunicorn 20.1.0, openshift 0.11.0.
 *
 * The image is an s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1 (ubi8/python-38), whose
 * /usr/libexec/s2i/run is sclorg's Python 3.8 run script: the repository has no app.sh, app.py, wsgi.py
 * or setup.py, so APP_MODULE picks the WSGI callable and gunicorn serves it (with ./gunicorn.conf.py,
 * which only sets a JSON access log): S2I_PYTHON_GUNICORN of libraries/s2i-python.ts, as for
 * management-api and amun-api, which run the same way.
 *
 * Logging: init_logging is called with the prefix THOTH_USER_API_LOG_, so THOTH_LOG_* is NOT read.
 */
import { S2I_PYTHON_GUNICORN, S2I_PYTHON_GUNICORN_WRITES } from '../libraries/s2i-python.js';
import { LOGGING_LEVEL_ATTRIBUTE, THOTH_COMMON_HELPERS, THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import { defineContract, integer, list, pythonIntFlag, readPath, text, url } from '../../../src/contracts/model.js';

const USER_API = 'thoth-station/user-api@v0.35.10';
const COMMON = 'thoth-station/common@v0.36.6';

export const USER_API_CONTRACT = defineContract({
  repository: 'thoth-station/user-api',
  tags: ['v0.35.10'],
  source: USER_API,
  summary:
    'Thoth user API: schedules advise, provenance-check, image-analysis, Kebechet and repo-init runs by producing Kafka messages, answers from the knowledge graph (PostgreSQL) and Ceph, and reads workflow and pod status and logs from the Kubernetes API; creates per-analysis callback Secrets in the backend namespace.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${USER_API}:.aicoe-ci.yaml#L4`,
  },
  variables: {
    ...S2I_PYTHON_GUNICORN,
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_COMMON_KUBERNETES,
    ...THOTH_MESSAGING_KAFKA,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_STORAGES_CEPH,
    THOTH_USER_API_APP_SECRET_KEY: {
      form: text(),
      required: true,
      description: 'Flask session secret key; os.environ[...] at import.',
      source: `${USER_API}:thoth/user_api/configuration.py#L30`,
    },
    THOTH_MIDDLETIER_NAMESPACE: {
      form: text(),
      required: true,
      description: 'Namespace of the package-extract workflows whose status and logs the API reports; os.environ[...] at import.',
      source: `${USER_API}:thoth/user_api/configuration.py#L33`,
    },
    THOTH_BACKEND_NAMESPACE: {
      form: text(),
      required: true,
      description:
        'Namespace of the adviser and provenance-checker workflows (status, logs) and of the callback-<analysis id> Secrets the API reads, creates and patches; os.environ[...] at import.',
      source: `${USER_API}:thoth/user_api/configuration.py#L34`,
    },
    THOTH_INFRA_NAMESPACE: {
      form: text(),
      description: 'Namespace of the "solvers" ConfigMap that GET /python/environments reads; unset, that endpoint fails with ConfigurationError.',
      source: `${COMMON}:thoth/common/openshift.py#L915`,
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description: 'Deployment name (metric label, Ceph prefix, Kafka topic prefix); os.environ[...] at import.',
      source: `${USER_API}:thoth/user_api/configuration.py#L35`,
    },
    THOTH_HOST: {
      form: text(),
      required: true,
      description: 'Public host name of the API; os.environ[...] at import (the service does not start without it), otherwise unused at this version.',
      source: `${USER_API}:thoth/user_api/configuration.py#L36`,
    },
    THOTH_USER_API_TOKEN: {
      form: text(),
      description: 'Token of authenticated requests (Kebechet metadata, origin); unset, every request that passes a token gets 401.',
      source: `${USER_API}:thoth/user_api/configuration.py#L37`,
    },
    THOTH_CACHE_EXPIRATION: {
      form: integer({ min: 0 }),
      default: '10800',
      description: 'Seconds a cached advise or provenance result is reused; int() at import.',
      source: `${USER_API}:thoth/user_api/configuration.py#L39`,
    },
    JAEGER_HOST: {
      form: text(),
      default: 'localhost',
      description: 'Read at import but used by nothing at this version.',
      source: `${USER_API}:thoth/user_api/configuration.py#L41`,
    },
    KAFKA_CAFILE: {
      form: readPath(),
      default: 'ca.cert',
      description: 'Read at import but used by nothing at this version (the Kafka client reads KAFKA_SSL_CA_LOCATION).',
      source: `${USER_API}:thoth/user_api/configuration.py#L49`,
    },
    THOTH_USER_API_DEBUG: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: DEBUG level for the thoth.user_api logger; bool(int()) at import.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L54`,
    },
    THOTH_API_HTTPS: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: the / redirect to the UI uses https; bool(int()) at import.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L66`,
    },
    THOTH_API_REPORT_EXCEPTIONS: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: HTTP 500 responses carry the exception and traceback; bool(int()) at import.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L67`,
    },
    THOTH_MAX_POST_CONTENT_LENGTH: {
      form: integer({ min: 0 }),
      default: '3145728',
      description: 'Largest POST body in bytes; larger requests get 400. int() at import.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L68`,
    },
    THOTH_SEARCH_UI_URL: {
      form: url('http', 'https'),
      default: 'https://thoth-station.ninja/search/',
      description: 'Sent back in the X-Thoth-Search-Ui-Url response header.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L69`,
    },
    THOTH_API_VALIDATE_RESPONSES: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: connexion validates responses against the OpenAPI document; bool(int()) at import.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L83`,
    },
    THOTH_USER_API_PAGE_SIZE_MAX: {
      form: integer({ min: 1 }),
      default: '100',
      description: 'Largest page of paginated listings; int() at import.',
      source: `${USER_API}:thoth/user_api/api_v1.py#L97`,
    },
    THOTH_USER_API_PAGE_SIZE_DEFAULT: {
      form: integer({ min: 1 }),
      default: '25',
      description: 'Default page size of paginated listings; int() at import.',
      source: `${USER_API}:thoth/user_api/api_v1.py#L98`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(',', url('http', 'https')),
      default: 'https://pypi.python.org/simple,https://pypi.org/simple',
      description: 'Comma-separated Python indexes thoth-python treats as warehouses; read at import of thoth.python.',
      source: 'thoth-station/python@v0.17.0:thoth/python/configuration.py#L40',
    },
  },
  patterns: [
    {
      prefix: 'THOTH_USER_API_LOG_',
      form: LOGGING_LEVEL_ATTRIBUTE,
      description:
        'init_logging is called with this prefix (not THOTH_LOG_): THOTH_USER_API_LOG_<NAME>=LEVEL sets logger "thoth." + <name> lower-cased with "__" as "."; the value must be an upper-case level name.',
      source: `${USER_API}:thoth/user_api/openapi_server.py#L51`,
    },
  ],
  api: [
    { group: '', resources: ['pods'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L502` },
    { group: '', resources: ['pods/log'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L328` },
    { group: '', resources: ['configmaps'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L920` },
    { group: '', resources: ['secrets'], verbs: ['get', 'create', 'patch'], source: `${USER_API}:thoth/user_api/api_v1.py#L159` },
    { group: 'argoproj.io', resources: ['workflows'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L1915` },
  ],
  writes: S2I_PYTHON_GUNICORN_WRITES,
});
