/**
 * thoth-station/pulp-pypi-sync-job at v0.1.1: lists the pulp-python distributions of a Pulp instance
 * and registers each one not yet known as a Python package index in the knowledge graph.
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.34.0, thoth-storages 0.68.2, click 8.0.3,
 * requests 2.27.1; built by s2i on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.29.0 (no app.sh: the run
 * script runs python app.py). thoth-common 0.34.0 reads the same logging variables as the 0.36 fragment
 * plus RSYSLOG_HOST / RSYSLOG_PORT, declared here.
 */
import { clickFlag, defineContract, integer, pattern, text } from '../../../src/contracts/model.js';
import { S2I_PYTHON_APP_PY_ENTRYPOINT, s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/pulp-pypi-sync-job@v0.1.1';
const COMMON = 'thoth-station/common@v0.34.0';

const HOST = pattern('^[A-Za-z0-9.-]+(:[0-9]+)?$', 'a host name with an optional :port, without scheme or path');

export const PULP_PYPI_SYNC_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/pulp-pypi-sync-job',
  tags: ['v0.1.1'],
  source: REPO,
  summary:
    'CronJob: GET https://<instance>/pulp/api/v3/distributions/python/pypi/ with basic auth (first page only), turns each base_url into https://<instance><path>/simple and inserts the unknown ones into python_package_index (enabled unless --disable-index). Needs the database and HTTPS egress to the Pulp instance; no Kafka, no metrics, writes nothing locally.',
  entrypoint: S2I_PYTHON_APP_PY_ENTRYPOINT,
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_GRAPH,
    RSYSLOG_HOST: {
      form: text(),
      description: 'thoth-common 0.34: with RSYSLOG_PORT, also log to this syslog host. Setting only one of the two makes init_logging raise RuntimeError.',
      source: `${COMMON}:thoth/common/logging.py#L39`,
    },
    RSYSLOG_PORT: {
      form: integer({ min: 1, max: 65535 }),
      description: 'thoth-common 0.34: syslog port (int()); see RSYSLOG_HOST.',
      source: `${COMMON}:thoth/common/logging.py#L40`,
    },
    THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE: {
      form: HOST,
      required: true,
      description:
        'click envvar of --pulp-instance (required: usage error, exit 2, without it). A HOST, not a URL: the program builds https://<value>/pulp/api/v3/... itself, so "https://pulp.example" yields https://https://pulp.example/... and the request fails.',
      source: `${REPO}:app.py#L57-L64`,
    },
    THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME: {
      form: text(),
      required: true,
      description: 'click envvar of --pulp-username: basic-auth user for the Pulp API (required).',
      source: `${REPO}:app.py#L65-L72`,
    },
    THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD: {
      form: text(),
      required: true,
      description: 'click envvar of --pulp-password: basic-auth password for the Pulp API (required).',
      source: `${REPO}:app.py#L73-L80`,
    },
    THOTH_PULP_REPOSITORIES_SYNC_DISABLE_INDEX: {
      form: clickFlag(),
      default: 'false',
      description: 'click envvar of --disable-index/--enable-index (BOOL): register new indexes disabled. Off by default: new indexes are enabled.',
      source: `${REPO}:app.py#L81-L88`,
    },
    THOTH_PULP_REPOSITORIES_ONLY_PACKAGES_SEEN: {
      form: clickFlag(),
      default: 'false',
      description:
        'click envvar of --only-if-package-seen (BOOL): register new indexes with only_if_package_seen, so package-releases-job checks only known packages there. Note the name: ONLY_PACKAGES_SEEN, without SYNC_.',
      source: `${REPO}:app.py#L89-L96`,
    },
    ...s2iPythonRun({ file: 'app.py' }),
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  arguments: {
    flags: {
      '--pulp-instance': { form: HOST, description: 'Pulp host (THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE).', source: `${REPO}:app.py#L57-L64` },
      '--pulp-username': { form: text(), description: 'Pulp user.', source: `${REPO}:app.py#L65-L72` },
      '--pulp-password': { form: text(), description: 'Pulp password.', source: `${REPO}:app.py#L73-L80` },
      '--disable-index': { form: 'switch', description: 'Register new indexes disabled.', source: `${REPO}:app.py#L81-L88` },
      '--enable-index': { form: 'switch', description: 'Register new indexes enabled (default).', source: `${REPO}:app.py#L81-L88` },
      '--only-if-package-seen': { form: 'switch', description: 'Register new indexes with only_if_package_seen.', source: `${REPO}:app.py#L89-L96` },
    },
    unknownFlags: 'error',
  },
});
