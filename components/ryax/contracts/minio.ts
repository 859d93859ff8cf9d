/**
 * quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z: the MinIO object store the Ryax filestore runs (the S3
 * API the services reach as ryax-minio.<namespace>:9000 with the user and password of Secret
 * ryax-minio-secret, chart.ts), and the `mc` client the image carries, which makes sure of the bucket.
 *
 * Why this tag. RELEASE.2025-10-15T17-29-55Z, the newest tag of minio/minio ("update README.md and other
 * docs to point to source only releases"), was never published as an image: the maintainers made the
 * community edition "a source-only distribution" (minio/minio#21647, harshavardhana, 2025-10-23), and
 * `quay.io/minio/minio:RELEASE.2025-10-15T17-29-55Z` fails with "not found" (stefanko-ch/Nexus-Stack#254,
 * 2026-03-20). RELEASE.2025-09-07T16-13-09Z is the last server release pushed to quay.io
 * (suitenumerique/drive#832: "10-15 never was"), pinned and pulled by others since Docker Hub's minio
 * repositories were removed in September 2026 (makeplane/plane#9829: quay.io/minio/minio answers 200,
 * multi-arch; dandi/dandi-archive#2922; RooCodeInc/Roomote#2704: the same tags and digests as Docker
 * Hub). Its index digest, as two unrelated repositories pin it, is
 * sha256:14cea493d9a34af32f524e538b8346cf79f3321eff8e708c1e2960462bd8936e (not checked from here). It
 * lacks the 2025-10-15 fixes, among them "check sub-policy properly when present" (#21642, the
 * session-policy advisory GHSA-jjjj-jwhf-8rgr that CloudPirates-io/helm-charts#441 cites): it concerns
 * session policies of service accounts and STS users, which the platform does not create. The chart's
 * own image, bitnamilegacy/minio:2025.4.22-debian-12-r1 (bitnami/charts@055477f:bitnami/minio/values.yaml#L75-L78,
 * chart 16.0.10), is older, reads other variables, and bitnamilegacy gets no updates and "may be
 * removed in the future" (bitnami/containers#83267; Docker Hub's notice as coturn/coturn#1757 quotes it).
 *
 * Read at minio/minio@RELEASE.2025-09-07T16-13-09Z (commit 07c3a429bfed433e49018cb0f78a52145d4bedeb). The
 * files cited here differ from RELEASE.2025-10-15T17-29-55Z only by named results returned explicitly
 * (internal/config/config.go, cmd/update.go) and a comment: every line number is the same at both tags.
 * The image is built by docker-buildx.sh from Dockerfile.release, which downloads the released binary
 * from dl.min.io and the newest `mc` (unpinned, #L24): the newest mc release before this server's is
 * minio/mc@RELEASE.2025-08-13T08-35-41Z (commit 7394ce0dd2a80935aded936b09fa12cbb3cb8096, the last tag of
 * minio/mc), which the client mode is read at.
 *
 * The image (Dockerfile.release) is ubi9-micro with /usr/bin/minio, mc and a static curl, no USER (it
 * runs as root) and no WORKDIR (/), EXPOSE 9000, VOLUME /data. Its entry point, docker-entrypoint.sh,
 * puts `minio` before any first argument other than `minio` and execs the command (or, with the
 * deprecated MINIO_USERNAME and MINIO_GROUPNAME, runs it through chroot --userspec). CMD ["minio"]
 * alone prints the help and exits: the container must pass `server <dir>`. `mc` runs only as a command
 * of its own (command /usr/bin/mc): through the entry point `mb` would become `minio mb`.
 *
 * Flags are minio/cli v1.24.2 flags (an urfave/cli v1 fork on Go's flag package: `--name value`,
 * `--name=value`, `-name`; flags may follow the directories; an unknown flag stops the program). A flag
 * with an EnvVar takes its value from that variable when it is not passed. The image sets
 * MINIO_ROOT_USER_FILE=access_key, MINIO_ROOT_PASSWORD_FILE=secret_key (and the legacy ACCESS/SECRET
 * ones), MINIO_KMS_SECRET_KEY_FILE=kms_master_key, MINIO_CONFIG_ENV_FILE=config.env and
 * MC_CONFIG_DIR=/tmp/.mc: each MINIO_*_FILE names a file that is ignored when it does not exist
 * (/run/secrets/<name>, else <name> relative to /).
 *
 * Not declared: MINIO_OPTS (read by the systemd unit only, never by the server), MINIO_REGION_NAME
 * (internal/config/config.go#L585 reads it and discards the value), mc's variables other than the
 * client mode's, and the underscore-prefixed debug variables (_MINIO_*). The configuration sub-systems
 * (MINIO_<SUBSYS>_<KEY>, or _<KEY>_<TARGET>) are declared by prefix. The contract model gives flags to
 * the image, not to a mode: mc mb's flags below would be taken for the server's too.
 */
import { defineContract, type Flag, type Form, integer, oneOf, pattern, readPath, text, url, type Variables, writePath } from '../../../src/contracts/model.js';

const TAG = 'RELEASE.2025-09-07T16-13-09Z';
/** The newest mc when the image was built: Dockerfile.release downloads mc unpinned (#L24). */
const MC_TAG = 'RELEASE.2025-08-13T08-35-41Z';
const at = (path: string, line: number): string => `minio/minio@${TAG}:${path}#L${line}`;
const dockerfile = (line: number): string => at('Dockerfile.release', line);
const entrypoint = (line: number): string => at('dockerscripts/docker-entrypoint.sh', line);
const serverMain = (line: number): string => at('cmd/server-main.go', line);
const commonMain = (line: number): string => at('cmd/common-main.go', line);
const main = (line: number): string => at('cmd/main.go', line);
const mc = (path: string, line: number): string => `minio/mc@${MC_TAG}:${path}#L${line}`;

/** internal/config ParseBool: these texts (and enabled/disabled in any case); any other text, the empty one included, stops the server. */
const minioBool = {
  type: 'flag',
  on: ['1', 't', 'T', 'true', 'TRUE', 'True', 'on', 'ON', 'On', 'enabled', 'Enabled', 'ENABLED'],
  off: ['0', 'f', 'F', 'false', 'FALSE', 'False', 'off', 'OFF', 'Off', 'disabled', 'Disabled', 'DISABLED'],
  otherwise: 'error',
} as const satisfies Form;
/** `env.Get(NAME, "off") == "on"`: only the exact text "on" switches it on. */
const exactlyOn = { type: 'flag', on: ['on'], off: ['off', ''], otherwise: 'off' } as const satisfies Form;
/** A cli BoolFlag's variable: strconv.ParseBool; empty is false, any other text stops flag parsing. */
const cliBool = {
  type: 'flag',
  on: ['1', 't', 'T', 'TRUE', 'true', 'True'],
  off: ['0', 'f', 'F', 'FALSE', 'false', 'False', ''],
  otherwise: 'error',
} as const satisfies Form;

const listenAddress = pattern('(\\[[0-9a-fA-F:.]+\\]|[^\\s:\\[\\]]*):[0-9]{1,5}', 'a listen address [host]:port (":9000")');
const goDuration = pattern('([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+', 'a Go duration (30s, 10m, 1h30m)');
const byteSize = pattern('[0-9]+(\\.[0-9]+)? ?([kKmMgGtTpPeE]i?[bB]?|[bB])?', 'a size go-humanize parses (512MiB, 4GB, 1073741824)');

/** The server command's flags that also read a variable (ServerFlags, cmd/server-main.go#L62). */
const SERVER_FLAGS: readonly (readonly [flag: string, variable: string, form: Form, fallback: string | undefined, description: string, line: number])[] = [
  [
    'config',
    'MINIO_CONFIG',
    readPath(),
    undefined,
    'YAML server configuration (version v1 or v2: address, console address, root credentials, certs dir, pools); replaces the directory arguments.',
    66,
  ],
  [
    'address',
    'MINIO_ADDRESS',
    listenAddress,
    ':9000',
    'Address of the S3 API (and of the health and metrics endpoints). Port 0 picks a free port (refused in a distributed setup).',
    72,
  ],
  ['listeners', 'MINIO_LISTENERS', integer({ min: 1 }), '1', 'Deprecated (Oct 2022, hidden): listeners per address.', 78],
  [
    'console-address',
    'MINIO_CONSOLE_ADDRESS',
    listenAddress,
    undefined,
    'Address of the embedded Console (web UI). Unset, the Console listens on a random free port; it must differ from --address.',
    84,
  ],
  ['shutdown-timeout', 'MINIO_SHUTDOWN_TIMEOUT', goDuration, '30s', 'Deprecated (hidden): graceful shutdown timeout.', 90],
  ['idle-timeout', 'MINIO_IDLE_TIMEOUT', goDuration, undefined, 'Hidden: keep-alive idle timeout of the HTTP server.', 98],
  ['read-header-timeout', 'MINIO_READ_HEADER_TIMEOUT', goDuration, undefined, 'Hidden: time allowed to read request headers.', 105],
  ['conn-user-timeout', 'MINIO_CONN_USER_TIMEOUT', goDuration, '10m', 'Hidden: TCP_USER_TIMEOUT of the sockets.', 113],
  ['interface', 'MINIO_INTERFACE', text(), undefined, 'Hidden: VRF device to bind to.', 119],
  ['dns-cache-ttl', 'MINIO_DNS_CACHE_TTL', goDuration, '30s', 'Hidden: DNS cache TTL (30s in Kubernetes or Docker, 10m elsewhere).', 131],
  ['max-idle-conns-per-host', 'MINIO_MAX_IDLE_CONNS_PER_HOST', integer({ min: 0 }), '2048', 'Hidden: idle connections kept per host.', 138],
  [
    'crossdomain-xml',
    'MINIO_CROSSDOMAIN_XML',
    readPath(),
    undefined,
    'Hidden: file served at /crossdomain.xml (read at start; a missing file stops the server).',
    152,
  ],
  [
    'memlimit',
    'MINIO_MEMLIMIT',
    byteSize,
    undefined,
    'Hidden: memory limit (GOMEMLIMIT); default the memory available (the cgroup limit), and never above it.',
    158,
  ],
  ['send-buf-size', 'MINIO_SEND_BUF_SIZE', integer({ min: 0 }), '4194304', 'Hidden: socket send buffer size in bytes.', 163],
  ['recv-buf-size', 'MINIO_RECV_BUF_SIZE', integer({ min: 0 }), '4194304', 'Hidden: socket receive buffer size in bytes.', 169],
  ['log-dir', 'MINIO_LOG_DIR', writePath(), undefined, 'Hidden: directory the server log is written to (rotated) instead of standard error.', 175],
  ['log-size', 'MINIO_LOG_SIZE', integer({ min: 0 }), '10485760', 'Hidden: size in bytes at which the log file of --log-dir is rotated.', 182],
  ['log-compress', 'MINIO_LOG_COMPRESS', cliBool, 'false', 'Hidden: gzip the rotated log files of --log-dir.', 188],
  ['log-prefix', 'MINIO_LOG_PREFIX', text(), undefined, 'Hidden: name prefix of the log files of --log-dir.', 194],
];

const FLAG_VARIABLES: Variables = Object.fromEntries(
  SERVER_FLAGS.map(([flag, variable, form, fallback, description, line]) => [
    variable,
    {
      form,
      ...(fallback === undefined ? {} : { default: fallback }),
      description: `${description} Read when --${flag} is not passed.`,
      source: serverMain(line),
    },
  ]),
);

const serverFlags: Record<string, Flag> = Object.fromEntries(
  SERVER_FLAGS.map(([flag, variable, form, fallback, description, line]) => [
    `--${flag}`,
    {
      form: form.type === 'flag' ? 'switch' : form,
      description: `${description}${fallback === undefined ? '' : ` Default ${fallback}.`} Also ${variable}.`,
      source: serverMain(line),
    },
  ]),
);

const secretFile = (name: string, line: number, imageDefault: string) =>
  ({
    form: readPath(),
    default: imageDefault,
    description: `File whose trimmed content becomes ${name}: /run/secrets/<value> when that file exists, else the value as a path (relative to /). A missing file is ignored; an unreadable one stops the server. Set by the image to "${imageDefault}"; wins over ${name}.`,
    source: commonMain(line),
  }) as const;

const VARIABLES = {
  MINIO_ROOT_USER: {
    form: pattern('.{3,}', 'at least 3 characters'),
    default: 'minioadmin',
    description:
      'Root user (S3 access key of the admin). Not required: with neither MINIO_ROOT_USER nor MINIO_ROOT_PASSWORD (nor the legacy pair, nor root credentials in --config) the server starts with minioadmin:minioadmin and logs a warning "Detected default credentials". Setting only one of the pair stops the server; an access key under 3 characters stops it; set but empty, the default credentials are used.',
    source: commonMain(842),
  },
  MINIO_ROOT_PASSWORD: {
    form: pattern('.{8,}', 'at least 8 characters'),
    default: 'minioadmin',
    description:
      'Root password (S3 secret key of the admin). Default minioadmin (with a warning) when neither root variable is set; setting only one of the pair, or a password under 8 characters, stops the server.',
    source: commonMain(844),
  },
  MINIO_ROOT_USER_FILE: secretFile('MINIO_ROOT_USER', 671, 'access_key'),
  MINIO_ROOT_PASSWORD_FILE: secretFile('MINIO_ROOT_PASSWORD', 682, 'secret_key'),
  MINIO_ACCESS_KEY: {
    form: pattern('.{3,}', 'at least 3 characters'),
    description: 'Deprecated root user, read when MINIO_ROOT_USER and MINIO_ROOT_PASSWORD are both unset (with a deprecation warning); needs MINIO_SECRET_KEY.',
    source: commonMain(846),
  },
  MINIO_SECRET_KEY: {
    form: pattern('.{8,}', 'at least 8 characters'),
    description: 'Deprecated root password, read with MINIO_ACCESS_KEY when the MINIO_ROOT_* pair is unset.',
    source: commonMain(847),
  },
  MINIO_ACCESS_KEY_FILE: {
    ...secretFile('MINIO_ROOT_USER', 649, 'access_key'),
    description:
      'Deprecated: file whose content becomes MINIO_ROOT_USER (read before MINIO_ROOT_USER_FILE, which wins). Set by the image to "access_key"; a missing file is ignored.',
  },
  MINIO_SECRET_KEY_FILE: {
    ...secretFile('MINIO_ROOT_PASSWORD', 660, 'secret_key'),
    description:
      'Deprecated: file whose content becomes MINIO_ROOT_PASSWORD (MINIO_ROOT_PASSWORD_FILE wins). Set by the image to "secret_key"; a missing file is ignored.',
  },
  MINIO_CONFIG_ENV_FILE: {
    form: readPath(),
    default: 'config.env',
    description:
      'File of NAME=VALUE lines (an `export` prefix is allowed) set into the environment at start, over every variable the container sets (the credential files included). Set by the image to "config.env", relative to the working directory /; a missing file is ignored, a malformed one stops the server.',
    source: commonMain(693),
  },
  MINIO_VOLUMES: {
    form: text(),
    description:
      'The directories (or http(s):// endpoints, with {1...n} ellipses), separated by white space, used instead of the directory arguments when MINIO_ARGS is empty.',
    source: serverMain(250),
  },
  MINIO_ARGS: {
    form: text(),
    description: 'Like MINIO_VOLUMES, read first: the directories, separated by white space, instead of the directory arguments.',
    source: serverMain(244),
  },
  MINIO_ENDPOINTS: {
    form: text(),
    description: 'Legacy name of MINIO_VOLUMES, read when MINIO_ARGS and MINIO_VOLUMES are empty.',
    source: serverMain(258),
  },
  MINIO_BROWSER: {
    form: minioBool,
    default: 'on',
    description: 'Whether the embedded Console (web UI) runs. Any other value, empty included, stops the server.',
    source: commonMain(706),
  },
  MINIO_BROWSER_REDIRECT_URL: {
    form: url('http', 'https'),
    description:
      'Public URL of the Console the S3 port redirects browsers to (http(s)://host[:port][/path], no user, query or fragment); an invalid one stops the server. Read only when the Console runs.',
    source: commonMain(715),
  },
  MINIO_BROWSER_REDIRECT: {
    form: exactlyOn,
    default: 'on',
    description: 'Whether a browser visiting the S3 port is redirected to the Console; only "on" keeps it on.',
    source: commonMain(727),
  },
  MINIO_SERVER_URL: {
    form: url('http', 'https'),
    description:
      'Public URL of the S3 API (http(s)://host[:port]; a path is dropped), used by the Console and for presigned URLs; an invalid one stops the server.',
    source: commonMain(730),
  },
  MINIO_DOMAIN: {
    form: text(),
    description: 'Comma-separated domains enabling virtual-host-style requests (<bucket>.<domain>); an invalid or overlapping domain stops the server.',
    source: commonMain(762),
  },
  MINIO_PUBLIC_IPS: {
    form: text(),
    description: 'Comma-separated IP addresses or host names of the server, used with MINIO_DOMAIN (bucket DNS); an unresolvable name stops the server.',
    source: commonMain(781),
  },
  MINIO_FS_OSYNC: {
    form: minioBool,
    default: 'off',
    description: 'Open the drive files with O_SYNC. Any other value, empty included, stops the server.',
    source: commonMain(745),
  },
  MINIO_ROOTDRIVE_THRESHOLD_SIZE: {
    form: byteSize,
    description:
      'A drive this size or smaller counts as the root drive and is refused (checked only with several drives and outside CI). An unparsable size stops the server.',
    source: commonMain(750),
  },
  MINIO_ROOTDISK_THRESHOLD_SIZE: {
    form: byteSize,
    description: 'Deprecated name of MINIO_ROOTDRIVE_THRESHOLD_SIZE, read when that is empty.',
    source: commonMain(752),
  },
  MINIO_UPDATE: {
    form: text(),
    default: 'on',
    description: '"off" (any case) disables `mc admin update` and the background update check against dl.min.io; any other text leaves them on.',
    source: commonMain(812),
  },
  MINIO_UPDATE_MINISIGN_PUBKEY: {
    form: text(),
    description: 'minisign public key that verifies downloaded updates; set by the image.',
    source: at('cmd/update.go', 583),
  },
  MINIO_SYNC_BOOT: {
    form: exactlyOn,
    default: 'off',
    description: '"on" initialises the configuration sub-systems before serving.',
    source: commonMain(832),
  },
  MINIO_CI_CD: {
    form: text(),
    description: 'Any non-empty value (as CI) marks a CI run: drives on the root disk are accepted and some checks relaxed.',
    source: commonMain(100),
  },
  MINIO_CERT_PASSWD: {
    form: text(),
    description: 'Password of an encrypted private.key in the certs directory.',
    source: at('internal/config/certs.go', 34),
  },
  MINIO_REGION: {
    form: pattern('[a-zA-Z][a-zA-Z0-9_-]+', 'a region name such as us-east-1'),
    description:
      'Legacy region of the server, read before MINIO_SITE_REGION; no region by default (clients use us-east-1). An invalid name is logged ("Invalid site configuration") and the site configuration is not applied.',
    source: at('internal/config/config.go', 583),
  },
  MINIO_SITE_REGION: {
    form: pattern('[a-zA-Z][a-zA-Z0-9_-]+', 'a region name such as us-east-1'),
    description: 'Region of the server, when MINIO_REGION is empty (the site sub-system).',
    source: at('internal/config/config.go', 588),
  },
  MINIO_SITE_NAME: {
    form: pattern('[a-z][a-z0-9-]+', 'a site name: lower-case letters, digits and -, starting with a letter'),
    description: 'Name of the site.',
    source: at('internal/config/config.go', 614),
  },
  MINIO_PROMETHEUS_AUTH_TYPE: {
    form: oneOf(['jwt', 'public'], { caseInsensitive: true }),
    default: 'jwt',
    description:
      'Authentication of the metrics endpoints (/minio/v2/metrics/*, /minio/metrics/v3, /minio/prometheus/metrics): "public" serves them without authentication; anything else requires a bearer token (mc admin prometheus generate).',
    source: at('cmd/metrics-router.go', 56),
  },
  MINIO_PROMETHEUS_OPEN_METRICS: {
    form: exactlyOn,
    default: 'off',
    description: '"on" serves the v3 metrics in the OpenMetrics format.',
    source: at('cmd/metrics-v3-handler.go', 68),
  },
  MINIO_PROMETHEUS_URL: { form: url('http', 'https'), description: 'Prometheus server the Console queries for its dashboards.', source: commonMain(150) },
  MINIO_PROMETHEUS_JOB_ID: { form: text(), default: 'minio-job', description: 'Prometheus job of the Console dashboards.', source: commonMain(152) },
  MINIO_PROMETHEUS_EXTRA_LABELS: { form: text(), description: 'Extra labels of the Console dashboard queries.', source: commonMain(155) },
  MINIO_PROMETHEUS_AUTH_TOKEN: { form: text(), description: 'Bearer token the Console sends to MINIO_PROMETHEUS_URL.', source: commonMain(160) },
  MINIO_LOG_QUERY_URL: { form: url('http', 'https'), description: 'Log search service of the Console.', source: commonMain(130) },
  MINIO_LOG_QUERY_AUTH_TOKEN: { form: text(), description: 'Token of MINIO_LOG_QUERY_URL.', source: commonMain(132) },
  MINIO_CONSOLE_DEBUG_LOGLEVEL: { form: text(), description: 'Debug log level of the Console.', source: commonMain(139) },
  MINIO_BROWSER_LOGIN_ANIMATION: { form: text(), default: 'on', description: 'Login animation of the Console.', source: commonMain(169) },
  MINIO_STS_DURATION: { form: goDuration, description: 'Duration of the Console sessions (STS credentials).', source: commonMain(174) },
  MINIO_BROWSER_SESSION_DURATION: { form: goDuration, description: 'Deprecated name of MINIO_STS_DURATION.', source: commonMain(176) },
  MINIO_KMS_SECRET_KEY_FILE: {
    form: readPath(),
    default: 'kms_master_key',
    description:
      'File holding a static KMS key "<name>:<base64 32 bytes>" (the path, else /run/secrets/<value>). Set by the image to "kms_master_key"; a path that does not exist means no KMS.',
    source: at('internal/kms/config.go', 280),
  },
  MINIO_KMS_SECRET_KEY: {
    form: pattern('[^:]+:[A-Za-z0-9+/=]+', '<key-name>:<base64 key>'),
    description: 'Static KMS key; an invalid one stops the server.',
    source: at('internal/kms/config.go', 294),
  },
  ...FLAG_VARIABLES,
  // docker-entrypoint.sh's deprecated user switch.
  MINIO_USERNAME: {
    form: text(),
    description:
      'Deprecated: with MINIO_GROUPNAME, the entry point runs minio through `chroot --userspec` as this user; without MINIO_UID/MINIO_GID it first appends the user (uid 1000) to /etc/passwd and the group to /etc/group, which needs root and a writable root file system.',
    source: entrypoint(12),
  },
  MINIO_GROUPNAME: { form: text(), description: 'Deprecated: the group of MINIO_USERNAME.', source: entrypoint(12) },
  MINIO_UID: {
    form: integer({ min: 0 }),
    description: 'Deprecated: with MINIO_GID, the uid chroot --userspec runs minio as (no passwd entry is written).',
    source: entrypoint(13),
  },
  MINIO_GID: { form: integer({ min: 0 }), description: 'Deprecated: the gid that goes with MINIO_UID.', source: entrypoint(13) },
} as const satisfies Variables;

/**
 * mc's environment, as `mc mb` reads it (client mode): an alias given whole by a variable, and the
 * directory mc writes its configuration to before any command (cmd/main.go#L373: config.json, share/,
 * certs/CAs/).
 */
const MC_VARIABLES = {
  MC_CONFIG_DIR: {
    form: writePath(),
    default: '/tmp/.mc',
    description:
      'Directory mc creates and writes its configuration in before running any command (--config-dir). Set by the image to /tmp/.mc (Dockerfile.release#L56); without it, $HOME/.mc.',
    source: mc('cmd/flags.go', 39),
  },
} as const satisfies Variables;

/** The configuration sub-systems, read as MINIO_<SUBSYS>_<KEY>[_<TARGET>] over the stored configuration (internal/config/config.go#L1157). */
const SUBSYSTEMS: readonly (readonly [prefix: string, what: string])[] = [
  ['MINIO_API_', 'S3 API settings (requests_max, cors_allow_origin, root_access, ...)'],
  ['MINIO_SITE_', 'site name and region'],
  ['MINIO_STORAGE_CLASS_', 'storage classes (standard, rrs)'],
  ['MINIO_COMPRESSION_', 'transparent compression'],
  ['MINIO_COMPRESS', 'legacy compression settings (MINIO_COMPRESS, MINIO_COMPRESS_EXTENSIONS, ...)'],
  ['MINIO_SCANNER_', 'the data scanner'],
  ['MINIO_HEAL_', 'healing'],
  ['MINIO_ETCD_', 'etcd for federation and IAM'],
  ['MINIO_IDENTITY_', 'identity providers (openid, ldap, tls, plugin)'],
  ['MINIO_POLICY_', 'policy plugins (opa, plugin)'],
  ['MINIO_LOGGER_WEBHOOK_', 'server log webhook targets'],
  ['MINIO_AUDIT_', 'audit log targets (webhook, kafka)'],
  ['MINIO_NOTIFY_', 'bucket notification targets (amqp, kafka, mqtt, mysql, nats, nsq, elasticsearch, postgres, redis, webhook)'],
  ['MINIO_LAMBDA_WEBHOOK_', 'object lambda targets'],
  ['MINIO_SUBNET_', 'SUBNET registration'],
  ['MINIO_CALLHOME_', 'call home'],
  ['MINIO_DRIVE_', 'drive settings (max_timeout)'],
  ['MINIO_BATCH_', 'batch jobs'],
  ['MINIO_ILM_', 'lifecycle workers'],
  ['MINIO_BROWSER_', 'Console HTTP headers (csp_policy, hsts_*, referrer_policy)'],
  ['MINIO_KMS_', 'the KMS (MINIO_KMS_SERVER, MINIO_KMS_KES_*, ...): a partial or conflicting set stops the server'],
];

export const RYAX_MINIO_CONTRACT = defineContract({
  repository: 'minio/minio',
  tags: [TAG],
  source: `minio/minio@${TAG}`,
  summary:
    'MinIO object storage server (S3 API), run as `minio server [flags] DIR...`. Listens on :9000 (--address; EXPOSE 9000) for the S3 API, the health checks (GET/HEAD /minio/health/live, /minio/health/ready, /minio/health/cluster, /minio/health/cluster/read, unauthenticated) and the metrics (/minio/v2/metrics/cluster, /node, /bucket, /resource, /minio/metrics/v3, legacy /minio/prometheus/metrics: a bearer token unless MINIO_PROMETHEUS_AUTH_TYPE=public); the Console on --console-address, else a random port. Root credentials MINIO_ROOT_USER/MINIO_ROOT_PASSWORD (default minioadmin:minioadmin with a warning). No USER: runs as root; any uid works when the data directory is writable by it. Writes the data directory (created when missing; .minio.sys holds format.json, config, IAM, tmp and multipart uploads; VOLUME /data) and tries to create $HOME/.minio/certs/CAs (0700), ignoring permission and read-only errors; /tmp only for admin profiling. Also carries mc (command /usr/bin/mc), whose `mb` makes buckets (client mode), writing its configuration in MC_CONFIG_DIR (/tmp/.mc). Needs no Kubernetes API.',
  entrypoint: {
    command: ['/usr/bin/docker-entrypoint.sh'],
    // minio and mc are copied to /usr/bin (Dockerfile.release#L61-L62).
    alternatives: [['docker-entrypoint.sh'], ['minio'], ['/usr/bin/minio'], ['mc'], ['/usr/bin/mc']],
    source: dockerfile(72),
  },
  variables: VARIABLES,
  patterns: SUBSYSTEMS.map(([prefix, what]) => ({
    prefix,
    form: text(),
    description: `Configuration sub-system: ${what}; a variable wins over the stored configuration.`,
    source: at('internal/config/config.go', 1159),
  })),
  modes: {
    // docker-entrypoint.sh#L5-L8: any first argument other than "minio" gets "minio" put before it.
    selector: { argument: 0 },
    // `mb` is mc's (command /usr/bin/mc): the selector sees only the argument, so it cannot tell that
    // the same word through the entry point would run `minio mb`.
    classify: (value: string) =>
      value === 'server' ? 'server' : value === 'minio' || value.startsWith('-') ? 'command' : value === 'mb' ? 'client' : undefined,
    otherwise:
      'with no argument the image runs `minio`, which prints its help and exits; any other word becomes `minio <word>`, which exits 1 ("not a minio sub-command"); mc takes only its own subcommands',
    source: entrypoint(5),
    variants: {
      server: {
        description:
          'the object storage server: `server DIR...` (or MINIO_ARGS/MINIO_VOLUMES, or --config). Each DIR is a directory the server writes (created when missing); it must be on a writable volume (VOLUME /data), writable by the uid the container runs as (fsGroup for a non-root uid).',
        source: serverMain(199),
      },
      command: {
        description: "minio's own command line: `minio` or global flags (--certs-dir, --json, ...), then the subcommand (server)",
        source: main(157),
      },
      client: {
        description:
          '`mc mb [--ignore-existing] ALIAS/BUCKET...` run as command /usr/bin/mc: makes each bucket on the server an alias names; with --ignore-existing a bucket that exists already is no error (BucketAlreadyOwnedByYou, BucketAlreadyExists), otherwise it exits 1. The alias is read from MC_HOST_<alias> before the configuration file.',
        variables: MC_VARIABLES,
        patterns: [
          {
            prefix: 'MC_HOST_',
            form: pattern('https?://\\S+', 'http(s)://ACCESS:SECRET@HOST:PORT'),
            description:
              'The alias <name> as a URL with its credentials: `http(s)://ACCESS:SECRET@HOST[:PORT]`, no path, query or fragment. The access key ends at the first ":", the secret at the last "@"; taken raw (not URL-decoded). A secret with a ":" is read as SECRET:SESSION-TOKEN (cmd/config.go#L214-L215), so neither key may hold one.',
            source: mc('cmd/config.go', 326),
          },
        ],
        // MC_CONFIG_DIR's value in the image; a pod that sets it elsewhere is checked by the variable's form.
        writes: [{ path: '/tmp/.mc', source: dockerfile(56) }],
        source: mc('cmd/mb-main.go', 51),
      },
    },
  },
  arguments: {
    unknownFlags: 'error',
    // Go's flag package takes -name as --name; the short names -C, -S and -h become --C, --S and --h here.
    singleDash: true,
    flags: {
      ...serverFlags,
      '--ftp': {
        form: pattern('[a-z-]+=.*', 'key=value'),
        description: 'Enable the FTP(S) server; repeatable key=value (address=:8021, passive-port-range=30000-40000, tls-private-key=...).',
        source: serverMain(141),
      },
      '--sftp': {
        form: pattern('[a-z-]+=.*', 'key=value'),
        description: 'Enable the SFTP server; repeatable key=value (address=:8022, ssh-private-key=...).',
        source: serverMain(145),
      },
      '--config-dir': { form: readPath(), description: 'Deprecated (hidden): legacy configuration directory; default $HOME/.minio.', source: main(45) },
      '--C': { form: readPath(), description: 'Short form of --config-dir.', source: main(45) },
      '--certs-dir': {
        form: readPath(),
        description:
          'TLS directory (public.crt, private.key, CAs/); default $HOME/.minio/certs. Created when possible; with public.crt and private.key the server serves TLS.',
        source: main(51),
      },
      '--S': { form: readPath(), description: 'Short form of --certs-dir.', source: main(51) },
      '--quiet': { form: 'switch', description: 'No startup banner and info messages; also skips the update check.', source: main(56) },
      '--anonymous': { form: 'switch', description: 'Hide sensitive information from the logs.', source: main(60) },
      '--json': { form: 'switch', description: 'Logs in JSON.', source: main(64) },
      '--compat': { form: 'switch', description: 'Deprecated (hidden), no effect: strict S3 compatibility is the default.', source: main(69) },
      '--no-compat': { form: 'switch', description: 'Hidden: turn off strict S3 payload validation (performance tests).', source: main(75) },
      '--help': { form: 'switch', description: 'Print the usage and exit.', source: main(146) },
      '--h': { form: 'switch', description: 'Short form of --help.', source: main(146) },
      '--version': { form: 'switch', description: 'Print the version and exit (minio/cli default version flag).', source: main(149) },
      // mc mb's (client mode); the server stops on any of them.
      '--ignore-existing': {
        form: 'switch',
        description: 'mc mb: a bucket that exists already is no error (short -p).',
        source: mc('cmd/mb-main.go', 37),
      },
      '--region': { form: text(), description: "mc mb: the bucket's region; default us-east-1.", source: mc('cmd/mb-main.go', 32) },
      '--with-lock': { form: 'switch', description: 'mc mb: enable object lock (short -l).', source: mc('cmd/mb-main.go', 41) },
      '--with-versioning': { form: 'switch', description: 'mc mb: enable versioning.', source: mc('cmd/mb-main.go', 45) },
    },
  },
});
