/**
 * docker.io/bitnami/pgbouncer: Bitnami's PgBouncer image.
 *
 * The image is bitnami/containers bitnami/pgbouncer/1/debian-12. Its Dockerfile was read at
 * bitnami/containers@4c28bec5475d98e983b2a3288f945bed0f079e4d (image 1.23.1-debian-12-r0, created
 * 2024-08-02): minideb bookworm with the pgbouncer 1.23.1, postgresql-client, ini-file and
 * wait-for-port components, USER 1001, entry point entrypoint.sh with run.sh as CMD. The scripts could
 * not be read at that commit (the bitnami/containers history is too large to fetch here and the file
 * index holds other versions of them): pgbouncer-env.sh was read at 043f89c88c0ea505b02145ba5dd2299e9cd3058e,
 * libpgbouncer.sh at 07b5b85b788756ac40aaa34ad0be1b2de5d664aa and entrypoint.sh, setup.sh, run.sh and
 * postunpack.sh at 774d035d0d30d6c2b1efaa1d9db2c57271bcd03c, later versions of the same 1/debian-12
 * scripts. Defaults that may have changed since 1.23.1 are said so in their descriptions.
 *
 * What it does: entrypoint.sh sources pgbouncer-env.sh (defaults; every variable listed there can also
 * be read from NAME_FILE), fakes a passwd entry through nss_wrapper files in /tmp when the uid has none
 * (1001 has none), and setup.sh validates the variables, waits for POSTGRESQL_HOST:POSTGRESQL_PORT,
 * writes /opt/bitnami/pgbouncer/conf/userlist.txt (POSTGRESQL_USERNAME and POSTGRESQL_PASSWORD in plain
 * text, then PGBOUNCER_USERLIST) and pgbouncer.ini ([databases] PGBOUNCER_DATABASE = host, port and
 * dbname=POSTGRESQL_DATABASE; [pgbouncer] one key per non-empty PGBOUNCER_* variable) unless those files
 * are mounted in /bitnami/pgbouncer/conf; run.sh then execs pgbouncer on that file (pid file in
 * /opt/bitnami/pgbouncer/tmp, Unix socket in /tmp).
 */
import {
  defineContract,
  integer,
  list,
  number,
  oneOf,
  pattern,
  readPath,
  text,
  writePath,
  type Form,
  type Variable,
  type Variables,
} from '../../../src/contracts/model.js';

const DOCKERFILE = '4c28bec5475d98e983b2a3288f945bed0f079e4d';
const ENV_COMMIT = '043f89c88c0ea505b02145ba5dd2299e9cd3058e';
const LIB_COMMIT = '07b5b85b788756ac40aaa34ad0be1b2de5d664aa';
const SCRIPTS_COMMIT = '774d035d0d30d6c2b1efaa1d9db2c57271bcd03c';
const DIR = 'bitnami/pgbouncer/1/debian-12';
const dockerfile = (line: number): string => `bitnami/containers@${DOCKERFILE}:${DIR}/Dockerfile#L${line}`;
const env = (line: number): string => `bitnami/containers@${ENV_COMMIT}:${DIR}/rootfs/opt/bitnami/scripts/pgbouncer-env.sh#L${line}`;
const lib = (line: number): string => `bitnami/containers@${LIB_COMMIT}:${DIR}/rootfs/opt/bitnami/scripts/libpgbouncer.sh#L${line}`;
const script = (name: string, line: number): string => `bitnami/containers@${SCRIPTS_COMMIT}:${DIR}/rootfs/opt/bitnami/scripts/pgbouncer/${name}#L${line}`;

/** Bitnami's is_boolean_yes: 1, yes or true in any case; anything else is no. */
const bitnamiYes = { type: 'flag', on: ['1', 'yes', 'true'], off: ['0', 'no', 'false', ''], otherwise: 'off', caseInsensitive: true } as const satisfies Form;
/** A pgbouncer.ini switch (an integer, 0 off, 1 on). */
const iniSwitch = integer({ min: 0, max: 1 });
const seconds = number({ min: 0 });
const sslmode = oneOf(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/** An ini key written only when the variable is non-empty (libpgbouncer.sh's key/value list). */
const ini = (key: string, form: Form, line: number, extra = '') =>
  ({ form, description: `pgbouncer.ini ${key}; unset leaves PgBouncer's own default.${extra === '' ? '' : ` ${extra}`}`, source: env(line) }) as const;

const VARIABLES = {
  POSTGRESQL_HOST: {
    form: text(),
    default: 'postgresql',
    description:
      'Backend host: setup waits for it (PGBOUNCER_INIT_MAX_RETRIES x PGBOUNCER_INIT_SLEEP_TIME, then exits 1) and writes it into the [databases] entry. The default only resolves where a Service named "postgresql" is in the same namespace.',
    source: env(188),
  },
  POSTGRESQL_PORT: { form: integer({ min: 1, max: 65535 }), default: '5432', description: 'Backend port.', source: env(189) },
  POSTGRESQL_USERNAME: {
    form: text(),
    default: 'postgres',
    description: 'User written with POSTGRESQL_PASSWORD into userlist.txt (the user clients log in as) and made admin_users.',
    source: env(185),
  },
  POSTGRESQL_PASSWORD: {
    form: pattern('[\\s\\S]{1,100}', 'a password of at most 100 characters'),
    required: true,
    description:
      'Password of POSTGRESQL_USERNAME, written in plain text into userlist.txt. Validation stops the container when it is empty (unless PGBOUNCER_AUTH_TYPE=trust) or longer than 100 characters.',
    source: lib(63),
  },
  POSTGRESQL_DATABASE: {
    form: text(),
    description:
      'Backend database name (dbname= of the [databases] entry, unless PGBOUNCER_DATABASE is "*"). In the version read it defaults to the value of PGBOUNCER_DATABASE; older versions of the script defaulted it to "postgres", so set it explicitly.',
    source: env(187),
  },
  PGBOUNCER_DATABASE: {
    form: text(),
    default: 'postgres',
    description: 'Name clients connect to: the key of the one [databases] entry; "*" makes it a wildcard entry without dbname.',
    source: env(123),
  },
  PGBOUNCER_PORT: {
    form: integer({ min: 1, max: 65535 }),
    default: '6432',
    description: 'listen_port; validated as a port (an invalid one stops the container).',
    source: lib(57),
  },
  PGBOUNCER_LISTEN_ADDRESS: { form: text(), default: '0.0.0.0', description: 'listen_addr.', source: env(125) },
  PGBOUNCER_AUTH_TYPE: {
    form: oneOf(['any', 'cert', 'md5', 'hba', 'pam', 'plain', 'scram-sha-256', 'trust']),
    default: 'scram-sha-256',
    description:
      'auth_type; another value stops the container. The default is scram-sha-256 in the version read (earlier versions used md5); "hba" needs PGBOUNCER_AUTH_HBA_FILE.',
    source: lib(58),
  },
  PGBOUNCER_AUTH_USER: { form: text(), description: 'auth_user of the [databases] entry (for auth_query).', source: env(126) },
  PGBOUNCER_AUTH_QUERY: ini('auth_query', text(), 127),
  PGBOUNCER_AUTH_HBA_FILE: ini('auth_hba_file', readPath(), 129, 'Must exist when PGBOUNCER_AUTH_TYPE=hba.'),
  PGBOUNCER_AUTH_IDENT_FILE: ini('auth_ident_file', readPath(), 130),
  PGBOUNCER_STATS_USERS: ini('stats_users', list(','), 131),
  PGBOUNCER_POOL_MODE: {
    form: oneOf(['session', 'transaction', 'statement']),
    description: "pool_mode; another value stops the container; unset leaves PgBouncer's default (session).",
    source: lib(59),
  },
  PGBOUNCER_INIT_SLEEP_TIME: {
    form: integer({ min: 0 }),
    default: '10',
    description: 'Seconds between the checks for the backend port at start.',
    source: env(133),
  },
  PGBOUNCER_INIT_MAX_RETRIES: {
    form: integer({ min: 0 }),
    default: '10',
    description: 'Checks for the backend port before giving up (exit 1).',
    source: env(135),
  },
  PGBOUNCER_SERVER_FAST_CLOSE: ini('server_fast_close', iniSwitch, 134),
  PGBOUNCER_QUERY_WAIT_TIMEOUT: ini('query_wait_timeout', seconds, 136),
  PGBOUNCER_MAX_CLIENT_CONN: ini('max_client_conn', integer({ min: 1 }), 137),
  PGBOUNCER_MAX_DB_CONNECTIONS: ini('max_db_connections', integer({ min: 0 }), 138),
  PGBOUNCER_IDLE_TRANSACTION_TIMEOUT: ini('idle_transaction_timeout', seconds, 139),
  PGBOUNCER_SERVER_IDLE_TIMEOUT: ini('server_idle_timeout', seconds, 140),
  PGBOUNCER_SERVER_RESET_QUERY: ini('server_reset_query', text(), 141),
  PGBOUNCER_DEFAULT_POOL_SIZE: ini('default_pool_size', integer({ min: 0 }), 142),
  PGBOUNCER_MIN_POOL_SIZE: ini('min_pool_size', integer({ min: 0 }), 143),
  PGBOUNCER_RESERVE_POOL_SIZE: ini('reserve_pool_size', integer({ min: 0 }), 144),
  PGBOUNCER_RESERVE_POOL_TIMEOUT: ini('reserve_pool_timeout', seconds, 145),
  PGBOUNCER_IGNORE_STARTUP_PARAMETERS: { form: list(','), default: 'extra_float_digits', description: 'ignore_startup_parameters.', source: env(146) },
  PGBOUNCER_STATS_PERIOD: { form: integer({ min: 1 }), default: '60', description: 'stats_period.', source: env(147) },
  PGBOUNCER_MAX_PREPARED_STATEMENTS: ini('max_prepared_statements', integer({ min: 0 }), 148),
  PGBOUNCER_EXTRA_FLAGS: { form: text(), description: 'Further pgbouncer command-line arguments, split on whitespace.', source: script('run.sh', 24) },
  PGBOUNCER_FAIL_ON_INVALID_DSN_FILE: {
    form: oneOf(['true', 'false']),
    default: 'false',
    description: 'With exactly "false" an unreadable PGBOUNCER_DSN_<n>_FILE is skipped with a warning; any other text stops the container.',
    source: env(150),
  },
  PGBOUNCER_SERVER_ROUND_ROBIN: ini('server_round_robin', iniSwitch, 151),
  PGBOUNCER_APPLICATION_NAME_ADD_HOST: ini('application_name_add_host', iniSwitch, 152),
  PGBOUNCER_CLIENT_TLS_SSLMODE: {
    form: sslmode,
    default: 'disable',
    description: 'client_tls_sslmode; other than disable, PGBOUNCER_CLIENT_TLS_CERT_FILE and _KEY_FILE must exist or the container stops.',
    source: lib(82),
  },
  PGBOUNCER_CLIENT_TLS_CA_FILE: ini('client_tls_ca_file', readPath(), 156),
  PGBOUNCER_CLIENT_TLS_CERT_FILE: ini('client_tls_cert_file', readPath(), 157),
  PGBOUNCER_CLIENT_TLS_KEY_FILE: ini('client_tls_key_file', readPath(), 158),
  PGBOUNCER_CLIENT_TLS_CIPHERS: { form: text(), default: 'fast', description: 'client_tls_ciphers (written when client TLS is on).', source: env(159) },
  PGBOUNCER_SERVER_TLS_SSLMODE: {
    form: sslmode,
    default: 'disable',
    description: 'server_tls_sslmode; verify-ca and verify-full need PGBOUNCER_SERVER_TLS_CA_FILE.',
    source: lib(101),
  },
  PGBOUNCER_SERVER_TLS_CA_FILE: ini('server_tls_ca_file', readPath(), 163),
  PGBOUNCER_SERVER_TLS_CERT_FILE: ini('server_tls_cert_file', readPath(), 164),
  PGBOUNCER_SERVER_TLS_KEY_FILE: ini('server_tls_key_file', readPath(), 165),
  PGBOUNCER_SERVER_TLS_PROTOCOLS: { form: text(), default: 'secure', description: 'server_tls_protocols (written when server TLS is on).', source: env(166) },
  PGBOUNCER_SERVER_TLS_CIPHERS: { form: text(), default: 'fast', description: 'server_tls_ciphers (written when server TLS is on).', source: env(167) },
  PGBOUNCER_LOG_CONNECTIONS: ini('log_connections', iniSwitch, 170),
  PGBOUNCER_LOG_DISCONNECTIONS: ini('log_disconnections', iniSwitch, 171),
  PGBOUNCER_LOG_POOLER_ERRORS: ini('log_pooler_errors', iniSwitch, 172),
  PGBOUNCER_LOG_STATS: ini('log_stats', iniSwitch, 173),
  PGBOUNCER_SERVER_LIFETIME: ini('server_lifetime', seconds, 176),
  PGBOUNCER_SERVER_CONNECT_TIMEOUT: ini('server_connect_timeout', seconds, 177),
  PGBOUNCER_SERVER_LOGIN_RETRY: ini('server_login_retry', seconds, 178),
  PGBOUNCER_CLIENT_LOGIN_TIMEOUT: ini('client_login_timeout', seconds, 179),
  PGBOUNCER_AUTODB_IDLE_TIMEOUT: ini('autodb_idle_timeout', seconds, 180),
  PGBOUNCER_QUERY_TIMEOUT: ini('query_timeout', seconds, 181),
  PGBOUNCER_CLIENT_IDLE_TIMEOUT: ini('client_idle_timeout', seconds, 182),
  PGBOUNCER_SET_DATABASE_USER: {
    form: bitnamiYes,
    default: 'no',
    description: 'Yes adds user=POSTGRESQL_USERNAME to the [databases] entry.',
    source: lib(222),
  },
  PGBOUNCER_SET_DATABASE_PASSWORD: {
    form: bitnamiYes,
    default: 'no',
    description: 'Yes adds password=POSTGRESQL_PASSWORD to the [databases] entry.',
    source: lib(225),
  },
  PGBOUNCER_USERLIST: { form: text(), description: 'Further lines of userlist.txt ("user" "password").', source: lib(211) },
  PGBOUNCER_CONNECT_QUERY: { form: text(), description: 'connect_query of the [databases] entry.', source: lib(234) },
  PGBOUNCER_FORCE_INITSCRIPTS: {
    form: oneOf(['true', 'false']),
    default: 'false',
    description: 'Exactly "true" runs /docker-entrypoint-initdb.d/*.sh at every start (otherwise once, marked in /bitnami/pgbouncer).',
    source: env(194),
  },
  PGBOUNCER_LOG_FILE: {
    form: writePath(),
    description:
      'logfile; empty (the default in the version read) logs to stderr only. Earlier versions of the script always set it to /opt/bitnami/pgbouncer/logs/pgbouncer.log.',
    source: env(122),
  },
  PGBOUNCER_SOCKET_DIR: {
    form: writePath(),
    default: '/tmp/',
    description: 'unix_socket_dir: the directory PgBouncer creates its Unix socket in.',
    source: env(197),
  },
  PGBOUNCER_SOCKET_MODE: { form: pattern('0?[0-7]{3}', 'an octal mode such as 0777'), default: '0777', description: 'unix_socket_mode.', source: env(198) },
  PGBOUNCER_SOCKET_GROUP: { form: text(), description: 'unix_socket_group.', source: env(199) },
  PGBOUNCER_DAEMON_USER: {
    form: text(),
    default: 'pgbouncer',
    description: 'User PgBouncer runs as when the container starts as root; also the name of the faked passwd entry.',
    source: env(202),
  },
  PGBOUNCER_DAEMON_GROUP: { form: text(), default: 'pgbouncer', description: 'Group of PGBOUNCER_DAEMON_USER.', source: env(203) },
} as const satisfies Variables;

type WithFiles<V extends Variables> = V & { readonly [K in keyof V & string as `${K}_FILE`]: Variable };

/** Every variable of pgbouncer-env.sh's list can be read from a file named by NAME_FILE (an unreadable one is skipped with a warning). */
function withFiles<const V extends Variables>(variables: V): WithFiles<V> {
  const files = Object.fromEntries(
    Object.keys(variables).map((name) => [
      `${name}_FILE`,
      { form: readPath(), description: `File whose content becomes ${name}; wins over ${name}.`, source: env(100) } satisfies Variable,
    ]),
  );
  return { ...variables, ...files } as WithFiles<V>;
}

export const PGBOUNCER_CONTRACT = defineContract({
  repository: 'bitnami/pgbouncer',
  tags: ['1.23.1'],
  source: `bitnami/containers@${DOCKERFILE}:${DIR}`,
  summary:
    'PgBouncer 1.23.1 by Bitnami: generates pgbouncer.ini and userlist.txt from PGBOUNCER_* and POSTGRESQL_* (POSTGRESQL_PASSWORD required), waits for the backend, then runs pgbouncer on :6432 as 1001. Writes /opt/bitnami/pgbouncer/conf, /opt/bitnami/pgbouncer/tmp, /opt/bitnami/pgbouncer/logs and /tmp. Needs no Kubernetes API.',
  entrypoint: {
    command: ['/opt/bitnami/scripts/pgbouncer/entrypoint.sh'],
    source: dockerfile(68),
  },
  variables: withFiles(VARIABLES),
  patterns: [
    {
      prefix: 'PGBOUNCER_DSN_',
      form: text(),
      description:
        'Further [databases] entries, PGBOUNCER_DSN_0, PGBOUNCER_DSN_1, ... read in order until the first unset number, each "name=host=... port=... dbname=..."; PGBOUNCER_DSN_<n>_FILE reads one from a file.',
      source: lib(240),
    },
  ],
  writes: [
    { path: '/opt/bitnami/pgbouncer/conf', source: lib(237) },
    { path: '/opt/bitnami/pgbouncer/tmp', source: env(114) },
    { path: '/opt/bitnami/pgbouncer/logs', source: script('postunpack.sh', 21) },
    { path: '/tmp', source: lib(126) },
  ],
});
