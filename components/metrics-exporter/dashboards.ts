import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, stat, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth Knowledge Graph content metrics": what the knowledge graph holds and what it lacks. */
export function knowledgeGraphContentDashboard(): Dashboard {
  return buildDashboard({
    uid: 'thoth-knowledge-graph-content',
    title: 'Thoth Knowledge Graph content',
    description: 'Packages, releases, solvers, security indicators and users, as metrics-exporter counts them in the knowledge graph.',
    sections: [
      {
        title: 'Packages',
        panels: [
          stat('Python packages', { expr: 'sum(thoth_graphdb_total_python_packages)' }),
          stat('Package versions', { expr: 'sum(thoth_graphdb_total_python_package_versions)' }),
          timeseries('Releases known vs on PyPI', [
            { expr: 'sum(thoth_graphdb_total_python_package_versions)', legend: 'knowledge graph' },
            { expr: 'sum(thoth_pypi_stats{stat="releases"})', legend: 'PyPI' },
          ]),
          timeseries('Indexes', [{ expr: 'sum by (enabled) (thoth_graphdb_python_package_indexes)', legend: 'enabled={{enabled}}' }]),
        ],
      },
      {
        title: 'Solvers',
        panels: [
          timeseries('Solved per solver', [{ expr: 'sum by (solver) (thoth_graphdb_solved_python_package_versions)', legend: '{{solver}}' }]),
          timeseries('Unsolved per solver', [{ expr: 'sum by (solver) (thoth_graphdb_unsolved_python_package_versions)', legend: '{{solver}}' }]),
          stat('Solvers in ConfigMap and database differ', { expr: 'max(thoth_graphdb_mismatch_solvers_configmap_db)' }),
        ],
      },
      {
        title: 'Security and usage',
        panels: [
          timeseries('Security indicators analysed vs not', [
            { expr: 'sum(thoth_graphdb_si_analyzed_python_package_versions)', legend: 'analysed' },
            { expr: 'sum(thoth_graphdb_si_unanalyzed_python_package_versions)', legend: 'not analysed' },
          ]),
          timeseries('CVEs', [{ expr: 'sum(thoth_graphdb_total_cves)', legend: 'CVEs' }]),
          timeseries('Active Kebechet repositories', [{ expr: 'sum(thoth_kebechet_total_active_repo_count)', legend: 'repositories' }]),
          timeseries('Users of the API', [{ expr: 'sum(thoth_graphdb_total_users)', legend: 'users' }]),
        ],
      },
    ],
  });
}

/** The reference's "Thoth Service metrics": component versions and the schema revision each expects. */
export function serviceVersionsDashboard(): Dashboard {
  return buildDashboard({
    uid: 'thoth-service-versions',
    title: 'Thoth service versions and schema revisions',
    description: 'Versions of services and jobs, the knowledge-graph schema revision, and components that expect another one.',
    sections: [
      {
        title: 'Versions',
        panels: [
          timeseries('Service versions', [{ expr: 'max by (job, version) ({__name__=~"thoth_.*_info", job!=""})', legend: '{{job}} {{version}}' }]),
          timeseries('Knowledge-graph schema revision', [{ expr: 'max by (revision) (thoth_database_schema_revision_script)', legend: '{{revision}}' }]),
        ],
      },
      {
        title: 'Schema',
        panels: [
          timeseries('Schema revision per component', [{ expr: 'max by (component, revision) (thoth_database_schema_revision_table)', legend: '{{component}} {{revision}}' }]),
          timeseries('Components on another revision', [{ expr: 'max by (component) (thoth_graph_db_component_revision_check)', legend: '{{component}}' }]),
        ],
      },
    ],
  });
}
