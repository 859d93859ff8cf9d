/**
 * quay.io/thoth-station/amun-api: Amun, the service that builds and runs software-stack inspections
 * (connexion on Flask, served by gunicorn from the s2i run script). Read at thoth-station/amun-api@v0.10.6
 * with the libraries its Pipfile.lock pins: thoth-common 0.36.1, thoth-storages 0.71.1, thoth-python
 * 0.16.9, prometheus-client 0.14.0, prometheus-flask-exporter 0.20.0, gunicorn 20.1.0, openshift 0.11.0.
 * The shared fragments were read at thoth-common 0.36.6 and thoth-storages 0.74.1: between those tags the
 * variables the OpenShift constructor, init_logging and the Ceph stores read, and their parsing, are the
 * same (openshift.py#L97-L157 and logging.py are line-for-line identical); thoth-storages 0.71.1 does not
 * yet read THOTH_STORAGES_RANDOMIZE_LISTING, which is left out below. It does not use thoth-messaging or
 * the knowledge graph (only the Ceph InspectionStore).
 *
 * POST /inspect generates a Dockerfile from the specification (amun/dockerfile.py, see the
 * amun-inspections contract for what that image runs) and calls OpenShift.schedule_inspection, which
 * lists the OpenShift Template labelled template=amun-inspection-workflow in THOTH_AMUN_INFRA_NAMESPACE,
 * processes it through template.openshift.io processedtemplates and submits the Workflow inside it to
 * THOTH_AMUN_INSPECTION_NAMESPACE.
 *
 * Logging: init_logging is called with the prefix AMUN_LOG_, so THOTH_LOG_* is NOT read.
 */
import { S2I_PYTHON_GUNICORN, S2I_PYTHON_GUNICORN_WRITES } from '../libraries/s2i-python.js';
import { LOGGING_LEVEL_ATTRIBUTE, THOTH_COMMON_HELPERS, THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';
import { defineContract, list, pattern, pythonIntFlag, text, url } from '../../../src/contracts/model.js';

const AMUN = 'thoth-station/amun-api@v0.10.6';
const COMMON = 'thoth-station/common@v0.36.1';

// thoth-storages 0.71.1 has no THOTH_STORAGES_RANDOMIZE_LISTING (thoth/storages/sync.py reads no variable there).
const { THOTH_STORAGES_RANDOMIZE_LISTING: _notReadAt0711, ...STORAGES_IMPORT_0_71_1 } = THOTH_STORAGES_IMPORT;

const QUANTITY = '[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?';

export const AMUN_API_CONTRACT = defineContract({
  repository: 'thoth-station/amun-api',
  tags: ['v0.10.6'],
  source: AMUN,
  summary:
    'Amun API: turns an inspection specification into a Dockerfile, schedules the build-and-run Workflow by processing an OpenShift Template, and serves inspection status (Argo Workflow, pods) and results (Ceph InspectionStore).',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${AMUN}:.aicoe-ci.yaml#L4`,
  },
  variables: {
    ...S2I_PYTHON_GUNICORN,
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_COMMON_KUBERNETES,
    ...STORAGES_IMPORT_0_71_1,
    ...THOTH_STORAGES_CEPH,
    AMUN_API_APP_SECRET_KEY: {
      form: text(),
      required: true,
      description: 'Flask session secret key; os.environ[...] at import.',
      source: `${AMUN}:amun/configuration.py#L30`,
    },
    THOTH_AMUN_INSPECTION_NAMESPACE: {
      form: text(),
      required: true,
      description: 'Namespace the inspection Workflows are submitted to and looked up in (label inspection_id=<id>); os.environ[...] at import.',
      source: `${AMUN}:amun/configuration.py#L32`,
    },
    THOTH_AMUN_INFRA_NAMESPACE: {
      form: text(),
      required: true,
      description:
        'Namespace where the OpenShift Template labelled template=amun-inspection-workflow is listed and processed (also passed to it as THOTH_INFRA_NAMESPACE); os.environ[...] at import.',
      source: `${AMUN}:amun/configuration.py#L33`,
    },
    THOTH_API_HTTPS: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: the / redirect to the UI uses https; bool(int()) at import.',
      source: `${AMUN}:amun/entrypoint.py#L48`,
    },
    AMUN_DEBUG: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: DEBUG level for the "amun" logger; bool(int()) at import.',
      source: `${AMUN}:amun/entrypoint.py#L50`,
    },
    THOTH_AMUN_API_URL: {
      form: url('http', 'https'),
      description: 'Recorded in every inspection specification as @amun_api_url; unset records null.',
      source: `${AMUN}:amun/api_v1.py#L45`,
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        "Recorded as @amun_deployment_name; the InspectionStore prefix (<bucket prefix>/<deployment>/inspections) and the workflow's deployment_name parameter read it with os.environ[...], so inspections and their results fail without it.",
      source: `${AMUN}:amun/api_v1.py#L46`,
    },
    THOTH_DEFAULT_CPU_REQUESTS: {
      form: pattern(QUANTITY, 'a Kubernetes CPU quantity, e.g. 500m'),
      default: '500m',
      description: 'CPU request given to inspection builds and runs whose specification states none.',
      source: `${AMUN}:amun/api_v1.py#L52`,
    },
    THOTH_DEFAULT_MEM_REQUESTS: {
      form: pattern(QUANTITY, 'a Kubernetes memory quantity, e.g. 256Mi'),
      default: '256Mi',
      description: 'Memory request given to inspection builds and runs whose specification states none.',
      source: `${AMUN}:amun/api_v1.py#L53`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(',', url('http', 'https')),
      default: 'https://pypi.python.org/simple,https://pypi.org/simple',
      description: 'Comma-separated Python indexes thoth-python treats as warehouses; read at import of thoth.python (through thoth.storages).',
      source: 'thoth-station/python@v0.16.9:thoth/python/configuration.py#L40',
    },
  },
  patterns: [
    {
      prefix: 'AMUN_LOG_',
      form: LOGGING_LEVEL_ATTRIBUTE,
      description:
        'init_logging is called with this prefix (not THOTH_LOG_): AMUN_LOG_<NAME>=LEVEL sets logger "thoth." + <name> lower-cased with "__" as "."; the value must be an upper-case level name.',
      source: `${AMUN}:amun/entrypoint.py#L46`,
    },
  ],
  api: [
    { group: 'template.openshift.io', resources: ['templates'], verbs: ['list'], source: `${COMMON}:thoth/common/openshift.py#L731` },
    { group: 'template.openshift.io', resources: ['processedtemplates'], verbs: ['create'], source: `${COMMON}:thoth/common/openshift.py#L1690` },
    { group: 'argoproj.io', resources: ['workflows'], verbs: ['create'], source: `${COMMON}:thoth/common/workflows.py#L460` },
    { group: 'argoproj.io', resources: ['workflows'], verbs: ['list'], source: `${COMMON}:thoth/common/openshift.py#L1900` },
    { group: '', resources: ['pods'], verbs: ['get'], source: `${COMMON}:thoth/common/openshift.py#L502` },
  ],
  writes: S2I_PYTHON_GUNICORN_WRITES,
  limitations: [
    {
      rule: 'contract/api-group',
      message:
        "POST /inspect schedules every inspection by listing the OpenShift Template labelled template=amun-inspection-workflow in THOTH_AMUN_INFRA_NAMESPACE and processing it through template.openshift.io/v1 processedtemplates (never the -with-cpu Template: schedule_inspection does not pass use_hw_template); it cannot start an argoproj WorkflowTemplate, so without OpenShift's template API and such a Template no inspection can be scheduled",
      source: `${COMMON}:thoth/common/workflows.py#L526`,
    },
  ],
});
