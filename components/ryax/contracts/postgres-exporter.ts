/**
 * quay.io/prometheuscommunity/postgres-exporter:v0.18.1: the Prometheus exporter for PostgreSQL the Ryax
 * datastore runs (RyaxTech/ryax-engine@9dc81bf, subchart datastore, Deployment <datastore>-exporter with
 * DATA_SOURCE_NAME from the Secret key `all-databases`).
 *
 * Read at prometheus-community/postgres_exporter@v0.18.1 (refs/tags/v0.18.1, commit
 * 320b684f3dcd3f09b6e694e43f9b389b1a8199e5). The image is a busybox base with the one binary as its entry
 * point, run as `nobody` (65534), listening on :9187 (Dockerfile). Flags are kingpin v2.4.0 flags
 * (`--name value` or `--name=value`; a flag with `.Envar(NAME)` also takes its value from that variable
 * when the flag is not passed, and an empty variable counts as unset); the web flags come from
 * prometheus/exporter-toolkit v0.14.1 and the log flags from prometheus/common v0.66.1 (promslog).
 * The data source is read from the environment by getDataSources (cmd/postgres_exporter/datasource.go):
 * DATA_SOURCE_NAME wins; otherwise postgresql://USER:PASS@URI is built from DATA_SOURCE_URI and the
 * user and password (each *_FILE variable wins over its plain variable). Nothing is written to disk.
 *
 * Changes from v0.15.0 (components/contracts/images/postgres-exporter.ts): no flag and no variable was
 * removed or renamed; --auto-discover-databases, --extend.query-path, --constantLabels,
 * --exclude-databases and --include-databases are still there (deprecated, with their PG_EXPORTER_*
 * variables), the main.go flags moved up one line. New collectors: buffercache_summary (disabled),
 * roles (enabled), stat_checkpointer (disabled; skipped below PostgreSQL 17), stat_progress_vacuum
 * (enabled); new stat_statements flags --collector.stat_statements.include_query and
 * --collector.stat_statements.query_length; -h is a short form of --help. Logging moved from go-kit
 * promlog to slog promslog (same --log.level and --log.format values); exporter-toolkit 0.14.1 also
 * listens on vsock://:<port> addresses.
 */
import { defineContract, type Flag, type Form, integer, list, oneOf, pattern, readPath, text, type Variables } from '../../../src/contracts/model.js';

const TAG = 'v0.18.1';
const at = (path: string, line: number): string => `prometheus-community/postgres_exporter@${TAG}:${path}#L${line}`;
const toolkit = (line: number): string => `prometheus/exporter-toolkit@v0.14.1:web/kingpinflag/flag.go#L${line}`;
const promslog = (line: number): string => `prometheus/common@v0.66.1:promslog/flag/flag.go#L${line}`;

/** kingpin's Bool value: strconv.ParseBool; any other text stops the program at flag parsing. An empty variable keeps the default. */
const kingpinBool = {
  type: 'flag',
  on: ['1', 't', 'T', 'TRUE', 'true', 'True'],
  off: ['0', 'f', 'F', 'FALSE', 'false', 'False', ''],
  otherwise: 'error',
} as const satisfies Form;

const listenAddress = pattern('(vsock://)?(\\[[0-9a-fA-F:.]+\\]|[^\\s:]*)?:[0-9]{1,5}', 'a listen address [host]:port (or vsock://:port)');
const httpPath = pattern('/\\S*', 'an HTTP path starting with /');

/** The collectors registered by collector/*.go: --collector.<name> and --no-collector.<name>. */
const COLLECTORS: readonly (readonly [name: string, enabled: boolean, file: string, line: number])[] = [
  ['buffercache_summary', false, 'collector/pg_buffercache_summary.go', 28],
  ['database', true, 'collector/pg_database.go', 28],
  ['database_wraparound', false, 'collector/pg_database_wraparound.go', 27],
  ['locks', true, 'collector/pg_locks.go', 27],
  ['long_running_transactions', false, 'collector/pg_long_running_transactions.go', 26],
  ['postmaster', false, 'collector/pg_postmaster.go', 26],
  ['process_idle', false, 'collector/pg_process_idle.go', 27],
  ['replication', true, 'collector/pg_replication.go', 25],
  ['replication_slot', true, 'collector/pg_replication_slot.go', 28],
  ['roles', true, 'collector/pg_roles.go', 27],
  ['stat_activity_autovacuum', false, 'collector/pg_stat_activity_autovacuum.go', 26],
  ['stat_bgwriter', true, 'collector/pg_stat_bgwriter.go', 27],
  ['stat_checkpointer', false, 'collector/pg_stat_checkpointer.go', 30],
  ['stat_database', true, 'collector/pg_stat_database.go', 30],
  ['stat_progress_vacuum', true, 'collector/pg_stat_progress_vacuum.go', 27],
  ['stat_statements', false, 'collector/pg_stat_statements.go', 38],
  ['stat_user_tables', true, 'collector/pg_stat_user_tables.go', 27],
  ['stat_wal_receiver', false, 'collector/pg_stat_walreceiver.go', 25],
  ['statio_user_indexes', false, 'collector/pg_statio_user_indexes.go', 24],
  ['statio_user_tables', true, 'collector/pg_statio_user_tables.go', 27],
  ['wal', true, 'collector/pg_wal.go', 25],
  ['xlog_location', false, 'collector/pg_xlog_location.go', 27],
];

const collectorFlags: Record<string, Flag> = Object.fromEntries(
  COLLECTORS.flatMap(([name, enabled, file, line]) => [
    [
      `--collector.${name}`,
      { form: 'switch', description: `Enable the ${name} collector (default: ${enabled ? 'enabled' : 'disabled'}).`, source: at(file, line) },
    ],
    [`--no-collector.${name}`, { form: 'switch', description: `Disable the ${name} collector (kingpin's negated boolean flag).`, source: at(file, line) }],
  ]),
);

const DATA_SOURCE = {
  DATA_SOURCE_NAME: {
    form: text(),
    description:
      'One or more data sources separated by commas, each a postgresql:// (or postgres://) URI or a key=value connection string. When set it wins over every other DATA_SOURCE_* variable. One of DATA_SOURCE_NAME, DATA_SOURCE_URI or DATA_SOURCE_URI_FILE is needed for /metrics to scrape a server; with none the exporter only serves /probe (multi-target).',
    source: at('cmd/postgres_exporter/datasource.go', 123),
  },
  DATA_SOURCE_URI: {
    form: pattern('[^\\s/@]+(:[0-9]+)?(/[^\\s?]*)?(\\?\\S*)?', 'host[:port][/database][?parameters] without scheme or credentials'),
    description:
      'Server address the exporter prefixes with postgresql://USER:PASS@ (USER and PASS from DATA_SOURCE_USER/_PASS, URL-escaped), e.g. db.ns.svc:5432/dbname?sslmode=disable. Ignored when DATA_SOURCE_NAME is set; DATA_SOURCE_URI_FILE wins over it. Unset (and no DATA_SOURCE_NAME): no default target, /metrics has no database metrics.',
    source: at('cmd/postgres_exporter/datasource.go', 161),
  },
  DATA_SOURCE_URI_FILE: {
    form: readPath(),
    description: 'File holding DATA_SOURCE_URI (whitespace trimmed); wins over DATA_SOURCE_URI. An unreadable file stops the exporter.',
    source: at('cmd/postgres_exporter/datasource.go', 153),
  },
  DATA_SOURCE_USER: {
    form: text(),
    description: 'User name put into the URI built from DATA_SOURCE_URI. Ignored when DATA_SOURCE_USER_FILE or DATA_SOURCE_NAME is set.',
    source: at('cmd/postgres_exporter/datasource.go', 138),
  },
  DATA_SOURCE_USER_FILE: {
    form: readPath(),
    description: 'File holding the user name (whitespace trimmed); wins over DATA_SOURCE_USER. An unreadable file stops the exporter.',
    source: at('cmd/postgres_exporter/datasource.go', 130),
  },
  DATA_SOURCE_PASS: {
    form: text(),
    description: 'Password put into the URI built from DATA_SOURCE_URI. Ignored when DATA_SOURCE_PASS_FILE or DATA_SOURCE_NAME is set.',
    source: at('cmd/postgres_exporter/datasource.go', 149),
  },
  DATA_SOURCE_PASS_FILE: {
    form: readPath(),
    description: 'File holding the password (whitespace trimmed); wins over DATA_SOURCE_PASS. An unreadable file stops the exporter.',
    source: at('cmd/postgres_exporter/datasource.go', 141),
  },
} as const satisfies Variables;

/** The kingpin flags with `.Envar(...)`: the variable is read when the flag is not passed. */
const FLAG_VARIABLES = {
  PG_EXPORTER_WEB_TELEMETRY_PATH: {
    form: httpPath,
    default: '/metrics',
    description: 'Path of the metrics endpoint (--web.telemetry-path). The landing page at / is served only when it is not "/".',
    source: at('cmd/postgres_exporter/main.go', 42),
  },
  PG_EXPORTER_DISABLE_DEFAULT_METRICS: {
    form: kingpinBool,
    default: 'false',
    description: 'Export only the metrics of the custom queries file (--disable-default-metrics).',
    source: at('cmd/postgres_exporter/main.go', 43),
  },
  PG_EXPORTER_DISABLE_SETTINGS_METRICS: {
    form: kingpinBool,
    default: 'false',
    description: 'Skip the pg_settings metrics (--disable-settings-metrics).',
    source: at('cmd/postgres_exporter/main.go', 44),
  },
  PG_EXPORTER_AUTO_DISCOVER_DATABASES: {
    form: kingpinBool,
    default: 'false',
    description: 'Scrape every database of the server (--auto-discover-databases, deprecated: logs a warning).',
    source: at('cmd/postgres_exporter/main.go', 45),
  },
  PG_EXPORTER_EXTEND_QUERY_PATH: {
    form: readPath(),
    default: '',
    description: 'YAML file of custom queries (--extend.query-path, deprecated: logs a warning).',
    source: at('cmd/postgres_exporter/main.go', 46),
  },
  PG_EXPORTER_CONSTANT_LABELS: {
    form: list(',', pattern('[a-zA-Z_][a-zA-Z0-9_]*=\\S*', 'label=value')),
    default: '',
    description: 'Labels added to every metric, label=value separated by commas (--constantLabels, deprecated: logs a warning).',
    source: at('cmd/postgres_exporter/main.go', 48),
  },
  PG_EXPORTER_EXCLUDE_DATABASES: {
    form: list(','),
    default: '',
    description: 'Databases skipped by auto discovery and by the database collectors, separated by commas (--exclude-databases).',
    source: at('cmd/postgres_exporter/main.go', 49),
  },
  PG_EXPORTER_INCLUDE_DATABASES: {
    form: list(','),
    default: '',
    description: 'Only these databases are scraped by auto discovery, separated by commas (--include-databases, deprecated).',
    source: at('cmd/postgres_exporter/main.go', 50),
  },
  PG_EXPORTER_METRIC_PREFIX: {
    form: text(),
    default: 'pg',
    description: 'Replaces the "pg" prefix of the metric names of the legacy exporter (--metric-prefix).',
    source: at('cmd/postgres_exporter/main.go', 51),
  },
} as const satisfies Variables;

export const RYAX_POSTGRES_EXPORTER_CONTRACT = defineContract({
  repository: 'prometheuscommunity/postgres-exporter',
  tags: [TAG],
  source: `prometheus-community/postgres_exporter@${TAG}`,
  summary:
    'Prometheus exporter for PostgreSQL: connects to the data source from DATA_SOURCE_* and serves /metrics (and /probe for multi-target scraping) on :9187 as nobody (65534). Needs no Kubernetes API and writes no files.',
  entrypoint: {
    command: ['/bin/postgres_exporter'],
    source: at('Dockerfile', 12),
  },
  variables: { ...DATA_SOURCE, ...FLAG_VARIABLES },
  arguments: {
    unknownFlags: 'error',
    flags: {
      '--config.file': {
        form: text(),
        description:
          'Exporter configuration file (auth modules for /probe); default postgres_exporter.yml in the working directory (/). A missing file is only a warning.',
        source: at('cmd/postgres_exporter/main.go', 40),
      },
      '--web.listen-address': {
        form: listenAddress,
        description: 'Address to listen on, repeatable; default :9187. vsock://:<port> listens on vsock.',
        source: toolkit(40),
      },
      '--web.config.file': {
        form: readPath(),
        description: 'exporter-toolkit web configuration (TLS, basic auth).',
        source: toolkit(45),
      },
      '--web.systemd-socket': { form: 'switch', description: 'Use systemd socket activation instead of listening.', source: toolkit(34) },
      '--web.telemetry-path': {
        form: httpPath,
        description: 'Metrics path; default /metrics (or PG_EXPORTER_WEB_TELEMETRY_PATH).',
        source: at('cmd/postgres_exporter/main.go', 42),
      },
      '--disable-default-metrics': { form: 'switch', description: 'See PG_EXPORTER_DISABLE_DEFAULT_METRICS.', source: at('cmd/postgres_exporter/main.go', 43) },
      '--disable-settings-metrics': {
        form: 'switch',
        description: 'See PG_EXPORTER_DISABLE_SETTINGS_METRICS.',
        source: at('cmd/postgres_exporter/main.go', 44),
      },
      '--auto-discover-databases': { form: 'switch', description: 'See PG_EXPORTER_AUTO_DISCOVER_DATABASES.', source: at('cmd/postgres_exporter/main.go', 45) },
      '--extend.query-path': { form: readPath(), description: 'See PG_EXPORTER_EXTEND_QUERY_PATH.', source: at('cmd/postgres_exporter/main.go', 46) },
      '--dumpmaps': { form: 'switch', description: 'Print the metric maps and exit without serving.', source: at('cmd/postgres_exporter/main.go', 47) },
      '--constantLabels': {
        form: FLAG_VARIABLES.PG_EXPORTER_CONSTANT_LABELS.form,
        description: 'See PG_EXPORTER_CONSTANT_LABELS.',
        source: at('cmd/postgres_exporter/main.go', 48),
      },
      '--exclude-databases': { form: list(','), description: 'See PG_EXPORTER_EXCLUDE_DATABASES.', source: at('cmd/postgres_exporter/main.go', 49) },
      '--include-databases': { form: list(','), description: 'See PG_EXPORTER_INCLUDE_DATABASES.', source: at('cmd/postgres_exporter/main.go', 50) },
      '--metric-prefix': { form: text(), description: 'See PG_EXPORTER_METRIC_PREFIX.', source: at('cmd/postgres_exporter/main.go', 51) },
      '--collector.stat_statements.include_query': {
        form: 'switch',
        description: 'Also export the statement text with the queryid (stat_statements collector; default disabled).',
        source: at('collector/pg_stat_statements.go', 40),
      },
      '--no-collector.stat_statements.include_query': {
        form: 'switch',
        description: "Do not export the statement text (kingpin's negated boolean flag).",
        source: at('collector/pg_stat_statements.go', 40),
      },
      '--collector.stat_statements.query_length': {
        form: integer({ min: 0 }),
        description: 'Maximum length of the exported statement text; default 120.',
        source: at('collector/pg_stat_statements.go', 45),
      },
      '--log.level': { form: oneOf(['debug', 'info', 'warn', 'error']), description: 'Log level; default info.', source: promslog(46) },
      '--log.format': { form: oneOf(['logfmt', 'json']), description: 'Log format; default logfmt.', source: promslog(51) },
      '--version': { form: 'switch', description: 'Print the version and exit.', source: at('cmd/postgres_exporter/main.go', 71) },
      '--help': { form: 'switch', description: 'Print the usage and exit (also -h).', source: at('cmd/postgres_exporter/main.go', 74) },
      ...collectorFlags,
    },
  },
});
