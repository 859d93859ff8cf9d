/**
 * thoth-station/graph-metrics-exporter at v0.6.5: computes knowledge-graph health metrics (index
 * corruption via amcheck, table and index bloat, age and count of the graph-backup dumps) and pushes them
 * to the Pushgateway (job graph-metrics-exporter).
 *
 * Pins (Pipfile.lock at the tag): thoth-common 0.36.6, thoth-storages 0.74.0, click 8.1.3,
 * prometheus-client 0.15.0; built by s2i on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1 (no app.sh:
 * the run script runs python app.py, whose __main__ calls the click command with
 * auto_envvar_prefix="THOTH_GRAPH_METRICS_EXPORTER").
 */
import { defineContract, integer, oneOf, text, url } from '../../../src/contracts/model.js';
import { S2I_PYTHON_APP_PY_ENTRYPOINT, s2iPythonRun } from '../libraries/s2i-python.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';

const REPO = 'thoth-station/graph-metrics-exporter@v0.6.5';
const STORAGES = 'thoth-station/storages@v0.74.0';

const TASKS = ['graph_corruption_check', 'graph_table_bloat_data_check', 'graph_index_bloat_data_check', 'graph_database_dumps_check'] as const;

/** click.Choice(case_sensitive=False); an empty variable is ignored by click (no task: all of them). */
const classifyTask = (value: string): string => {
  if (value === '') return 'all';
  const task = TASKS.find((each) => each === value.toLowerCase());
  return task ?? `not a task: ${value}`;
};

export const GRAPH_METRICS_EXPORTER_CONTRACT = defineContract({
  repository: 'thoth-station/graph-metrics-exporter',
  tags: ['v0.6.5'],
  source: REPO,
  summary:
    'CronJob: connects to the database and to Ceph (both in every mode), runs one task or all of them, and pushes the gauges (plus thoth_database_schema_revision_script{component="graph-metrics-exporter"}) to the Pushgateway. Any error other than a failed push stops the job before anything is pushed.',
  entrypoint: S2I_PYTHON_APP_PY_ENTRYPOINT,
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_STORAGES_CEPH,
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: url('http', 'https'),
      required: true,
      description: 'Pushgateway address; os.environ[...] at import (KeyError without it). Push errors are only logged.',
      source: `${REPO}:app.py#L43`,
    },
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        'os.environ[...] at import: env label of every metric and, through GraphBackupStore, the second part of the prefix the dumps are listed under (<THOTH_CEPH_BUCKET_PREFIX>/<deployment>/graph-backup/); must be the value graph-backup-job writes under.',
      source: `${REPO}:app.py#L44`,
    },
    THOTH_GRAPH_BACKUP_CHECK_DAYS: {
      form: integer({ min: 0 }),
      default: '7',
      description:
        'Maximum age in days of the newest dump before thoth_graphdb_dump_missed is 1; int() at import in every mode (a non-integer stops the job), used by graph_database_dumps_check.',
      source: `${REPO}:app.py#L46`,
    },
    GRAPH_BACKUP_STORE_ROTATE: {
      form: integer({ min: 0 }),
      default: '21',
      description: 'Expected maximum number of dumps: thoth_graphdb_dump_not_cleaned is 1 above it. int() at import of thoth.storages.',
      source: `${STORAGES}:thoth/storages/graph_backup.py#L39`,
    },
    ...s2iPythonRun({ file: 'app.py' }),
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  modes: {
    selector: { variable: 'THOTH_GRAPH_METRICS_EXPORTER_TASK' },
    default: 'all',
    classify: classifyTask,
    otherwise:
      'click rejects the value (click.Choice of the four task names with underscores, any case): usage error, exit 2, nothing runs. Unset or empty runs every task; "all" is not a value it takes.',
    source: `${REPO}:app.py#L265-L268`,
    variants: {
      all: {
        description:
          'No task chosen (variable unset or empty; leave it unset): runs all four tasks. Crashes with no dump under the graph-backup prefix (max() of an empty list) or with a dump name that does not parse, and when the index-bloat query returns no row (wrong label count).',
        source: `${REPO}:app.py#L275-L296`,
      },
      graph_corruption_check: {
        description:
          'thoth_graphdb_is_corrupted: bt_index_check over every valid btree index when the amcheck extension is installed; reports "not corrupted" without it.',
        source: `${REPO}:app.py#L286-L287`,
      },
      graph_table_bloat_data_check: {
        description: 'thoth_graphdb_pct_bloat_data_table / thoth_graphdb_mb_bloat_data_table per table.',
        source: `${REPO}:app.py#L289-L290`,
      },
      graph_index_bloat_data_check: {
        description:
          'thoth_graphdb_pct_index_bloat_data_table / thoth_graphdb_mb_index_bloat_data_table per index; crashes when the query returns no row (the fallback series has the wrong label count).',
        source: `${REPO}:app.py#L292-L293`,
      },
      graph_database_dumps_check: {
        description:
          'Lists <THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/graph-backup/ and sets thoth_graphdb_dump_count, _dump_not_cleaned (GRAPH_BACKUP_STORE_ROTATE), _last_dump{date} and _dump_missed (THOTH_GRAPH_BACKUP_CHECK_DAYS). Crashes when there is no dump or a name does not parse as pg_dump-%y-%m-%d-%H-%M-%S.',
        source: `${REPO}:app.py#L230-L262`,
      },
    },
  },
  arguments: {
    flags: {
      '--task': {
        form: oneOf(TASKS, { caseInsensitive: true }),
        description: 'The task to run (same as THOTH_GRAPH_METRICS_EXPORTER_TASK); all when absent.',
        source: `${REPO}:app.py#L265-L268`,
      },
      '-t': { form: oneOf(TASKS, { caseInsensitive: true }), description: 'Short form of --task.', source: `${REPO}:app.py#L265-L268` },
    },
    unknownFlags: 'error',
  },
});
