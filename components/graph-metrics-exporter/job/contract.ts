/**
 * Everything graph-metrics-exporter reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. It replaces
 * thoth-station/graph-metrics-exporter v0.6.5 (thoth-jobs.md §7), whose variables it keeps where
 * they mean the same; it runs every check (the reference's THOTH_GRAPH_METRICS_EXPORTER_TASK, which
 * its CronJob never set, is gone).
 */
import { defineContract, integer } from '../../../src/contracts/model.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';
import { GRAPH_BACKUP_SETTINGS } from '../../graph-backup/job/contract.js';

const SOURCE = 'components/graph-metrics-exporter/job/contract.ts';

export const GRAPH_METRICS_SETTINGS = {
  ...KNOWLEDGE_GRAPH_SETTINGS,
  ...S3_SETTINGS,
  PROMETHEUS_PUSHGATEWAY_URL: {
    ...PUSHGATEWAY_SETTINGS.PROMETHEUS_PUSHGATEWAY_URL,
    required: true,
    description: 'where the figures are pushed (job graph-metrics-exporter): pushing them is what the program is for',
  },
  THOTH_GRAPH_BACKUP_CHECK_DAYS: {
    form: integer({ min: 1 }),
    default: '7',
    description: 'days the newest graph-backup dump may be old before thoth_graphdb_dump_missed is 1',
    source: SOURCE,
  },
  // The same number as graph-backup's rotation keeps: more dumps than that means it did not clean up.
  GRAPH_BACKUP_STORE_ROTATE: GRAPH_BACKUP_SETTINGS.GRAPH_BACKUP_STORE_ROTATE,
} as const;

export const GRAPH_METRICS_EXPORTER_CONTRACT = defineContract({
  repository: 'graph-metrics-exporter',
  tags: 'built-here',
  source: 'components/graph-metrics-exporter/job',
  summary:
    "measures the knowledge graph's health (amcheck on every B-tree index, pgstattuple's table and index bloat) and the graph-backup dumps' freshness, and pushes the reference's gauges",
  entrypoint: PROGRAM_ENTRYPOINT,
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_GRAPH_METRICS_EXPORTER: logLevelSetting() },
  modes: runOnlyModes({ description: 'every check, its figures pushed', variables: GRAPH_METRICS_SETTINGS, source: SOURCE }),
});
