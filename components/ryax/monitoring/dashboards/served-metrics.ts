/**
 * The metric names (and their labels) that each program the Ryax dashboards read serves, at the tag the
 * platform runs, each with the place it was read. dashboards.test.ts checks every query against these
 * lists, so a misspelt metric or label fails a test instead of drawing an empty panel.
 *
 * The lists hold what was read, not every series a program serves (the other default collectors of
 * postgres_exporter, the go_* runtime series and the registry's notification and proxy metrics are left
 * out): a dashboard that wants one of those adds it here with its source first.
 */
import { subchart } from '../../contracts/chart.js';

export interface ServedMetric {
  /** Its own labels, without the job, namespace, instance, ... that the scrape adds. */
  readonly labels: readonly string[];
  /** repo@tag:path#line of the place that names it. */
  readonly source: string;
}

export type ServedMetrics = Readonly<Record<string, ServedMetric>>;

/**
 * The labels the scrape adds to every series: a ServiceMonitor's target gets namespace, service, pod,
 * container and endpoint, and job, which is the Service's name when the ServiceMonitor sets no jobLabel
 * (prometheus-operator API, ServiceMonitorSpec.jobLabel; src/platform/service-monitor.ts sets none).
 */
export const TARGET_LABELS: readonly string[] = ['job', 'instance', 'namespace', 'service', 'pod', 'container', 'endpoint'];

/** A Prometheus histogram: its _bucket (with le), _sum and _count series. */
function histogram(name: string, labels: readonly string[], source: string): Record<string, ServedMetric> {
  return {
    [`${name}_bucket`]: { labels: [...labels, 'le'], source },
    [`${name}_sum`]: { labels, source },
    [`${name}_count`]: { labels, source },
  };
}

function family(names: readonly string[], labels: readonly string[], source: string): Record<string, ServedMetric> {
  return Object.fromEntries(names.map((name) => [name, { labels, source }]));
}

/** Each series of client_golang's process collector, and its line after the collector's first (the CPU time's). */
const PROCESS_SERIES: Readonly<Record<string, number>> = {
  process_cpu_seconds_total: 0,
  process_open_fds: 5,
  process_max_fds: 10,
  process_virtual_memory_bytes: 15,
  process_resident_memory_bytes: 25,
  process_start_time_seconds: 30,
};

/** client_golang's process collector, which its default registry holds (prometheus/registry.go#L61) and promhttp.Handler() serves. */
function processMetrics(version: string, firstLine: number): Record<string, ServedMetric> {
  return Object.fromEntries(
    Object.entries(PROCESS_SERIES).map(([name, offset]) => [
      name,
      { labels: [], source: `prometheus/client_golang@${version}:prometheus/process_collector.go#L${firstLine + offset}` },
    ]),
  );
}

const exporter = (path: string, line: number) => `prometheus-community/postgres_exporter@v0.18.1:${path}#L${line}`;
/** The stat_database collector (enabled by default, collector/pg_stat_database.go#L30): one series per database. */
const STAT_DATABASE_LINES: Readonly<Record<string, number>> = {
  numbackends: 46,
  xact_commit: 56,
  xact_rollback: 66,
  blks_read: 76,
  blks_hit: 86,
  tup_returned: 96,
  tup_fetched: 106,
  tup_inserted: 116,
  tup_updated: 126,
  tup_deleted: 136,
  conflicts: 146,
  temp_files: 156,
  temp_bytes: 166,
  deadlocks: 176,
  blk_read_time: 186,
  blk_write_time: 196,
  stats_reset: 205,
  active_time_seconds_total: 214,
};
const STAT_ACTIVITY_LABELS = ['datname', 'state', 'usename', 'application_name', 'backend_type', 'wait_event_type', 'wait_event'];

/**
 * quay.io/prometheuscommunity/postgres-exporter:v0.18.1 (commit 320b684f) with its default collectors
 * (the datastore's exporter passes no --collector flag), scraping PostgreSQL 18 (the datastore's image).
 * Against PostgreSQL 17 and later the stat_bgwriter collector serves only the four series below
 * (collector/pg_stat_bgwriter.go#L128-L175): the checkpoint and backend-buffer series moved to
 * pg_stat_checkpointer, whose collector is disabled by default (collector/pg_stat_checkpointer.go#L30).
 * pg_postmaster_start_time_seconds comes from the postmaster collector, disabled by default
 * (collector/pg_postmaster.go#L26).
 */
export const POSTGRES_EXPORTER_METRICS: ServedMetrics = {
  pg_up: { labels: [], source: exporter('cmd/postgres_exporter/postgres_exporter.go', 551) },
  pg_exporter_last_scrape_duration_seconds: { labels: [], source: exporter('cmd/postgres_exporter/postgres_exporter.go', 531) },
  pg_exporter_scrapes_total: { labels: [], source: exporter('cmd/postgres_exporter/postgres_exporter.go', 538) },
  pg_exporter_last_scrape_error: { labels: [], source: exporter('cmd/postgres_exporter/postgres_exporter.go', 545) },
  pg_static: { labels: ['version', 'short_version'], source: exporter('cmd/postgres_exporter/postgres_exporter.go', 655) },
  // The builtin pg_stat_activity map: <namespace>_<column> (postgres_exporter.go#L313).
  ...family(['pg_stat_activity_count', 'pg_stat_activity_max_tx_duration'], STAT_ACTIVITY_LABELS, exporter('cmd/postgres_exporter/postgres_exporter.go', 248)),
  ...family(
    ['confl_tablespace', 'confl_lock', 'confl_snapshot', 'confl_bufferpin', 'confl_deadlock'].map((column) => `pg_stat_database_conflicts_${column}`),
    ['datid', 'datname'],
    exporter('cmd/postgres_exporter/postgres_exporter.go', 165),
  ),
  // pg_settings: every integer and real setting as pg_settings_<name>, memory units converted to bytes
  // with a _bytes suffix (cmd/postgres_exporter/pg_setting.go#L40, #L69, #L89-L90, #L131-L132). The units
  // are PostgreSQL's: shared_buffers and effective_cache_size in 8kB blocks, work_mem and
  // maintenance_work_mem in kB, max_wal_size in MB; the others have none (PostgreSQL 18 docs, server configuration).
  ...family(
    [
      'pg_settings_max_connections',
      'pg_settings_shared_buffers_bytes',
      'pg_settings_effective_cache_size_bytes',
      'pg_settings_maintenance_work_mem_bytes',
      'pg_settings_work_mem_bytes',
      'pg_settings_max_wal_size_bytes',
      'pg_settings_random_page_cost',
      'pg_settings_seq_page_cost',
      'pg_settings_max_worker_processes',
      'pg_settings_max_parallel_workers',
    ],
    [],
    exporter('cmd/postgres_exporter/pg_setting.go', 69),
  ),
  ...Object.fromEntries(
    Object.entries(STAT_DATABASE_LINES).map(([column, line]) => [
      `pg_stat_database_${column}`,
      { labels: ['datid', 'datname'], source: exporter('collector/pg_stat_database.go', line) },
    ]),
  ),
  pg_locks_count: { labels: ['datname', 'mode'], source: exporter('collector/pg_locks.go', 45) },
  pg_database_size_bytes: { labels: ['datname'], source: exporter('collector/pg_database.go', 52) },
  pg_database_connection_limit: { labels: ['datname'], source: exporter('collector/pg_database.go', 61) },
  pg_stat_bgwriter_buffers_clean_total: { labels: [], source: exporter('collector/pg_stat_bgwriter.go', 69) },
  pg_stat_bgwriter_maxwritten_clean_total: { labels: [], source: exporter('collector/pg_stat_bgwriter.go', 75) },
  pg_stat_bgwriter_buffers_alloc_total: { labels: [], source: exporter('collector/pg_stat_bgwriter.go', 93) },
  pg_stat_bgwriter_stats_reset_total: { labels: [], source: exporter('collector/pg_stat_bgwriter.go', 99) },
  // go.mod: client_golang v1.23.1; served by promhttp.Handler() (cmd/postgres_exporter/main.go#L146).
  ...processMetrics('v1.23.1', 71),
};

const distribution = (path: string, line: number) => `distribution/distribution@v3.0.0:${path}#L${line}`;
const goMetrics = (line: number) => distribution('vendor/github.com/docker/go-metrics/namespace.go', line);
/** The route names, `-` turned into `_` (registry/handlers/app.go#L467; registry/api/v2/routes.go#L12-L18). */
export const REGISTRY_HANDLERS = ['base', 'manifest', 'tags', 'blob', 'blob_upload', 'blob_upload_chunk', 'catalog'] as const;

/**
 * docker.io/registry:3 (distribution/distribution v3.0.0, commit 9ed95e73; the same metric declarations at
 * v3.1.1), with http.debug.prometheus.enabled: the debug server serves the default registry
 * (registry/registry.go#L376-L383). go-metrics names a counter <ns>_<sub>_<name>_total and a timer a
 * histogram <ns>_<sub>_<name>_seconds (namespace.go#L69, #L95); each route is instrumented with the
 * `handler` label (registry/handlers/app.go#L465-L469). The storage cache counters count only when
 * storage.cache.blobdescriptor is set: the config the project's Dockerfile ships sets inmemory
 * (cmd/registry/config-dev.yml#L11, copied by Dockerfile#L55); the Docker Official Image's own config was
 * not read at a 3.x tag.
 */
export const REGISTRY_METRICS: ServedMetrics = {
  registry_http_requests_total: { labels: ['handler', 'code', 'method'], source: goMetrics(235) },
  registry_http_in_flight_requests: { labels: ['handler'], source: goMetrics(216) },
  ...histogram('registry_http_request_duration_seconds', ['handler', 'method'], goMetrics(257)),
  ...histogram('registry_http_request_size_bytes', ['handler'], goMetrics(280)),
  ...histogram('registry_http_response_size_bytes', ['handler'], goMetrics(303)),
  ...histogram('registry_storage_action_seconds', ['driver', 'action'], distribution('registry/storage/driver/base/base.go', 57)),
  registry_storage_cache_requests_total: { labels: [], source: distribution('registry/storage/cache/cachedblobdescriptorstore.go', 20) },
  registry_storage_cache_hits_total: { labels: [], source: distribution('registry/storage/cache/cachedblobdescriptorstore.go', 22) },
  registry_storage_cache_errors_total: { labels: [], source: distribution('registry/storage/cache/cachedblobdescriptorstore.go', 24) },
  // vendor/modules.txt#L407: client_golang v1.20.5.
  ...processMetrics('v1.20.5', 70),
};

const usageJson = subchart('runner', 'RyaxUsageAndPerformance-withSites.json');

/**
 * The runner (docker.io/ryaxtech/runner:26.4.0): its source is not public, so the names and labels are
 * those the chart's own dashboard queries (the line of the first query that uses each); nothing else
 * says what the runner serves on its metrics port.
 */
export const RUNNER_METRICS: ServedMetrics = {
  ryax_action_deployments: { labels: ['site_name', 'node_pool_name', 'state', 'execution_type', 'name', 'project_id'], source: usageJson(91) },
  ryax_workflow_deployments: { labels: ['definition_id', 'name', 'state', 'project_id'], source: usageJson(204) },
  ryax_execution_connections: { labels: ['state', 'project_id'], source: usageJson(600) },
  ...histogram('ryax_user_api_requests_duration_seconds', ['ryax_user_api_http_path', 'ryax_user_api_http_method', 'ryax_project'], usageJson(774)),
  ...histogram('ryax_events_processing_time_seconds', ['event_name', 'handler_name'], usageJson(877)),
};
