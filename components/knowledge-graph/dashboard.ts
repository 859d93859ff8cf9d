import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, stat, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth PostgreSQL metrics": the server (postgres_exporter), bloat, corruption and backups. */
export function postgresqlDashboard(): Dashboard {
  const instance = 'instance=~"$instance"';
  return buildDashboard({
    uid: 'thoth-postgresql',
    title: 'Thoth PostgreSQL',
    description: 'The knowledge graph’s PostgreSQL: connections, transactions, locks, cache, checkpoints, bloat, corruption checks and backups.',
    variables: [labelVariable('instance', 'Instance', 'label_values(pg_up, instance)')],
    sections: [
      {
        title: 'Server',
        panels: [
          stat('Up', { expr: `max(pg_up{${instance}})` }),
          stat('Database size', { expr: 'max(thoth_graphdb_size)' }, { unit: 'bytes' }),
          timeseries('Connections', [{ expr: `sum by (state) (pg_stat_activity_count{${instance}})`, legend: '{{state}}' }]),
          timeseries(
            'Transactions',
            [
              { expr: `sum(rate(pg_stat_database_xact_commit{${instance}}[$__rate_interval]))`, legend: 'commits' },
              { expr: `sum(rate(pg_stat_database_xact_rollback{${instance}}[$__rate_interval]))`, legend: 'rollbacks' },
            ],
            { unit: 'ops' },
          ),
          timeseries('Locks', [{ expr: `sum by (mode) (pg_locks_count{${instance}})`, legend: '{{mode}}' }]),
          timeseries(
            'Cache hit ratio',
            [
              {
                expr: `sum(rate(pg_stat_database_blks_hit{${instance}}[$__rate_interval])) / (sum(rate(pg_stat_database_blks_hit{${instance}}[$__rate_interval])) + sum(rate(pg_stat_database_blks_read{${instance}}[$__rate_interval])))`,
                legend: 'hit ratio',
              },
            ],
            { unit: 'percentunit' },
          ),
          timeseries('Checkpoints', [
            { expr: `rate(pg_stat_bgwriter_checkpoints_timed_total{${instance}}[$__rate_interval])`, legend: 'timed' },
            { expr: `rate(pg_stat_bgwriter_checkpoints_req_total{${instance}}[$__rate_interval])`, legend: 'requested' },
          ]),
        ],
      },
      {
        title: 'Health',
        panels: [
          timeseries('Table bloat', [{ expr: 'max by (table_name) (thoth_graphdb_pct_bloat_data_table)', legend: '{{table_name}}' }], { unit: 'percent' }),
          timeseries('Index bloat', [{ expr: 'max by (index_name) (thoth_graphdb_pct_index_bloat_data_table)', legend: '{{index_name}}' }], {
            unit: 'percent',
          }),
          stat('Corruption found (amcheck)', { expr: 'max(thoth_graphdb_is_corrupted)' }),
          stat('Backup failed (last graph-backup run)', { expr: 'max(thoth_graph_backup_job)' }),
          timeseries('Dumps on S3', [
            { expr: 'max(thoth_graphdb_dump_count)', legend: 'dumps' },
            { expr: 'max(thoth_graphdb_dump_missed)', legend: 'missed (no dump in 7 days)' },
          ]),
        ],
      },
    ],
  });
}
