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
          stat('Packages (sum over indexes)', { expr: 'max(thoth_graphdb_sum_python_packages_per_indexes)' }),
          stat('Package versions', { expr: 'max(thoth_graphdb_number_python_package_versions)' }),
          timeseries('Packages per index', [{ expr: 'max by (index_url) (thoth_graphdb_total_python_packages_per_indexes)', legend: '{{index_url}}' }]),
          timeseries('Releases known vs on PyPI', [
            { expr: 'max(thoth_graphdb_number_python_package_versions)', legend: 'knowledge graph' },
            { expr: 'max(thoth_pypi_stats{stats_type="releases"})', legend: 'PyPI' },
          ]),
        ],
      },
      {
        title: 'Solvers',
        panels: [
          timeseries('Solved per solver', [{ expr: 'max by (solver_name) (thoth_graphdb_total_number_solved_python_packages)', legend: '{{solver_name}}' }]),
          timeseries('Unsolved per solver', [
            { expr: 'max by (solver_name) (thoth_graphdb_total_number_unsolved_python_packages_per_solver)', legend: '{{solver_name}}' },
          ]),
          timeseries('Solver errors', [{ expr: 'max by (solver_name) (thoth_graphdb_total_python_packages_with_solver_error)', legend: '{{solver_name}}' }]),
          stat('Solvers in ConfigMap and database differ', { expr: 'max(thoth_graphdb_solvers_number_match)' }),
        ],
      },
      {
        title: 'Security and usage',
        panels: [
          timeseries('Security indicators analysed vs not', [
            { expr: 'max(thoth_graphdb_total_number_si_analyzed_python_packages)', legend: 'analysed' },
            { expr: 'max(thoth_graphdb_total_number_si_unanalyzed_python_packages)', legend: 'not analysed' },
          ]),
          timeseries('CVEs', [{ expr: 'max(thoth_graphdb_total_number_cve)', legend: 'CVEs' }]),
          timeseries('Active Kebechet repositories', [{ expr: 'max(thoth_kebechet_total_active_repo_count)', legend: 'repositories' }]),
          timeseries('Users per integration', [
            { expr: 'max by (thoth_integration) (thoth_graphdb_users_count_per_source_type)', legend: '{{thoth_integration}}' },
          ]),
          timeseries('Software environments', [
            { expr: 'max(thoth_graphdb_total_run_software_environment)', legend: 'run' },
            { expr: 'max(thoth_graphdb_total_build_software_environment)', legend: 'build' },
          ]),
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
          timeseries('Schema revision per component', [
            { expr: 'max by (component, revision) (thoth_database_schema_revision_table)', legend: '{{component}} {{revision}}' },
          ]),
          timeseries('Components on another revision', [{ expr: 'max by (component) (thoth_graph_db_component_revision_check)', legend: '{{component}}' }]),
        ],
      },
    ],
  });
}
