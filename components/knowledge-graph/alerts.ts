import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

const MB = 1024 * 1024;

/**
 * Alerts on the knowledge graph's health, from what graph-metrics-exporter and graph-backup push:
 * bloat of tables and indexes (ratio from the environment's threshold, size floor fixed per rule, as
 * in the reference), and a missed backup dump.
 */
export function knowledgeGraphAlerts(env: Environment): AlertDefinition[] {
  // graph-metrics-exporter and graph-backup push to the Pushgateway: their series carry infra's namespace.
  const namespace = namespaceOf(env, 'infra');
  const selector = `${matcher('namespace', namespace)}`;
  const bloat = (alert: string, kind: 'table' | 'index', ratio: number, floorMb: number): AlertDefinition => ({
    alert,
    severity: 'warning',
    for: '5m',
    threshold: ratio,
    expr: (threshold) =>
      `thoth_graphdb_bloat_${kind}_ratio{${selector}} >= ${threshold} and on(${kind}) thoth_graphdb_bloat_${kind}_size_bytes{${selector}} >= ${floorMb * MB}`,
    summary: `A knowledge-graph ${kind} is bloated`,
    description: `The ${kind} (label ${kind}) has wasted at least ${Math.round(ratio * 100)} % of its space, over ${floorMb} MB, for 5 minutes: vacuum or reindex it.`,
    test: {
      series: [
        { series: `thoth_graphdb_bloat_${kind}_ratio{namespace="${namespace}", ${kind}="python_package_version"}`, values: `${ratio}x60` },
        { series: `thoth_graphdb_bloat_${kind}_size_bytes{namespace="${namespace}", ${kind}="python_package_version"}`, values: `${floorMb * MB}x60` },
      ],
      labels: { namespace, [kind]: 'python_package_version' },
    },
  });
  return [
    bloat('ThothPGBloatDataTableRule1', 'table', 0.5, 10),
    bloat('ThothPGBloatDataTableRule2', 'table', 0.25, 1000),
    bloat('ThothPGBloatDataIndex', 'index', 0.5, 10),
    {
      alert: 'ThothPGDumpMissed',
      severity: 'critical',
      for: '60m',
      expr: () => `thoth_graph_backup_job_check{${selector}, ${matcher('env', env.deploymentName)}} == 1`,
      summary: 'The knowledge-graph backup was missed',
      description: 'graph-backup has not stored a dump of the knowledge graph in its expected interval: check the last graph-backup Job.',
      test: {
        series: [{ series: `thoth_graph_backup_job_check{namespace="${namespace}", env="${env.deploymentName}"}`, values: '1x120' }],
        labels: { namespace, env: env.deploymentName },
      },
    },
  ];
}
