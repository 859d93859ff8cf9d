import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth Service metrics user-api": traffic, errors, latency and resources of the user API. */
export function userApiDashboard(): Dashboard {
  const selector = 'job="user-api", instance=~"$instance"';
  return buildDashboard({
    uid: 'thoth-user-api',
    title: 'Thoth user API',
    description: 'Requests, errors, response times and resources of user-api.',
    variables: [labelVariable('instance', 'Instance', 'label_values(flask_http_request_total{job="user-api"}, instance)', { multi: true })],
    sections: [
      {
        title: 'Traffic',
        panels: [
          timeseries(
            'Requests per minute',
            [{ expr: `sum by (method) (rate(flask_http_request_total{${selector}}[$__rate_interval])) * 60`, legend: '{{method}}' }],
            { unit: 'reqpm' },
          ),
          timeseries(
            'Errors per second',
            [{ expr: `sum by (status) (rate(flask_http_request_total{${selector}, status=~"5.."}[$__rate_interval]))`, legend: '{{status}}' }],
            { unit: 'reqps' },
          ),
          timeseries(
            'Response time',
            [
              { expr: `histogram_quantile(0.5, sum by (le) (rate(flask_http_request_duration_seconds_bucket{${selector}}[$__rate_interval])))`, legend: 'p50' },
              { expr: `histogram_quantile(0.9, sum by (le) (rate(flask_http_request_duration_seconds_bucket{${selector}}[$__rate_interval])))`, legend: 'p90' },
            ],
            { unit: 's' },
          ),
          timeseries(
            'Requests under 250 ms',
            [
              {
                expr: `sum(rate(flask_http_request_duration_seconds_bucket{${selector}, le="0.25"}[$__rate_interval])) / sum(rate(flask_http_request_duration_seconds_count{${selector}}[$__rate_interval]))`,
                legend: 'share',
              },
            ],
            { unit: 'percentunit' },
          ),
        ],
      },
      {
        title: 'Resources',
        panels: [
          timeseries('Memory', [{ expr: `process_resident_memory_bytes{${selector}}`, legend: '{{instance}}' }], { unit: 'bytes' }),
          timeseries('CPU', [{ expr: `rate(process_cpu_seconds_total{${selector}}[$__rate_interval])`, legend: '{{instance}}' }]),
        ],
      },
    ],
  });
}
