/**
 * thoth-station/graph-backup-job at v0.10.1: runs pg_dump of the knowledge graph into a local file and
 * uploads it to Ceph/S3 as <THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/graph-backup/pg_dump-<UTC
 * %y-%m-%d-%H-%M-%S>, then "rotates" old dumps.
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.36.6, thoth-storages 0.74.0, thoth-analyzer 0.1.8
 * (run_command through delegator.py 0.1.1: a shell command line, the environment merged with PGPASSWORD),
 * prometheus-client 0.15.0; built by s2i on quay.io/thoth-station/s2i-thoth-ubi8-py38-postgres:latest,
 * which this repository builds from ubi8-py38-postgres/Dockerfile (the s2i Python image plus the
 * PostgreSQL 10 client from the PGDG repository).
 *
 * The program reads the connection variables itself for pg_dump: the thoth-storages graph adapter is only
 * constructed to read the library's Alembic head, never connected, so KNOWLEDGE_GRAPH_SSL_DISABLED and
 * THOTH_STORAGES_DEBUG_QUERIES are not read (pg_dump goes with libpq's default sslmode=prefer).
 */
import { defineContract, integer, text, url, writePath } from '../../../src/contracts/model.js';
import { S2I_PYTHON_APP_PY_ENTRYPOINT, s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/graph-backup-job@v0.10.1';
const STORAGES = 'thoth-station/storages@v0.74.0';

export const GRAPH_BACKUP_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/graph-backup-job',
  tags: ['v0.10.1'],
  source: REPO,
  summary:
    'CronJob: pg_dump -h HOST -p PORT -U USER -d DATABASE -f THOTH_DATA_DUMP_PATH (plain SQL, no timeout; the whole database goes to that file), uploads the file to S3 and pushes thoth_graph_backup_job (0 ok, 1 failed) to the Pushgateway (job graph-backup-job) when both PROMETHEUS_PUSHGATEWAY_URL and THOTH_DEPLOYMENT_NAME are set. Dump, upload and rotation errors are caught: the job then exits 0 with the metric at 1.',
  entrypoint: S2I_PYTHON_APP_PY_ENTRYPOINT,
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_IMPORT,
    ...THOTH_STORAGES_CEPH,
    THOTH_DATA_DUMP_PATH: {
      form: writePath(),
      required: true,
      default: 'pg_dump.sql',
      description:
        "File pg_dump writes the whole database to (-f), then uploaded. The default is relative to the working directory /opt/app-root/src, on the image's root file system: it fails when that is read-only, hence required; point it into a writable volume large enough for the dump. Pasted unquoted into a shell command line (no spaces).",
      source: `${REPO}:app.py#L36`,
    },
    KNOWLEDGE_GRAPH_HOST: {
      form: text(),
      required: true,
      default: 'localhost',
      description: 'pg_dump -h. The default (localhost) only works outside a cluster, hence required. Pasted unquoted into a shell command line.',
      source: `${REPO}:app.py#L38`,
    },
    KNOWLEDGE_GRAPH_PORT: {
      form: integer({ min: 1, max: 65535 }),
      default: '5432',
      description: 'pg_dump -p.',
      source: `${REPO}:app.py#L39`,
    },
    KNOWLEDGE_GRAPH_USER: {
      form: text(),
      default: 'postgres',
      description: 'pg_dump -U. Pasted unquoted into a shell command line.',
      source: `${REPO}:app.py#L40`,
    },
    KNOWLEDGE_GRAPH_DATABASE: {
      form: text(),
      default: 'postgres',
      description: 'pg_dump -d. Pasted unquoted into a shell command line.',
      source: `${REPO}:app.py#L41`,
    },
    KNOWLEDGE_GRAPH_PASSWORD: {
      form: text(),
      default: 'postgres',
      description: 'Given to pg_dump as PGPASSWORD (added to the inherited environment).',
      source: `${REPO}:app.py#L100`,
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        'Second part of the object prefix (GraphBackupStore: os.environ[...], KeyError without it) and env label of the metrics. The program itself treats it as optional (no metrics without it), but the store it then creates requires it. graph-metrics-exporter looks for the dumps under its own THOTH_DEPLOYMENT_NAME: both must be the same.',
      source: `${STORAGES}:thoth/storages/result_base.py#L62`,
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: url('http', 'https'),
      description: 'Pushgateway address; metrics are pushed only when it and THOTH_DEPLOYMENT_NAME are set (otherwise a warning is logged).',
      source: `${REPO}:app.py#L44`,
    },
    GRAPH_BACKUP_STORE_ROTATE: {
      form: integer({ min: 0 }),
      default: '21',
      description:
        'Number of dumps the rotation keeps (int() at import of thoth.storages). The rotation deletes the key <prefix>g (second character of the dump name) instead of the old dump, so no dump is ever deleted at this version.',
      source: `${STORAGES}:thoth/storages/graph_backup.py#L39`,
    },
    ...s2iPythonRun({ file: 'app.py' }),
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  limitations: [
    {
      rule: 'contract/image',
      message:
        'the image ships pg_dump from PostgreSQL 10 (postgresql10 from the PGDG repository); pg_dump refuses to dump a server of a newer major version ("aborting because of server version mismatch"), so against a PostgreSQL 11 or later knowledge graph (every environment here runs docker.io/library/postgres:16.4) every run fails: the exception is caught, thoth_graph_backup_job is set to 1 and the job exits 0 without a backup',
      source: `${REPO}:ubi8-py38-postgres/Dockerfile#L4-L5`,
    },
  ],
});
