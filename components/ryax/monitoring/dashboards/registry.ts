/**
 * "Docker Registry", the registry's dashboard (RyaxTech/ryax-engine@9dc81bf:
 * charts/ryax/subcharts/registry/grafana-dashboard.json: 2 rows, 17 panels), against what
 * docker.io/registry:3 (distribution v3.0.x; the registry component pins 3.1.1, which declares the same
 * metrics) serves on its debug port (served-metrics.ts).
 *
 * The reference's variables read labels no scrape here has (`kubernetes_namespace`, `app`); here every
 * query is scoped to the registry's namespace and job, and the latency heatmaps had no scope at all.
 *
 * Dropped: none.
 * Mended:
 * - the cache panels read registry_storage_cache_total{type="Request|Hit|Miss"}, distribution 2.x's
 *   names: v3 serves registry_storage_cache_requests_total, _hits_total and _errors_total, so the
 *   misses are requests less hits (cachedblobdescriptorstore.go counts a hit only when the cache answers);
 * - the five latency heatmaps become 50th/90th/99th percentile time series per route (the library draws
 *   time series and stats); "base" is the /v2/ version check, not an upload as the reference titled it;
 * - "Registry Action Latency" drew increase() of the sum ×1000 as seconds: here the mean time per
 *   storage action; "Average Memory Usage" took rate() of a gauge; ceil() of request rates is gone;
 * - the singlestats become stat panels.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboard, stat, timeseries } from '../../../../src/platform/dashboard.js';
import { REGISTRY_SERVICE } from '../../registry/names.js';

/** The registry's Service, whose `metrics` port is the debug server: a ServiceMonitor without jobLabel names the job after it. */
export const REGISTRY_JOB = REGISTRY_SERVICE;
export const REGISTRY_UID = 'ryax-registry';

/** The routes the reference drew, and what each serves (registry/api/v2/routes.go). */
const LATENCY_ROUTES: readonly (readonly [handler: string, what: string])[] = [
  ['blob', 'layer downloads and existence checks'],
  ['base', 'the /v2/ version check'],
  ['blob_upload', 'layer uploads'],
  ['manifest', 'manifests'],
  ['catalog', 'the catalog'],
];

export function registryDashboard(namespace: string): Dashboard {
  const registry = `namespace="${namespace}", job="${REGISTRY_JOB}"`;
  const rate = (metric: string, extra = '') => `rate(${metric}{${registry}${extra}}[$__rate_interval])`;
  const quantile = (q: number, handler: string) =>
    `histogram_quantile(${q}, sum by (le) (${rate('registry_http_request_duration_seconds_bucket', `, handler="${handler}"`)}))`;
  return buildDashboard({
    uid: REGISTRY_UID,
    title: 'Ryax registry',
    description: 'The internal registry the actions’ images are pushed to and pulled from: requests, latency, storage and its process.',
    sections: [
      {
        title: 'Process and cache',
        panels: [
          stat('Start time', { expr: `max(process_start_time_seconds{${registry}}) * 1000` }, { unit: 'dateTimeFromNow' }),
          stat('Cache requests', { expr: `sum(registry_storage_cache_requests_total{${registry}})` }, { unit: 'short' }),
          stat('Cache hits', { expr: `sum(registry_storage_cache_hits_total{${registry}})` }, { unit: 'short' }),
          stat(
            'Cache misses',
            { expr: `sum(registry_storage_cache_requests_total{${registry}}) - sum(registry_storage_cache_hits_total{${registry}})` },
            { unit: 'short' },
          ),
          stat('Resident memory', { expr: `sum(process_resident_memory_bytes{${registry}})` }, { unit: 'bytes' }),
          timeseries('CPU', [{ expr: `sum(${rate('process_cpu_seconds_total')})`, legend: 'CPU' }], { unit: 'percentunit' }),
          timeseries(
            'Memory',
            [
              { expr: `sum(process_resident_memory_bytes{${registry}})`, legend: 'resident' },
              { expr: `sum(process_virtual_memory_bytes{${registry}})`, legend: 'virtual' },
            ],
            { unit: 'bytes' },
          ),
          timeseries('Open file descriptors', [{ expr: `sum(process_open_fds{${registry}})`, legend: 'open' }], { unit: 'short' }),
        ],
      },
      {
        title: 'Registry',
        panels: [
          timeseries('HTTP requests', [{ expr: `sum by (handler) (${rate('registry_http_requests_total')})`, legend: '{{handler}}' }], { unit: 'reqps' }),
          timeseries('In-flight HTTP requests', [{ expr: `sum by (handler) (registry_http_in_flight_requests{${registry}})`, legend: '{{handler}}' }], {
            unit: 'short',
          }),
          timeseries(
            'Cache requests',
            [
              { expr: `sum(${rate('registry_storage_cache_requests_total')})`, legend: 'requests' },
              { expr: `sum(${rate('registry_storage_cache_hits_total')})`, legend: 'hits' },
              { expr: `sum(${rate('registry_storage_cache_errors_total')})`, legend: 'errors' },
            ],
            { unit: 'ops' },
          ),
          timeseries(
            'Storage action time (mean)',
            [
              {
                expr: `sum by (action) (${rate('registry_storage_action_seconds_sum')}) / sum by (action) (${rate('registry_storage_action_seconds_count')})`,
                legend: '{{action}}',
              },
            ],
            { unit: 's' },
          ),
          ...LATENCY_ROUTES.map(([handler, what]) =>
            timeseries(
              `Request latency: ${handler}`,
              [
                { expr: quantile(0.5, handler), legend: 'p50' },
                { expr: quantile(0.9, handler), legend: 'p90' },
                { expr: quantile(0.99, handler), legend: 'p99' },
              ],
              { unit: 's', description: `Requests to the ${handler} route: ${what}.` },
            ),
          ),
        ],
      },
    ],
  });
}
