import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/**
 * Alerts on the knowledge graph's health, from what graph-metrics-exporter and graph-backup push:
 * bloat of tables and indexes (percent and MB, as graph-metrics-exporter reports them; the percentage
 * is the environment's threshold, the size floor fixed per rule as in the reference), corruption
 * found by amcheck, and a missed backup dump.
 */
export function knowledgeGraphAlerts(env: Environment): AlertDefinition[] {
  // Pushed to the Pushgateway: the series carry infra's namespace and the job's env label.
  const namespace = namespaceOf(env, 'infra');
  const selector = `${matcher('namespace', namespace)}, ${matcher('env', env.deploymentName)}`;
  const labels = { namespace, env: env.deploymentName };
  const bloat = (alert: string, kind: 'table' | 'index', percent: number, floorMb: number): AlertDefinition => {
    const on = kind === 'table' ? 'table_name, env' : 'table_name, index_name, env';
    // graph-metrics-exporter's names: thoth_graphdb_{pct,mb}_bloat_data_table and ..._index_bloat_data_table.
    const metric = (unit: 'pct' | 'mb') => `thoth_graphdb_${unit}_${kind === 'table' ? '' : 'index_'}bloat_data_table`;
    const names: Record<string, string> =
      kind === 'table' ? { table_name: 'python_package_version' } : { table_name: 'python_package_version', index_name: 'python_package_version_pkey' };
    const seriesLabels = Object.entries({ ...names, namespace, env: env.deploymentName })
      .map(([key, value]) => `${key}="${value}"`)
      .join(', ');
    return {
      alert,
      severity: 'warning',
      for: '5m',
      threshold: percent,
      expr: (threshold) => `${metric('pct')}{${selector}} >= ${threshold} and on(${on}) ${metric('mb')}{${selector}} >= ${floorMb}`,
      summary: `A knowledge-graph ${kind} is bloated`,
      description: `The ${kind} (label ${kind === 'table' ? 'table_name' : 'index_name'}) wastes at least the threshold's share of its space, over ${floorMb} MB: vacuum or reindex it.`,
      // Exactly at the threshold and the floor: both comparisons include their bound.
      test: (threshold) => ({
        series: [
          { series: `${metric('pct')}{${seriesLabels}}`, values: `${threshold}x60` },
          { series: `${metric('mb')}{${seriesLabels}}`, values: `${floorMb}x60` },
        ],
        labels: { ...names, ...labels },
      }),
    };
  };
  return [
    bloat('ThothPGBloatDataTableRule1', 'table', 50, 10),
    bloat('ThothPGBloatDataTableRule2', 'table', 25, 1000),
    bloat('ThothPGBloatDataIndex', 'index', 50, 10),
    {
      alert: 'ThothDatabaseCorruptionCheck',
      severity: 'critical',
      for: '60m',
      expr: () => `thoth_graphdb_is_corrupted{${selector}} == 1`,
      summary: 'amcheck found corruption in the knowledge graph',
      description: 'The knowledge graph keeps reporting corrupted indexes or tables (amcheck): restore from the last graph-backup dump.',
      test: { series: [{ series: `thoth_graphdb_is_corrupted{namespace="${namespace}", env="${env.deploymentName}"}`, values: '1x120' }], labels },
    },
    {
      alert: 'ThothPGDumpMissed',
      severity: 'critical',
      for: '60m',
      expr: () => `thoth_graph_backup_job{${selector}} == 1`,
      summary: 'The knowledge-graph backup was missed',
      description: 'graph-backup has not stored a dump of the knowledge graph in its expected interval: check the last graph-backup Job.',
      test: {
        series: [{ series: `thoth_graph_backup_job{namespace="${namespace}", env="${env.deploymentName}", version="0.10.1"}`, values: '1x120' }],
        labels: { ...labels, version: '0.10.1' },
      },
    },
  ];
}
