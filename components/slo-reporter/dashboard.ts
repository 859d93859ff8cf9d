import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, stat, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth SLI/SLO": availability of the services and the quality of each kind of workflow. */
export function sliSloDashboard(): Dashboard {
  const quality = (name: string) =>
    timeseries(
      `${name} workflows: success ratio`,
      [
        {
          expr: `sum(increase(argo_workflows_status_counter{name="${name}", status="Succeeded"}[$__range])) / sum(increase(argo_workflows_status_counter{name="${name}"}[$__range]))`,
          legend: name,
        },
      ],
      { unit: 'percentunit' },
    );
  return buildDashboard({
    uid: 'thoth-sli-slo',
    title: 'Thoth SLI/SLO',
    description: 'Availability of the APIs and controllers, and how often each kind of workflow succeeds and how long it takes.',
    sections: [
      {
        title: 'Availability',
        panels: [
          stat('user-api', { expr: 'avg_over_time(up{job="user-api"}[$__range])' }, { unit: 'percentunit' }),
          stat('management-api', { expr: 'avg_over_time(up{job="management-api"}[$__range])' }, { unit: 'percentunit' }),
          stat('amun-api', { expr: 'avg_over_time(up{job="amun-api"}[$__range])' }, { unit: 'percentunit' }),
          stat('Workflow controllers', { expr: 'avg(avg_over_time(up{job="workflow-controller"}[$__range]))' }, { unit: 'percentunit' }),
        ],
      },
      {
        title: 'Workflow quality',
        panels: [
          ...['solver', 'adviser', 'security-indicators', 'kebechet', 'provenance-checker', 'package-extract', 'revsolver', 'kebechet-administrator'].map(
            quality,
          ),
          timeseries(
            'Successful workflow duration',
            [
              {
                expr: 'histogram_quantile(0.95, sum by (le, name) (rate(argo_workflows_duration_seconds_histogram_bucket[$__rate_interval])))',
                legend: 'p95 {{name}}',
              },
            ],
            { unit: 's' },
          ),
          // A gauge of the count: its derivative is the rate at which versions get solved.
          timeseries('Solver learning rate', [
            { expr: 'sum(deriv(thoth_graphdb_total_number_solved_python_packages[1d])) * 3600', legend: 'versions solved per hour' },
          ]),
        ],
      },
    ],
  });
}
