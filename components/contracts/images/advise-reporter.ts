/**
 * quay.io/thoth-station/advise-reporter: the Thoth reporter batch job. For each day from
 * THOTH_REPORTER_START_DATE to THOTH_REPORTER_END_DATE (default: yesterday to today) it counts adviser,
 * package-extract and provenance-checker requests and results on Ceph, aggregates the adviser documents
 * (justifications, statistics, inputs), stores the tables as CSV on Ceph (private and optionally public
 * bucket), pushes gauges to a Prometheus Pushgateway and, when switched on, sends advise-justification
 * messages to Kafka.
 *
 * The image is built from github.com/thoth-station/reporter (formerly thoth-station/advise-reporter),
 * read at tag v0.11.3. s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1; the s2i `run`
 * script executes app.sh, which runs `python producer.py` (there is no app.py). Pinned libraries
 * (Pipfile.lock): thoth-storages 0.74.0, thoth-messaging 0.16.2, thoth-common 0.36.6,
 * thoth-report-processing 0.8.1, prometheus-client 0.15.0, confluent-kafka 1.9.2.
 *
 * It never calls thoth-common's init_logging (producer.py configures logging with basicConfig), so
 * THOTH_LOG_*, THOTH_LOGGING_NO_JSON, THOTH_ADJUST_LOGGING and SENTRY_DSN have no effect. It builds a
 * GraphDatabase only to read the schema revision of its alembic scripts and never connects to the
 * database, so it reads no KNOWLEDGE_GRAPH_*. It uses no Kubernetes API and writes no files.
 */
import { defineContract, integer, pattern, pythonIntFlag, text } from '../../../src/contracts/model.js';
import { s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v0.11.3';
const at = (path: string, line: number): string => `thoth-station/reporter@${TAG}:${path}#L${line}`;
/** KAFKA_* without the topic prefix, which this image requires in every mode. */
const { THOTH_DEPLOYMENT_NAME: _topicPrefix, ...KAFKA } = THOTH_MESSAGING_KAFKA;
const DATE = pattern('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'a date YYYY-MM-DD');

export const ADVISE_REPORTER_CONTRACT = defineContract({
  repository: 'thoth-station/advise-reporter',
  tags: [TAG],
  source: `thoth-station/reporter@${TAG}`,
  summary:
    'Thoth reporter (daily batch): counts requests and results of adviser, package-extract and provenance-checker on Ceph, analyses adviser documents, stores CSV tables on Ceph, pushes gauges to a Pushgateway and optionally sends advise-justification messages to Kafka. With its pinned thoth-storages 0.74.0 the listing by day asks for <store>/-<yymmdd> (storages 2edaa5b0 dropped the result type from the date prefix), which matches no document: every count is 0, no adviser table is built, and ThothResultsMissing cannot fire.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.sh', 7),
  },
  variables: {
    ...THOTH_STORAGES_IMPORT,
    ...THOTH_STORAGES_CEPH,

    // The s2i run script: app.sh runs producer.py; there is no app.py.
    ...s2iPythonRun({ script: ['app.sh', './app.sh', '/opt/app-root/src/app.sh'], file: ['producer.py', '/opt/app-root/src/producer.py'] }),

    // Read at import of thoth/reporter/utils.py and producer.py.
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        'Deployment name: env label of every gauge, part of the Ceph prefixes (result stores and <prefix>/<deployment>/thoth-sli-metrics-<deployment>), and the topic prefix of the Kafka messages. os.environ[...] at import of thoth/reporter/utils.py.',
      source: at('thoth/reporter/utils.py', 32),
    },
    THOTH_CEPH_BUCKET_PREFIX: {
      form: text(),
      required: true,
      description: 'Ceph prefix of the result stores read and of the CSV tables written; os.environ[...] at import.',
      source: at('thoth/reporter/utils.py', 34),
    },
    THOTH_PUBLIC_CEPH_BUCKET: {
      form: text(),
      required: true,
      description:
        'Public bucket the CSV tables are also written to when THOTH_REPORTER_STORE_ON_PUBLIC_CEPH is on; os.environ[...] at import, so required even when that is off.',
      source: at('thoth/reporter/utils.py', 35),
    },
    THOTH_REPORTER_STORE_ON_CEPH: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: store the daily CSV tables on Ceph (otherwise they are only logged); bool(int()) at import.',
      source: at('producer.py', 50),
    },
    THOTH_REPORTER_STORE_ON_PUBLIC_CEPH: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: also store the CSV tables in THOTH_PUBLIC_CEPH_BUCKET; bool(int()) at import.',
      source: at('producer.py', 51),
    },
    THOTH_REPORTER_SEND_METRICS: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: push the gauges to PROMETHEUS_PUSHGATEWAY_URL at the end of the run; bool(int()) at import.',
      source: at('producer.py', 53),
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: pattern('^(https?://)?[^/\\s:]+(:[0-9]+)?(/.*)?$', 'a Pushgateway address: http(s)://host:port or host:port'),
      required: true,
      description:
        'Pushgateway the gauges (thoth_reporter_*) are pushed to, job "advise-reporter" (prometheus_client adds http:// when there is no scheme). Optional in the code, but unset the push fails (logged) and the alerts on thoth_reporter_* gauges never see data, hence required while THOTH_REPORTER_SEND_METRICS is on. When set, the run also publishes thoth_database_schema_revision_script.',
      source: at('producer.py', 58),
    },
    DEBUG_LEVEL: {
      form: pythonIntFlag(),
      default: '0',
      description: 'Non-zero integer: DEBUG logging (logging.basicConfig); bool(int()) at import, also in thoth-report-processing.',
      source: at('producer.py', 60),
    },
    THOTH_LIMIT_RESULTS: {
      form: pythonIntFlag(),
      default: '0',
      description: 'bool(int()) at import but passed to nothing at this version: no effect.',
      source: at('producer.py', 67),
    },
    THOTH_MAX_IDS: {
      form: integer({ min: 0 }),
      default: '100',
      description: 'int() at import but passed to nothing at this version: no effect.',
      source: at('producer.py', 68),
    },
    THOTH_REPORTER_START_DATE: {
      form: DATE,
      default: 'today (UTC date of the pod)',
      description:
        'First day analysed (YYYY-MM-DD). A start equal to the end date today is moved one day back, so the default run analyses yesterday. Another format is logged as an error and then usually stops the run (int() of its parts).',
      source: at('producer.py', 146),
    },
    THOTH_REPORTER_END_DATE: {
      form: DATE,
      default: 'today (UTC date of the pod)',
      description: 'Day after the last day analysed (YYYY-MM-DD, excluded); a date after tomorrow is clamped to today (tomorrow itself is kept).',
      source: at('producer.py', 147),
    },
  },
  modes: {
    selector: { variable: 'THOTH_REPORTER_SEND_KAFKA_MESSAGES' },
    default: 'off',
    classify: (value: string): string | undefined => (/^\s*[+-]?[0-9]+\s*$/.test(value) ? (Number.parseInt(value, 10) === 0 ? 'off' : 'on') : undefined),
    otherwise: 'bool(int(value)) at import raises ValueError on a non-integer text and the job stops before doing anything',
    source: at('producer.py', 49),
    variants: {
      off: {
        description: 'Default (unset or 0): no Kafka producer is created and no message is sent; KAFKA_* are not read.',
        source: at('producer.py', 55),
      },
      on: {
        description:
          'Non-zero integer: a confluent-kafka producer is created at import from KAFKA_*, and each advise justification is meant for <THOTH_DEPLOYMENT_NAME>.thoth.advise-reporter.advise-justification; but producer.py#L396 calls MessageContents.MessageContents, an AttributeError caught per message, so none is ever sent.',
        variables: { ...KAFKA },
        source: at('producer.py', 56),
      },
    },
  },
});
