/**
 * Everything graph-backup-job reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. It replaces
 * thoth-station/graph-backup-job v0.10.1 (thoth-jobs.md §6), whose variables it keeps where they
 * mean the same; it writes no dump file, so THOTH_DATA_DUMP_PATH is gone.
 */
import { defineContract, integer, text } from '../../../src/contracts/model.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';

const SOURCE = 'components/graph-backup/job/contract.ts';

// pg_dump opens one connection: the pool's size means nothing to it.
const { KNOWLEDGE_GRAPH_POOL_SIZE: _poolSize, ...CONNECTION_SETTINGS } = KNOWLEDGE_GRAPH_SETTINGS;

export const GRAPH_BACKUP_SETTINGS = {
  ...CONNECTION_SETTINGS,
  ...S3_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  GRAPH_BACKUP_STORE_ROTATE: {
    form: integer({ min: 1 }),
    default: '21',
    description: 'dumps kept: after a dump is stored, the older ones beyond this many are deleted (the reference deleted none)',
    source: SOURCE,
  },
  GRAPH_BACKUP_PG_DUMP: {
    form: text(),
    default: 'pg_dump',
    description: "the pg_dump program, a path or a name on PATH; of the graph's PostgreSQL major version or newer (the image ships the graph's)",
    source: SOURCE,
  },
} as const;

export const GRAPH_BACKUP_CONTRACT = defineContract({
  repository: 'graph-backup-job',
  tags: 'built-here',
  source: 'components/graph-backup/job',
  summary:
    'dumps the knowledge graph with pg_dump (plain SQL) straight into S3 as <prefix>/<deployment>/graph-backup/pg_dump-<UTC %y-%m-%d-%H-%M-%S>, then deletes the dumps beyond the newest GRAPH_BACKUP_STORE_ROTATE; pushes thoth_graph_backup_job (0 stored, 1 not) to the Pushgateway',
  entrypoint: PROGRAM_ENTRYPOINT,
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_GRAPH_BACKUP_JOB: logLevelSetting() },
  modes: runOnlyModes({ description: 'one backup: a dump stored, then the old ones deleted', variables: GRAPH_BACKUP_SETTINGS, source: SOURCE }),
});
