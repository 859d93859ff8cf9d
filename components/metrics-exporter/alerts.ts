import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** The alerts on what metrics-exporter measures: connectivity, solvers, schema revisions and the alembic table. */
export function metricsExporterAlerts(env: Environment): AlertDefinition[] {
  const namespace = namespaceOf(env, 'infra');
  const selector = `${matcher('job', 'metrics-exporter')}, ${matcher('namespace', namespace)}`;
  const flag = (metric: string, extra = '') => `${metric}{${selector}${extra}} == 1`;
  const series = (metric: string, labels = '') => ({ series: `${metric}{job="metrics-exporter", namespace="${namespace}"${labels}}`, values: '1x120' });
  const labels = { job: 'metrics-exporter', namespace };
  const connection = (what: 'Ceph' | 'Kafka' | 'Database', metric: string): AlertDefinition => ({
    alert: `Thoth${what}Connection`,
    severity: 'critical',
    for: '10m',
    expr: () => flag(metric),
    summary: `metrics-exporter cannot reach ${what === 'Database' ? 'the knowledge graph' : what}`,
    description: `metrics-exporter in ${namespace} has reported a ${what} connection problem for 10 minutes; jobs and workflows that need it fail.`,
    test: { series: [series(metric)], labels },
  });
  return [
    connection('Ceph', 'thoth_ceph_connection_issues'),
    connection('Kafka', 'thoth_kafka_connection_issues'),
    connection('Database', 'thoth_graphdb_connection_issues'),
    {
      alert: 'ThothSolversThothS2iOfferedMismatch',
      severity: 'warning',
      for: '30m',
      expr: () => flag('thoth_graphdb_solvers_number_match'),
      summary: 'The solvers configured differ from those in the knowledge graph',
      description: 'The solvers of the `solvers` ConfigMap and the ones the knowledge graph knows have differed for 30 minutes: register or retire a solver.',
      test: { series: [series('thoth_graphdb_solvers_number_match')], labels },
    },
    {
      alert: 'ThothSchemaCheck',
      severity: 'critical',
      for: '60m',
      expr: () => `thoth_graph_db_component_revision_check{${selector}, ${matcher('env', env.deploymentName)}} == 1`,
      summary: 'A component expects another knowledge-graph schema revision',
      description:
        'A component (label component) has been running against another schema revision than the knowledge graph has: run graph-schema-update or roll the component back.',
      test: {
        series: [
          {
            series: `thoth_graph_db_component_revision_check{job="metrics-exporter", namespace="${namespace}", env="${env.deploymentName}", component="user-api"}`,
            values: '1x120',
          },
        ],
        labels: { ...labels, env: env.deploymentName, component: 'user-api' },
      },
    },
    {
      alert: 'ThothMultipleAlembicRows',
      severity: 'critical',
      for: '5m',
      expr: () => flag('thoth_graphdb_alembic_table_check'),
      summary: 'The knowledge graph has more than one schema revision row',
      description: 'The alembic_version table holds more than one row: schema migrations will fail until it is repaired.',
      test: { series: [series('thoth_graphdb_alembic_table_check')], labels },
    },
  ];
}
