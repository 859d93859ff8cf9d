/**
 * thoth-station/package-update-job at v0.8.17: checks that every solved package, version and artifact
 * hash in the knowledge graph is still on its index and publishes missing-package, missing-version and
 * hash-mismatch Kafka messages. No metrics, no command-line options.
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.36.4, thoth-storages 0.73.0, thoth-messaging 0.16.2,
 * thoth-python 0.16.10; built by s2i on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1
 * (ubi8/python-38:1-34, whose s2i run script is sclorg/s2i-python-container 3.8 of 2019-12).
 */
import { defineContract, integer, list, url } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';
import { THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/package-update-job@v0.8.17';

export const PACKAGE_UPDATE_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/package-update-job',
  tags: ['v0.8.17'],
  source: REPO,
  summary:
    'CronJob: lists every Python package index known to the graph (enabled or not), then every solved (package, index) and (package, version, index), and publishes thoth.package-update.missing-package, .missing-package-version and .hash-mismatch messages for what the index no longer serves. Needs the database, Kafka and HTTPS egress to every index; writes nothing locally.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['python', 'producer.py']],
    source: `${REPO}:app.sh#L8`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_MESSAGING_KAFKA,
    THOTH_PACKAGE_UPDATE_SEMAPHORE_LIMIT: {
      form: integer({ min: 1 }),
      default: '1000',
      description:
        'Maximum number of concurrent index requests (asyncio.Semaphore); int() at import, so a non-integer stops the job. 0 would block every request forever.',
      source: `${REPO}:producer.py#L45`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(',', url('http', 'https')),
      default: 'https://pypi.python.org/simple,https://pypi.org/simple',
      description: 'thoth-python 0.16.10: comma-separated index URLs queried through the Warehouse JSON API instead of the PEP 503 simple pages.',
      source: 'thoth-station/python@v0.16.10:thoth/python/configuration.py#L40-L41',
    },
    // The s2i run script (d404b2d): app.sh (which runs python producer.py) always exists and runs first, so APP_FILE
    // is only reached with APP_SCRIPT set to the empty text. There is no app.py.
    ...s2iPythonRun({ script: ['app.sh', 'producer.py'], file: 'producer.py', version: 'd404b2d' }),
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
});
