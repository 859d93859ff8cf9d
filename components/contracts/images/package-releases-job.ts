/**
 * thoth-station/package-releases-job at v0.11.11: records new releases of known packages (or of every
 * package of an index whose only_if_package_seen is false) as python_package_version_entity rows and
 * publishes thoth.package-release.package-released for each new one; pushes metrics if asked to.
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.36.4, thoth-storages 0.73.3, thoth-messaging 0.16.2,
 * thoth-python 0.16.10, click 8.1.3, prometheus-client 0.14.1; built by s2i on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.0 (sclorg s2i run script of 2021-06).
 */
import { clickFlag, defineContract, integer, list, text, url } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';
import { THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/package-releases-job@v0.11.11';

export const PACKAGE_RELEASES_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/package-releases-job',
  tags: ['v0.11.11'],
  source: REPO,
  summary:
    'CronJob: for every enabled index of the knowledge graph, lists the versions of the known package names (or of every package on the index) over HTTPS, inserts the new ones into the graph and publishes thoth.package-release.package-released; pushes thoth_package_release_job_* to the Pushgateway (job package-releases) when PROMETHEUS_PUSHGATEWAY_URL is set. Needs the database, Kafka and egress to the indexes; writes nothing locally.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['python', 'producer.py']],
    source: `${REPO}:app.sh#L7`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_MESSAGING_KAFKA,
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description: 'os.environ[...] at import (KeyError without it): the env label of the metrics; thoth-messaging also prefixes every topic with it.',
      source: `${REPO}:producer.py#L59`,
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: url('http', 'https'),
      description: 'Pushgateway address; metrics are pushed (job package-releases) only when it is set; push errors are logged.',
      source: `${REPO}:producer.py#L60`,
    },
    THOTH_PACKAGE_RELEASES_CHUNK_SIZE: {
      form: integer({ min: 1 }),
      default: '256',
      description:
        'Number of packages whose versions are fetched concurrently (also the number of open sockets); int() at import. 0 makes range() raise ValueError.',
      source: `${REPO}:producer.py#L63`,
    },
    THOTH_PACKAGE_RELEASES_DEBUG: {
      form: clickFlag(),
      description:
        'click envvar of -v/--verbose (BOOL): debug logging for the thoth.package_releases_job logger. The auto_envvar_prefix the command sets on its context is dead code (the context is never passed), so no other THOTH_PACKAGE_RELEASES_* option variable exists.',
      source: `${REPO}:producer.py#L250-L256`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(',', url('http', 'https')),
      default: 'https://pypi.python.org/simple,https://pypi.org/simple',
      description: 'thoth-python 0.16.10: comma-separated index URLs queried through the Warehouse JSON API instead of the PEP 503 simple pages.',
      source: 'thoth-station/python@v0.16.10:thoth/python/configuration.py#L40-L41',
    },
    // The s2i run script: app.sh (exec python producer.py); producer.py is not executable and there is no app.py.
    ...s2iPythonRun({ script: 'app.sh', file: 'producer.py' }),
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  arguments: {
    flags: {
      '-v': { form: 'switch', description: 'Debug logging (same as THOTH_PACKAGE_RELEASES_DEBUG).', source: `${REPO}:producer.py#L250-L256` },
      '--verbose': { form: 'switch', description: 'Debug logging (same as THOTH_PACKAGE_RELEASES_DEBUG).', source: `${REPO}:producer.py#L250-L256` },
      '--version': {
        form: 'switch',
        description: 'Declared as "print version and exit" but prints nothing: the job exits at once without doing anything.',
        source: `${REPO}:producer.py#L98-L102`,
      },
    },
    unknownFlags: 'error',
  },
});
