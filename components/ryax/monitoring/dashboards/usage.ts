/**
 * "Ryax Usage and Performance", the runner's dashboard (RyaxTech/ryax-engine@9dc81bf:
 * charts/ryax/subcharts/runner/RyaxUsageAndPerformance-withSites.json, its 9 panels). The runner's
 * source is not public: the metric names and labels are the chart dashboard's own, kept as they are
 * (served-metrics.ts lists them with their lines), and nothing else confirms the runner serves them.
 *
 * Kept, all 9, mended where the reference was faulty:
 * - every query is scoped to the runner's namespace and job (the chart's matched any ryax_* series of
 *   the cluster);
 * - the gauges and the table become stat panels (the library draws time series and stats), one value
 *   per project or per workflow, as the reference's were;
 * - the rates use $__rate_interval, which follows the scrape interval and the zoom, for the fixed 2m;
 * - the user API latency gets its unit (seconds), which the reference lacked, and "processin" its g.
 * Dropped: none.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, stat, timeseries } from '../../../../src/platform/dashboard.js';
import { RYAX_SERVICE_NAMES } from '../../shared/service-names.js';

/** The runner's Service: a ServiceMonitor without jobLabel names the job after it. */
export const USAGE_JOB = RYAX_SERVICE_NAMES.runner;
export const USAGE_UID = 'ryax-usage';

/** An action of a real execution type (the runner counts a DUMMY type for its own bookkeeping). */
const REAL_ACTIONS = 'execution_type!="ActionExecutionType.DUMMY"';

export function usageDashboard(namespace: string): Dashboard {
  const runner = `namespace="${namespace}", job="${USAGE_JOB}"`;
  return buildDashboard({
    uid: USAGE_UID,
    title: 'Ryax usage and performance',
    description: 'Deployed workflows and actions, executions, and the runner’s user API and event processing times.',
    sections: [
      {
        title: 'Deployments',
        panels: [
          stat(
            'Running actions (all sites)',
            {
              expr: `sum by (site_name, node_pool_name) (ryax_action_deployments{${runner}, state=~"Running|Ready", ${REAL_ACTIONS}})`,
              legend: '{{site_name}} / {{node_pool_name}}',
            },
            { unit: 'short' },
          ),
          stat(
            'Running workflows',
            { expr: `sum by (definition_id, name) (ryax_workflow_deployments{${runner}, state="Running"})`, legend: '{{name}}' },
            { unit: 'short' },
          ),
          stat(
            'Workflows deployed, by project',
            { expr: `sum by (project_id) (ryax_workflow_deployments{${runner}, state="Running"})`, legend: '{{project_id}}' },
            { unit: 'short' },
          ),
          timeseries(
            'Deployed actions',
            [
              {
                expr: `sum by (name, site_name, node_pool_name) (ryax_action_deployments{${runner}, state=~"Ready|Running", ${REAL_ACTIONS}}) > 0`,
                legend: '{{name}} ({{site_name}}/{{node_pool_name}})',
              },
            ],
            { unit: 'short' },
          ),
          stat(
            'Actions running, by project',
            { expr: `sum by (project_id) (ryax_action_deployments{${runner}, state="Running"})`, legend: '{{project_id}}' },
            { unit: 'short' },
          ),
        ],
      },
      {
        title: 'Executions',
        panels: [
          timeseries(
            'Execution connections',
            [{ expr: `sum by (state) (ryax_execution_connections{${runner}, state!~"Completed|Canceled"})`, legend: '{{state}}' }],
            { unit: 'short' },
          ),
          stat(
            'Running executions, by project',
            { expr: `sum by (project_id) (ryax_execution_connections{${runner}, state="Running"})`, legend: '{{project_id}}' },
            { unit: 'short' },
          ),
        ],
      },
      {
        title: 'Performance',
        panels: [
          timeseries(
            'User API request time, 90th percentile',
            [
              {
                expr: `histogram_quantile(0.9, sum by (ryax_user_api_http_path, ryax_user_api_http_method, ryax_project, le) (rate(ryax_user_api_requests_duration_seconds_bucket{${runner}}[$__rate_interval])))`,
                legend: '{{ryax_user_api_http_method}} {{ryax_user_api_http_path}}',
              },
            ],
            { unit: 's' },
          ),
          timeseries(
            'Event processing time, 90th percentile',
            [
              {
                expr: `histogram_quantile(0.9, sum by (event_name, handler_name, le) (rate(ryax_events_processing_time_seconds_bucket{${runner}}[$__rate_interval]))) > 0`,
                legend: '{{event_name}} ({{handler_name}})',
              },
            ],
            { unit: 's' },
          ),
        ],
      },
    ],
  });
}
