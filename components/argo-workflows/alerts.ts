import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { matcher, type AlertDefinition } from '../../src/platform/alerts.js';

/** Workflows of one template failing too often, and data ingestion that stopped. */
export function workflowAlerts(env: Environment): AlertDefinition[] {
  const middletier = namespaceOf(env, 'middletier');
  return [
    {
      alert: 'ThothWorkflowFailureRatioHigh',
      severity: 'warning',
      for: '30m',
      threshold: 0.25,
      expr: (threshold) =>
        `sum by (namespace, name) (increase(argo_workflows_status_counter{status=~"Failed|Error"}[1h])) / sum by (namespace, name) (increase(argo_workflows_status_counter[1h])) > ${threshold}`,
      summary: 'Many workflows of one kind fail',
      description:
        'Over the last hour more than the threshold share of the workflows named in label name (namespace in label namespace) failed or errored, for 30 minutes.',
      // The failed share halfway between the threshold and 1 (a threshold of 1 or more can never fire).
      test: (threshold) => {
        const failed = (1 + threshold) / 2;
        return {
          series: [
            { series: `argo_workflows_status_counter{namespace="${middletier}", name="solver", status="Failed"}`, values: `0+${failed}x120` },
            { series: `argo_workflows_status_counter{namespace="${middletier}", name="solver", status="Succeeded"}`, values: `0+${1 - failed}x120` },
          ],
          activeFromMinute: 1,
          labels: { namespace: middletier, name: 'solver' },
        };
      },
    },
    {
      alert: 'ThothMiddletierIngestion',
      severity: 'warning',
      for: '30m',
      threshold: 1,
      expr: (threshold) => `sum by (namespace) (argo_workflows_gauge{${matcher('namespace', middletier)}, phase="Running"}) < ${threshold}`,
      summary: 'No data-ingestion workflow runs',
      description: `No workflow has run in ${middletier} for 30 minutes: graph-refresh or the investigator stopped scheduling solvers.`,
      test: (threshold) => ({
        series: [{ series: `argo_workflows_gauge{namespace="${middletier}", phase="Running"}`, values: `${threshold - 1}x60` }],
        labels: { namespace: middletier },
      }),
    },
  ];
}
