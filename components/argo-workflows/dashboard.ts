import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, labelVariable, timeseries } from '../../src/platform/dashboard.js';

/** The reference's "Thoth Workflow Controllers": workflows in each phase, errors, queues and memory of the controllers. */
export function workflowControllersDashboard(): Dashboard {
  const namespace = 'namespace=~"$namespace"';
  return buildDashboard({
    uid: 'thoth-workflow-controllers',
    title: 'Thoth workflow controllers',
    description: 'Argo Workflows controllers: workflows by phase, errors, work queues and memory.',
    variables: [labelVariable('namespace', 'Namespace', 'label_values(argo_workflows_gauge, namespace)', { multi: true })],
    sections: [
      {
        title: 'Workflows',
        panels: [
          timeseries('Workflows by phase', [{ expr: `sum by (namespace, phase) (argo_workflows_gauge{${namespace}})`, legend: '{{namespace}} {{phase}}' }]),
          timeseries('Errors', [
            { expr: `sum by (namespace, cause) (rate(argo_workflows_error_count{${namespace}}[$__rate_interval]))`, legend: '{{namespace}} {{cause}}' },
          ]),
          timeseries(
            'Operation duration',
            [
              {
                expr: `histogram_quantile(0.95, sum by (le, namespace) (rate(argo_workflows_operation_duration_seconds_bucket{${namespace}}[$__rate_interval])))`,
                legend: 'p95 {{namespace}}',
              },
            ],
            { unit: 's' },
          ),
        ],
      },
      {
        title: 'Queues and memory',
        panels: [
          timeseries(
            'Queue adds',
            [{ expr: `sum by (queue_name) (rate(argo_workflows_queue_adds_count{${namespace}}[$__rate_interval]))`, legend: '{{queue_name}}' }],
            { unit: 'ops' },
          ),
          timeseries('Queue depth', [{ expr: `sum by (queue_name) (argo_workflows_queue_depth_gauge{${namespace}})`, legend: '{{queue_name}}' }]),
          timeseries(
            'Queue latency',
            [
              {
                expr: `histogram_quantile(0.95, sum by (le, queue_name) (rate(argo_workflows_queue_latency_bucket{${namespace}}[$__rate_interval])))`,
                legend: 'p95 {{queue_name}}',
              },
            ],
            { unit: 's' },
          ),
          timeseries('Controller memory', [{ expr: `go_memstats_alloc_bytes{job="workflow-controller", ${namespace}}`, legend: '{{namespace}}' }], {
            unit: 'bytes',
          }),
        ],
      },
    ],
  });
}
