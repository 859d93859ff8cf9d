/**
 * The ryax-engine chart's alert rules (RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L205-L260,
 * kube-prometheus-stack.additionalPrometheusRulesMap), as code with their promtool tests, scoped to the
 * environment's namespaces (the chart's matched every namespace of the cluster), and with the chart's
 * faults mended (docs/quirks.md Q65):
 * - RyaxContainerCpuUsage summed every ryax-* container of a node, in cores ×100: one busy node read as
 *   "a container above 95 %". Here each container's CPU against its limit, which the platform always sets.
 * - RyaxContainerVolumeIoUsage multiplied the I/Os in progress by 100, so a single one in flight fired it.
 *   Here the I/Os in progress of a container, against a threshold of them.
 * - The CPU alert's description said "for 15 minutes" where its `for` was 5m.
 */
import type { AlertDefinition } from '../../../src/platform/alerts.js';
import { namespaceNames } from '../../../src/config/environment.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { installs } from '../shared/stacks.js';
import { logsAlerts } from './logs-alerts.js';

/** The services' containers are named after their Services (ryax-runner, ...), as the chart's are. */
const RYAX_CONTAINERS = 'ryax-.*';

export function ryaxAlerts(env: RyaxEnvironment): AlertDefinition[] {
  const namespaces = namespaceNames(env);
  const inNamespaces = `namespace=~"${namespaces.join('|')}"`;
  const containers = `${inNamespaces}, container=~"${RYAX_CONTAINERS}"`;
  const [namespace] = namespaces;
  const labels = { namespace: namespace!, pod: 'ryax-runner-0', container: 'ryax-runner' };
  const series = (name: string, values: string, extra = '') =>
    ({ series: `${name}{namespace="${namespace}", pod="ryax-runner-0", container="ryax-runner"${extra}}`, values }) as const;
  return [
    {
      alert: 'RyaxContainerCpuUsage',
      severity: 'warning',
      for: '15m',
      threshold: 95,
      expr: (threshold) =>
        `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${containers}}[5m])) / sum by (namespace, pod, container) (kube_pod_container_resource_limits{${containers}, resource="cpu"}) * 100 > ${threshold}`,
      summary: 'A Ryax container uses nearly all the CPU its limit allows',
      description: 'A container of a Ryax service has used more than the threshold (in % of its CPU limit) for 15 minutes: it is throttled.',
      // Against a limit of one core, a rate of threshold/90 cores: 111 % of the threshold once rate()'s
      // 5m window is full, and under it before (a series that starts with the test is extrapolated short).
      test: (threshold) => ({
        series: [
          series('container_cpu_usage_seconds_total', `0+${((threshold * 2) / 3).toFixed(4)}x60`),
          series('kube_pod_container_resource_limits', '1x60', ', resource="cpu"'),
        ],
        labels,
        activeFromMinute: 5,
      }),
    },
    {
      alert: 'RyaxContainerVolumeUsage',
      severity: 'warning',
      for: '5m',
      threshold: 80,
      expr: (threshold) =>
        `(1 - sum by (namespace, pod, container) (container_fs_inodes_free{${containers}}) / sum by (namespace, pod, container) (container_fs_inodes_total{${containers}})) * 100 > ${threshold}`,
      summary: 'A Ryax container’s file system is running out of inodes',
      description: 'More than the threshold (in %) of the inodes of a Ryax container’s file system are used.',
      test: (threshold) => ({
        series: [series('container_fs_inodes_free', `${Math.max(0, 99 - threshold)}x20`), series('container_fs_inodes_total', '100x20')],
        labels,
      }),
    },
    {
      alert: 'RyaxContainerVolumeIoUsage',
      severity: 'warning',
      for: '5m',
      threshold: 80,
      expr: (threshold) => `sum by (namespace, pod, container) (container_fs_io_current{${containers}}) > ${threshold}`,
      summary: 'A Ryax container’s file system has many I/Os waiting',
      description: 'More than the threshold of I/Os are in progress on a Ryax container’s file system: its disk does not keep up.',
      test: (threshold) => ({ series: [series('container_fs_io_current', `${threshold + 1}x20`)], labels }),
    },
    {
      alert: 'RyaxInstanceDown',
      severity: 'critical',
      for: '5m',
      expr: () => `up{${inNamespaces}} == 0`,
      summary: 'A Ryax scrape target is down',
      description: 'Prometheus has not been able to scrape a target in the Ryax namespaces for 5 minutes: the service or its exporter is down.',
      test: {
        series: [{ series: `up{namespace="${namespace}", job="ryax-runner", instance="10.0.0.1:8090"}`, values: '0x20' }],
        labels: { namespace: namespace!, job: 'ryax-runner', instance: '10.0.0.1:8090' },
      },
    },
    // The logs stack's, where the environment installs it.
    ...(installs(env, 'logs') ? logsAlerts(env) : []),
  ];
}
