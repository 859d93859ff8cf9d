/**
 * docker.io/library/registry:3.1.1: the CNCF Distribution registry the Ryax action-builder pushes the
 * actions' images to and the nodes pull them from (the ryax-engine chart's `registry` subchart ran
 * docker.io/registry:3, RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/registry/values.yaml#L29-L33).
 *
 * Read at distribution/distribution@v3.1.1 (commit 9a8d98b679740cd514aa7e7d84d23d442a5ef54c; the official
 * image's 3.1.1 tag, docker-library/official-images pull request 21360), and the official image's build
 * files at distribution/distribution-library-image@a829ed8 (the 3.0.0 build; the 3.1.2 build at
 * 775973b has the same Dockerfile apart from the version and the Alpine base, so 3.1.1's, which could not
 * be read, is taken to have it too). The image is Alpine with the one binary /bin/registry, the
 * library's config-example.yml as /etc/distribution/config.yml, no USER (it runs as root unless told
 * otherwise: any uid works when the storage directory is writable by it), VOLUME /var/lib/registry,
 * EXPOSE 5000, ENTRYPOINT /entrypoint.sh and CMD /etc/distribution/config.yml.
 *
 * Configuration is the YAML file overridden by environment variables (configuration/parser.go): every
 * variable named REGISTRY_<FIELD>[_<FIELD>...] replaces the field of that path, each part matched
 * case-insensitively against the struct's field names, the value parsed as YAML into the field's type;
 * the variables are applied in lexical order, so REGISTRY_AUTH comes before REGISTRY_AUTH_HTPASSWD_PATH.
 * In a struct an unknown part is logged ("Ignoring unrecognized environment variable") and ignored; in a
 * map section (storage, auth, middleware, log.fields) any part becomes a key. A value that does not parse
 * into its field's type (a word for a bool, "5s" for an integer) stops the program. The variables this
 * platform sets are declared one by one; the rest are declared by prefix, one per top-level section of
 * the configuration (configuration/configuration.go#L26-L81).
 */
import { defineContract, type Form, oneOf, pattern, readPath, text, type Variables, writePath } from '../../../src/contracts/model.js';

const TAG = '3.1.1';
const at = (path: string, line: number): string => `distribution/distribution@v${TAG}:${path}#L${line}`;
const image = (path: string, line: number): string => `distribution/distribution-library-image@a829ed8:${path}#L${line}`;
const configuration = (line: number) => at('configuration/configuration.go', line);
const parser = (line: number) => at('configuration/parser.go', line);
const registry = (line: number) => at('registry/registry.go', line);

/** The configuration file the image ships and its CMD serves. */
export const REGISTRY_CONFIG_FILE = '/etc/distribution/config.yml';

/**
 * A struct bool set by a variable: yaml.v2 (v2.4.0) reads YAML 1.1 booleans; the empty text is null,
 * which leaves false; any other text fails the parse and the program exits.
 */
const yamlBool = {
  type: 'flag',
  on: ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  off: ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', ''],
  otherwise: 'error',
} as const satisfies Form;
/**
 * A bool in a map section (storage.delete.enabled): parsed as YAML into `any`, then taken only when it
 * is a boolean; any other text silently leaves the feature off (registry/handlers/app.go#L186-L194).
 */
const yamlMapBool = { ...yamlBool, otherwise: 'off' } as const satisfies Form;

const listenAddress = pattern('(\\[[0-9a-fA-F:.]+\\]|[^\\s:\\[\\]]*):[0-9]{1,5}', 'a listen address [host]:port (":5000")');
const goDuration = pattern('([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+', 'a Go duration (30s, 1m30s)');

const VARIABLES = {
  REGISTRY_CONFIGURATION_PATH: {
    form: readPath(),
    description: 'Configuration file, read only when no file is passed as the argument (the image always passes /etc/distribution/config.yml).',
    source: registry(478),
  },
  REGISTRY_LOG_LEVEL: {
    form: oneOf(['error', 'warn', 'info', 'debug'], { caseInsensitive: true }),
    default: 'debug',
    description:
      'Log level (lower-cased, then one of error, warn, info, debug; any other text stops the program). The image\'s file sets "debug" (config-example.yml#L3); without it the parser defaults to info (configuration.go#L826-L831).',
    source: configuration(469),
  },
  REGISTRY_LOG_FORMATTER: {
    form: oneOf(['text', 'json', 'logstash']),
    default: 'text',
    description: 'Log format; any other text stops the program ("unsupported logging formatter").',
    source: registry(398),
  },
  REGISTRY_LOG_ACCESSLOG_DISABLED: {
    form: yamlBool,
    default: 'false',
    description: 'Turns off the combined access log of every request (the probes included).',
    source: registry(158),
  },
  REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: {
    form: writePath(),
    default: '/var/lib/registry',
    description:
      "Root of the filesystem storage driver: blobs, repositories, upload sessions (the image's file sets it, config-example.yml#L12-L13; the driver's own default is the same, registry/storage/driver/filesystem/driver.go#L23). Written by the server and by garbage-collect; VOLUME /var/lib/registry.",
    source: image('config-example.yml', 13),
  },
  REGISTRY_STORAGE_DELETE_ENABLED: {
    form: yamlMapBool,
    default: 'true',
    description:
      "Allows deleting manifests and blobs through the API (DELETE /v2/<name>/manifests/<digest>): the image's file turns it on (config-example.yml#L8-L9). Only a YAML boolean counts; any other text leaves deletion off, silently.",
    source: at('registry/handlers/app.go', 187),
  },
  REGISTRY_HTTP_ADDR: {
    form: listenAddress,
    default: ':5000',
    description:
      "Listen address of the registry API (the image's file, config-example.yml#L17; EXPOSE 5000). GET / answers 200 without authentication while the health checks pass, 503 otherwise.",
    source: configuration(139),
  },
  REGISTRY_HTTP_SECRET: {
    form: text(),
    description:
      'Key of the HMAC that signs upload session state; unset, a random one is generated at every start with a warning, which breaks uploads only when several instances share the storage.',
    source: at('registry/handlers/app.go', 675),
  },
  REGISTRY_HTTP_DRAINTIMEOUT: {
    form: goDuration,
    default: '0s',
    description:
      'On SIGTERM, how long the server keeps serving the requests in flight before it stops. Zero (the default): no signal handler, so SIGTERM ends the process at once, in the middle of an upload.',
    source: registry(330),
  },
  REGISTRY_HTTP_TLS_CERTIFICATE: {
    form: readPath(),
    description: 'Certificate file: set, the API listens with TLS only (plain HTTP clients are refused).',
    source: registry(240),
  },
  REGISTRY_HTTP_TLS_KEY: { form: readPath(), description: 'Private key of REGISTRY_HTTP_TLS_CERTIFICATE.', source: configuration(237) },
  REGISTRY_HTTP_DEBUG_ADDR: {
    form: listenAddress,
    default: ':5001',
    description:
      "Listen address of the debug server (pprof, expvar and, when enabled, the Prometheus metrics); the image's file sets :5001 (config-example.yml#L18-L19). Empty: no debug server.",
    source: registry(365),
  },
  REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED: {
    form: yamlBool,
    default: 'true',
    description: "Serves the Prometheus metrics on the debug server (the image's file turns it on, config-example.yml#L20-L21).",
    source: registry(377),
  },
  REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH: {
    form: pattern('/\\S*', 'an HTTP path starting with /'),
    default: '/metrics',
    description: 'Path of the metrics on the debug server; empty is /metrics.',
    source: registry(378),
  },
  REGISTRY_AUTH: {
    form: pattern('htpasswd|token|silly|\\{.*\\}', "an access controller's name, or a YAML map {<name>: {<parameter>: <value>, ...}}"),
    description:
      'The auth section, parsed as YAML into a map of one access controller (cmd/registry/main.go#L7-L9 registers htpasswd, token and silly): a bare name gives it no parameters (configuration.go#L633-L637), a map gives them too; two controllers stop the program. Applied before any REGISTRY_AUTH_<NAME>_* variable, which sorts after it.',
    source: configuration(614),
  },
  REGISTRY_AUTH_HTPASSWD_REALM: {
    form: text(),
    description: 'Realm of the Basic challenge; required with htpasswd (the server does not start without it).',
    source: at('registry/auth/htpasswd/access.go', 46),
  },
  REGISTRY_AUTH_HTPASSWD_PATH: {
    form: readPath(),
    description:
      'htpasswd file, read again whenever its modification time changes; only bcrypt entries are accepted (registry/auth/htpasswd/htpasswd.go#L21). Required with htpasswd. A missing file is created (directory 0700, file 0600) with a user "docker" and a random password written to the log, which fails on a read-only file system: mount the file.',
    source: at('registry/auth/htpasswd/access.go', 132),
  },
  REGISTRY_HEALTH_STORAGEDRIVER_ENABLED: {
    form: yamlBool,
    default: 'true',
    description:
      "Checks the storage driver periodically; while it fails (threshold 3, every 10s in the image's file) every request, GET / included, is answered 503.",
    source: at('health/health.go', 248),
  },
  REGISTRY_LOGLEVEL: {
    form: oneOf(['error', 'warn', 'info', 'debug'], { caseInsensitive: true }),
    description: 'Deprecated top-level log level, used only when log.level is empty.',
    source: configuration(37),
  },
  OTEL_TRACES_EXPORTER: {
    form: text(),
    default: 'none',
    description: 'OpenTelemetry trace exporter (autoexport); the image sets "none", so no traces are sent.',
    source: image('Dockerfile', 27),
  },
} as const satisfies Variables;

/** The configuration's top-level sections, each read as REGISTRY_<SECTION>_<FIELD>... (configuration/configuration.go). */
const SECTIONS: readonly (readonly [prefix: string, what: string, line: number])[] = [
  ['REGISTRY_LOG_', 'log: level, formatter, fields (a map: any key is taken), access log, hooks', 32],
  ['REGISTRY_STORAGE_', 'storage (a map): the driver and its parameters, delete, cache, maintenance (uploadpurging, readonly), redirect, tag', 40],
  ['REGISTRY_AUTH_', 'auth (a map): the access controller and its parameters', 44],
  ['REGISTRY_MIDDLEWARE_', 'middleware (a map of lists): registry, repository and storage middlewares', 47],
  ['REGISTRY_HTTP_', 'http: address, prefix, host, secret, TLS, headers, debug server, HTTP/2, h2c', 51],
  ['REGISTRY_NOTIFICATIONS_', 'notifications: webhook endpoints of registry events', 55],
  ['REGISTRY_REDIS_', 'redis: the blob descriptor cache', 58],
  ['REGISTRY_HEALTH_', 'health: storage driver, file, HTTP and TCP checks', 62],
  ['REGISTRY_CATALOG_', 'catalog: maximum entries of /v2/_catalog', 67],
  ['REGISTRY_TAGS_', 'tags: maximum tags of /v2/<name>/tags/list', 71],
  ['REGISTRY_PROXY_', 'proxy: pull-through cache of a remote registry', 74],
  ['REGISTRY_VALIDATION_', 'validation: manifest URL and index platform checks', 77],
  ['REGISTRY_POLICY_', 'policy: repository classes', 80],
];

/**
 * The wrapper the platform runs garbage collection with: a failed collection is logged and never keeps
 * the registry from serving, and an empty storage is skipped, since the collector fails on a storage
 * without repositories ("failed to mark": registry/storage/garbagecollect.go#L140-L141, walking
 * <root>/docker/registry/v2/repositories, registry/storage/paths.go#L13 and #L133).
 */
export const GARBAGE_COLLECT_SCRIPT = [
  '[ ! -d "${REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY:-/var/lib/registry}/docker/registry/v2/repositories" ]',
  `registry garbage-collect --delete-untagged ${REGISTRY_CONFIG_FILE}`,
  'echo "garbage collection failed; serving the registry as it is" >&2',
].join(' || ');

const flag = (description: string, line: number) => ({ form: 'switch' as const, description, source: at('registry/root.go', line) });

export const RYAX_REGISTRY_CONTRACT = defineContract({
  repository: 'library/registry',
  tags: [TAG],
  source: `distribution/distribution@v${TAG}`,
  summary:
    'CNCF Distribution registry: `registry serve <config>` serves the OCI distribution API on REGISTRY_HTTP_ADDR (:5000) and, with REGISTRY_HTTP_DEBUG_ADDR (:5001 in the image), a debug server with Prometheus metrics at /metrics. GET / answers 200 without authentication while the health checks pass (registry/registry.go#L155-L156, L461-L471). `registry garbage-collect [--dry-run] [--delete-untagged] <config>` deletes the blobs no manifest references; the registry must be read-only or stopped meanwhile (docs/content/about/garbage-collection.md#L83-L85). Writes only the storage root (/var/lib/registry) and, with htpasswd auth, creates a missing htpasswd file. No USER: runs as root by default; any uid that can write the storage root works. Needs no Kubernetes API.',
  entrypoint: {
    command: ['/entrypoint.sh'],
    alternatives: [
      ['registry'],
      ['/bin/registry'],
      // Garbage collection that logs a failure instead of failing (the registry starts after it).
      ['/bin/sh', '-c', GARBAGE_COLLECT_SCRIPT],
    ],
    source: image('Dockerfile', 33),
  },
  variables: VARIABLES,
  patterns: [
    ...SECTIONS.map(([prefix, what, line]) => ({
      prefix,
      form: text(),
      description: `Configuration section ${what}: overrides the file's value at that path (${parser(134)}).`,
      source: configuration(line),
    })),
    {
      prefix: 'OTEL_',
      form: text(),
      description: 'OpenTelemetry SDK settings of the tracing exporter (autoexport) and the resource (OTEL_SERVICE_NAME).',
      source: at('tracing/tracing.go', 44),
    },
  ],
  modes: {
    // entrypoint.sh#L5-L8: a first argument ending in .yml/.yaml gets `registry serve` put before it;
    // serve, garbage-collect, help or a flag get `registry`; anything else is exec'd as it is (#L10).
    selector: { argument: 0 },
    default: 'serve',
    classify: (value: string) => (/\.ya?ml$/.test(value) || value === 'serve' ? 'serve' : value === 'garbage-collect' ? 'garbage-collect' : undefined),
    otherwise: 'the entry point runs `registry help` or `registry <flag>` (usage or version, then exit 0), and execs any other first argument as a command',
    source: image('entrypoint.sh', 5),
    variants: {
      serve: {
        description: "the registry server, `registry serve <config>` (the image's CMD, /etc/distribution/config.yml)",
        source: registry(104),
      },
      'garbage-collect': {
        description:
          "`registry garbage-collect [flags] <config>`: mark every manifest's blobs, then delete the others; exits 1 on a configuration or storage error. Unsafe while the registry accepts pushes.",
        source: at('registry/root.go', 47),
      },
    },
  },
  arguments: {
    // cobra: an unknown flag stops the program with its usage.
    unknownFlags: 'error',
    flags: {
      '--dry-run': flag('garbage-collect: do everything except remove the blobs.', 19),
      '-d': flag('Short form of --dry-run.', 19),
      '--delete-untagged': flag('garbage-collect: also delete the manifests no tag references (and their tag history).', 20),
      '-m': flag('Short form of --delete-untagged.', 20),
      '--quiet': flag('garbage-collect: print nothing.', 21),
      '-q': flag('Short form of --quiet.', 21),
      '--version': flag('Print the version and exit.', 22),
      '-v': flag('Short form of --version.', 22),
      '--help': flag('Print the usage and exit (cobra).', 26),
      '-h': flag('Short form of --help.', 26),
    },
  },
});
