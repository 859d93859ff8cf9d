/**
 * "PostgreSQL Database", the datastore's dashboard (RyaxTech/ryax-engine@9dc81bf:
 * charts/ryax/subcharts/datastore/grafana-dashboard.json: 3 rows, 32 panels), against what
 * postgres-exporter v0.18.1 serves with its default collectors from PostgreSQL 18 (served-metrics.ts).
 *
 * The reference's variables read labels no scrape here has (`kubernetes_namespace`, `release`), so every
 * panel that filtered on `release="$release"` was empty; here every query is scoped to the exporter's
 * namespace and job, with one variable, the databases.
 *
 * Dropped:
 * - "Start Time" (pg_postmaster_start_time_seconds): the postmaster collector is disabled by default.
 * - "Checkpoint Stats" (pg_stat_bgwriter_checkpoint_write_time, _sync_time): PostgreSQL 17 moved them to
 *   pg_stat_checkpointer, whose collector is disabled by default; the exporter serves neither.
 * Mended:
 * - "Buffers (bgwriter)": the exporter names the series *_total, and from PostgreSQL 17 serves only the
 *   allocated and cleaned buffers (and maxwritten); the backend, backend_fsync and checkpoint series are gone.
 * - The row counters (fetched, inserted, updated, returned, deleted) were drawn raw, in bytes: they are
 *   counts of rows since the statistics reset; here rows per second.
 * - "Average CPU/Memory Usage" and "Open File Descriptors" read process_*, which is the exporter's own
 *   process, not PostgreSQL's: retitled as the exporter's; the memory panel took rate() of a gauge.
 * - "Idle sessions" matched `idle in transaction (aborted)` as a regex, where the parentheses group and
 *   never match the state: `idle.*` takes the three idle states.
 * - The cache hit rate is over the time range's rates, not since the statistics were last reset.
 * - "Lock tables" shows every mode held, without the reference's `mode` variable.
 * - The gauges and singlestats become stat panels; the Version shows its name (short_version).
 * Added: whether the exporter reaches PostgreSQL (pg_up) and the size of each database.
 */
import { BigValueTextMode } from '@grafana/grafana-foundation-sdk/common';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, stat, timeseries } from '../../../../src/platform/dashboard.js';
import { DATASTORE_SERVICE } from '../../datastore/index.js';

/** The exporter's Service (components/ryax/datastore/index.ts names it so): a ServiceMonitor without jobLabel names the job after it. */
export const DATASTORE_JOB = `${DATASTORE_SERVICE}-exporter`;
export const DATASTORE_UID = 'ryax-datastore';

/** The settings the reference showed, each with its unit. */
const SETTINGS: readonly (readonly [title: string, metric: string, unit: string])[] = [
  ['Shared buffers', 'pg_settings_shared_buffers_bytes', 'bytes'],
  ['Effective cache', 'pg_settings_effective_cache_size_bytes', 'bytes'],
  ['Maintenance work mem', 'pg_settings_maintenance_work_mem_bytes', 'bytes'],
  ['Work mem', 'pg_settings_work_mem_bytes', 'bytes'],
  ['Max WAL size', 'pg_settings_max_wal_size_bytes', 'bytes'],
  ['Random page cost', 'pg_settings_random_page_cost', 'none'],
  ['Seq page cost', 'pg_settings_seq_page_cost', 'none'],
  ['Max worker processes', 'pg_settings_max_worker_processes', 'short'],
  ['Max parallel workers', 'pg_settings_max_parallel_workers', 'short'],
];

/** The row counters of pg_stat_database, as the reference's panels named them. */
const ROWS: readonly (readonly [title: string, column: string])[] = [
  ['Rows updated', 'tup_updated'],
  ['Rows fetched (SELECT)', 'tup_fetched'],
  ['Rows inserted', 'tup_inserted'],
  ['Rows returned', 'tup_returned'],
  ['Rows deleted', 'tup_deleted'],
];

export function datastoreDashboard(namespace: string): Dashboard {
  const exporter = `namespace="${namespace}", job="${DATASTORE_JOB}"`;
  const databases = `${exporter}, datname=~"$datname"`;
  const perDatabase = (metric: string, extra = '') => `sum by (datname) (rate(${metric}{${databases}${extra}}[$__rate_interval]))`;
  const total = (column: string) => `sum(rate(pg_stat_database_${column}{${databases}}[$__rate_interval]))`;
  return buildDashboard({
    uid: DATASTORE_UID,
    title: 'Ryax datastore (PostgreSQL)',
    description: 'The datastore’s PostgreSQL, as its exporter sees it: sessions, transactions, rows, locks, cache and settings.',
    variables: [labelVariable('datname', 'Database', `label_values(pg_stat_database_numbackends{${exporter}}, datname)`, { multi: true })],
    sections: [
      {
        title: 'Server',
        panels: [
          stat(
            'PostgreSQL reachable',
            { expr: `min(pg_up{${exporter}})` },
            { unit: 'bool_yes_no', description: 'Whether the exporter’s last scrape reached the server.' },
          ),
          stat('Version', { expr: `max by (short_version) (pg_static{${exporter}})`, legend: '{{short_version}}' }, { unit: 'none' }).textMode(
            BigValueTextMode.Name,
          ),
          stat('Rows fetched per second', { expr: total('tup_fetched') }, { unit: 'short' }),
          stat('Rows inserted per second', { expr: total('tup_inserted') }, { unit: 'short' }),
          stat('Rows updated per second', { expr: total('tup_updated') }, { unit: 'short' }),
          stat('Max connections', { expr: `max(pg_settings_max_connections{${exporter}})` }, { unit: 'short' }),
          timeseries('Database size', [{ expr: `sum by (datname) (pg_database_size_bytes{${databases}})`, legend: '{{datname}}' }], { unit: 'bytes' }),
        ],
      },
      {
        title: 'Exporter process',
        panels: [
          timeseries('Exporter CPU', [{ expr: `sum(rate(process_cpu_seconds_total{${exporter}}[$__rate_interval]))`, legend: 'CPU' }], { unit: 'percentunit' }),
          timeseries(
            'Exporter memory',
            [
              { expr: `sum(process_resident_memory_bytes{${exporter}})`, legend: 'resident' },
              { expr: `sum(process_virtual_memory_bytes{${exporter}})`, legend: 'virtual' },
            ],
            { unit: 'bytes' },
          ),
          timeseries('Exporter open file descriptors', [{ expr: `sum(process_open_fds{${exporter}})`, legend: 'open' }], { unit: 'short' }),
        ],
      },
      {
        title: 'Settings',
        panels: SETTINGS.map(([title, metric, unit]) => stat(title, { expr: `max(${metric}{${exporter}})` }, { unit })),
      },
      {
        title: 'Database statistics',
        panels: [
          timeseries('Active sessions', [{ expr: `sum by (datname) (pg_stat_activity_count{${databases}, state="active"})`, legend: '{{datname}}' }], {
            unit: 'short',
          }),
          timeseries(
            'Idle sessions',
            [{ expr: `sum by (datname, state) (pg_stat_activity_count{${databases}, state=~"idle.*"})`, legend: '{{datname}}, {{state}}' }],
            { unit: 'short' },
          ),
          timeseries(
            'Transactions',
            [
              { expr: perDatabase('pg_stat_database_xact_commit'), legend: '{{datname}} commits' },
              { expr: perDatabase('pg_stat_database_xact_rollback'), legend: '{{datname}} rollbacks' },
            ],
            { unit: 'ops' },
          ),
          ...ROWS.map(([title, column]) =>
            timeseries(`${title} per second`, [{ expr: perDatabase(`pg_stat_database_${column}`), legend: '{{datname}}' }], { unit: 'short' }),
          ),
          timeseries('Locks', [{ expr: `sum by (datname, mode) (pg_locks_count{${databases}}) > 0`, legend: '{{datname}}, {{mode}}' }], { unit: 'short' }),
          timeseries(
            'Cache hit rate',
            [
              {
                expr: `${perDatabase('pg_stat_database_blks_hit')} / (${perDatabase('pg_stat_database_blks_hit')} + ${perDatabase('pg_stat_database_blks_read')})`,
                legend: '{{datname}}',
              },
            ],
            { unit: 'percentunit' },
          ),
          timeseries(
            'Buffers (bgwriter)',
            [
              { expr: `sum(rate(pg_stat_bgwriter_buffers_alloc_total{${exporter}}[$__rate_interval]))`, legend: 'allocated' },
              { expr: `sum(rate(pg_stat_bgwriter_buffers_clean_total{${exporter}}[$__rate_interval]))`, legend: 'written by the background writer' },
              {
                expr: `sum(rate(pg_stat_bgwriter_maxwritten_clean_total{${exporter}}[$__rate_interval]))`,
                legend: 'cleaning scans stopped (too many buffers)',
              },
            ],
            { unit: 'short' },
          ),
          timeseries(
            'Conflicts and deadlocks',
            [
              { expr: perDatabase('pg_stat_database_conflicts'), legend: '{{datname}} conflicts' },
              { expr: perDatabase('pg_stat_database_deadlocks'), legend: '{{datname}} deadlocks' },
            ],
            { unit: 'short' },
          ),
          timeseries('Temporary files written', [{ expr: perDatabase('pg_stat_database_temp_bytes'), legend: '{{datname}}' }], { unit: 'Bps' }),
        ],
      },
    ],
  });
}
