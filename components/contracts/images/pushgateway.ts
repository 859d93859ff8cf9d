/**
 * quay.io/prometheus/pushgateway: the Prometheus Pushgateway.
 *
 * Read at prometheus/pushgateway@v1.9.0 (refs/tags/v1.9.0). The image is a busybox base with the one
 * binary as its entry point, run as 65534 in the working directory /pushgateway, listening on :9091.
 * Flags are kingpin v2.4.0 flags (`--name value` or `--name=value`; none of them has an environment
 * variable); the web flags come from prometheus/exporter-toolkit v0.11.0 and the log flags from
 * prometheus/common v0.54.0. The program reads no environment variable. It writes only the persistence
 * file, when --persistence.file is given: a temporary file next to it, renamed over it at most every
 * --persistence.interval (a failed write is logged, and the metrics are then lost on restart).
 */
import { defineContract, oneOf, pattern, readPath, url, writePath } from '../../../src/contracts/model.js';

const TAG = 'v1.9.0';
const at = (path: string, line: number): string => `prometheus/pushgateway@${TAG}:${path}#L${line}`;
const toolkit = (line: number): string => `prometheus/exporter-toolkit@v0.11.0:web/kingpinflag/flag.go#L${line}`;
const promlog = (line: number): string => `prometheus/common@v0.54.0:promlog/flag/flag.go#L${line}`;

const goDuration = pattern('[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)', 'a Go duration such as 30s, 5m or 1h30m');

export const PUSHGATEWAY_CONTRACT = defineContract({
  repository: 'prometheus/pushgateway',
  tags: [TAG],
  source: `prometheus/pushgateway@${TAG}`,
  summary:
    'Prometheus Pushgateway: accepts pushed metric groups over HTTP and serves them on /metrics (:9091) as 65534. Configured by flags only; keeps metrics in memory unless --persistence.file is given, which is then written and must be on a writable volume. Needs no Kubernetes API.',
  entrypoint: {
    command: ['/bin/pushgateway'],
    source: at('Dockerfile', 16),
  },
  variables: {},
  arguments: {
    unknownFlags: 'error',
    flags: {
      '--web.listen-address': {
        form: pattern('(\\[[0-9a-fA-F:.]+\\]|[^\\s:]*)?:[0-9]{1,5}', 'a listen address [host]:port'),
        description: 'Address to listen on, repeatable; default :9091.',
        source: toolkit(34),
      },
      '--web.config.file': { form: readPath(), description: 'exporter-toolkit web configuration (TLS, basic auth).', source: toolkit(39) },
      '--web.systemd-socket': { form: 'switch', description: 'Use systemd socket activation instead of listening.', source: toolkit(28) },
      '--web.telemetry-path': {
        form: pattern('/\\S*', 'an HTTP path starting with /'),
        description: "Path of the Pushgateway's own metrics and the pushed ones; default /metrics.",
        source: at('main.go', 68),
      },
      '--web.external-url': {
        form: url('http', 'https'),
        description: 'URL under which the Pushgateway is reached from outside; its path becomes the route prefix.',
        source: at('main.go', 69),
      },
      '--web.route-prefix': {
        form: pattern('/\\S*', 'an HTTP path starting with /'),
        description: 'Prefix of the internal routes; default the path of --web.external-url.',
        source: at('main.go', 70),
      },
      '--web.enable-lifecycle': { form: 'switch', description: 'Allow shutdown through /-/quit.', source: at('main.go', 71) },
      '--web.enable-admin-api': { form: 'switch', description: 'Enable the admin API (/api/v1/admin/wipe).', source: at('main.go', 72) },
      '--persistence.file': {
        form: writePath(),
        description:
          'File the metric groups are saved to and restored from at start; empty (the default) keeps them in memory only. The program creates a temporary file in the same directory and renames it, so the directory must be writable.',
        source: at('storage/diskmetricstore.go', 407),
      },
      '--persistence.interval': {
        form: goDuration,
        description: 'Minimum interval between writes of the persistence file; default 5m.',
        source: at('main.go', 74),
      },
      '--push.disable-consistency-check': { form: 'switch', description: 'Accept pushes without checking their consistency.', source: at('main.go', 75) },
      '--log.level': { form: oneOf(['debug', 'info', 'warn', 'error']), description: 'Log level; default info.', source: promlog(42) },
      '--log.format': { form: oneOf(['logfmt', 'json']), description: 'Log format; default logfmt.', source: promlog(47) },
      '--version': { form: 'switch', description: 'Print the version and exit.', source: at('main.go', 79) },
      '--help': { form: 'switch', description: 'Print the usage and exit.', source: at('main.go', 80) },
    },
  },
});
