/**
 * The logs stack's alert (a site's, or an engine's that installs it): RyaxErrorsInLogs, the ryax-engine chart's (RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L262-L268),
 * on the counter the log collector keeps (components/ryax/stacks/alloy.ts). The chart's read
 * `promtail_custom_ryax_internal_error_in_logs_sum`, which no promtail stage of either chart made and
 * nothing scraped, so it could never fire (docs/quirks.md Q66); its bare `sum()` dropped the
 * container its summary named; and its `increase(...[1m])` needs two samples within a minute, which a
 * 30 s or 1 m scrape seldom or never gives (a range is open at its start). Here the errors a minute,
 * averaged over 5 minutes.
 */
import type { AlertDefinition } from '../../../src/platform/alerts.js';
import { RYAX_ERRORS_METRIC } from '../stacks/alloy.js';
import { type LogsEnvironment, ryaxNamespace } from '../stacks/logs.js';

export function logsAlerts(env: LogsEnvironment): AlertDefinition[] {
  const namespace = ryaxNamespace(env);
  const labels = { namespace, container: 'ryax-worker' };
  return [
    {
      alert: 'RyaxErrorsInLogs',
      severity: 'warning',
      for: '2m',
      threshold: 2,
      expr: (threshold) => `sum by (namespace, container) (rate(${RYAX_ERRORS_METRIC}{namespace="${namespace}"}[5m])) * 60 > ${threshold}`,
      summary: 'A Ryax container logs internal errors',
      description: 'A Ryax container has logged more internal errors a minute (averaged over 5 minutes) than the threshold, for 2 minutes.',
      // 111 % of the threshold in errors a minute: over it once rate()'s 5m window is full, under it
      // before (a series that starts with the test is extrapolated short).
      test: (threshold) => ({
        series: [
          {
            series: `${RYAX_ERRORS_METRIC}{namespace="${namespace}", pod="ryax-worker-0", container="ryax-worker"}`,
            values: `0+${((threshold * 10) / 9).toFixed(4)}x30`,
          },
        ],
        labels,
        activeFromMinute: 5,
      }),
    },
  ];
}
