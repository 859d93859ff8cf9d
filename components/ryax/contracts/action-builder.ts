/**
 * docker.io/ryaxtech/action-builder: the Ryax Action Builder. Stateless: it receives build orders from
 * the Repository service (RabbitMQ) and builds them one at a time, synchronously, with Nix and the Ryax
 * action wrappers, then pushes the action images to the internal registry
 * (docs/docs/reference/architecture.md#L238-L249; README "creates container images with Ryax wrapper injected").
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart
 * charts/ryax/subcharts/action-builder. The program's own source (gitlab.com/ryax-tech/ryax/ryax-action-builder)
 * is not public: this contract records the variables the chart sets and what the chart, its values
 * comments and docs/ say they mean, not a reading of the program. `default` is the value the chart
 * renders with its default values (umbrella values for the globals).
 *
 * The pod runs the image three times, as the image's `sh`:
 * 1. init `<fullname>-pull-wrappers`: clones ryax-action-wrappers from gitlab.com at RYAX_WRAPPERS_GIT_REF
 *    into the emptyDir ryax-wrappers-code (mounted at /tmp/wrappers), falling back to the copy embedded in
 *    the image at /data/wrappers (the default ref NOT_EXISTING_REF always falls back; needs egress to
 *    gitlab.com otherwise);
 * 2. init `<fullname>-persistent-nix-store`, as root (runAsUser 0, "IMPORTANT: Next release (after
 *    25.10.0) this should removed"): bootstraps the Nix store volume (mounted at /persist/nix) from the
 *    image's /nix, or copies the image's store paths and GC roots into it, then chowns it to ryax;
 * 3. the service container, default entry point, with the wrappers volume at /data/wrappers, the Nix
 *    store volume at /nix and, when actionRegistrySecret is set, the registry credentials
 *    (.dockerconfigjson as /home/ryax/.docker/config.json, read-only).
 * The Nix store volume is a PVC `<fullname>-nix-store` (values nix.storeSize: 50Gi in the subchart,
 * 100Gi in the umbrella values, 4Gi in the minimal preset), or a sized emptyDir when persistence.enabled
 * is false. The umbrella values and the minimal preset write `persitence` (sic), so persistence stays on.
 */
import { defineContract, readPath, text } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, broker, chartSwitch, engine, hostOptionalPort, ryaxLogLevel, subchart } from './chart.js';

const deployment = subchart('action-builder', 'templates/deployment.yaml');
const values = subchart('action-builder', 'values.yaml');
const airgap = engine('docs/docs/howto/install_ryax_kubernetes_airgap.md');

/** The pull-wrappers init container's script, exactly as the chart gives it (deployment.yaml#L34-L44). */
const PULL_WRAPPERS = `${[
  'echo Loading Ryax Wrappers from Gitlab...',
  '# Use an src directory to avoid git issues with ownership',
  'rm -rf /tmp/wrappers/src',
  '(git clone https://gitlab.com/ryax-tech/ryax/ryax-action-wrappers.git /tmp/wrappers/src && \\',
  ' cd /tmp/wrappers/src && git checkout $RYAX_WRAPPERS_GIT_REF \\',
  ' ) || (',
  ' echo Unable to fetch Ryax Wrappers from Gitlab, fallback to the embedded version. && \\',
  ' rm -rf /tmp/wrappers/src && \\',
  ' cp -av /data/wrappers /tmp/wrappers/src)',
  'echo Done!',
].join('\n')}\n`;

/** The persistent-nix-store init container's script, exactly as the chart gives it (deployment.yaml#L61-L79). */
const PERSISTENT_NIX_STORE = `${[
  'set -x',
  'set -e',
  'echo Copy /nix from the container image',
  'if [ ! -d /persist/nix/store ]',
  'then',
  '  echo Bootstrapping the nix directory',
  '  cp -av /nix/* /persist/nix',
  'else',
  '  nix --extra-experimental-features nix-command copy --all --no-check-sigs --to /persist',
  '',
  '  GC_ROOT=$(ls /nix/var/nix/gcroots/)',
  '  for root in $GC_ROOT; do',
  '    cp -r /nix/var/nix/gcroots/$root /persist/nix/var/nix/gcroots/',
  '  done',
  'fi',
  '',
  'chown -R ryax:ryax /persist/nix',
  'echo Done!',
].join('\n')}\n`;

export const RYAX_ACTION_BUILDER_CONTRACT = defineContract({
  repository: 'ryaxtech/action-builder',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/action-builder',
  summary:
    'Ryax Action Builder (builds actions with Nix and pushes them to the registry). Liveness GET /healthz on 8080 (every 30 s, 1 failure; no readiness probe, no Service for it). Optional experimental gRPC API on 8081 (values grpcAPI.enabled, default false): then a Service port 80 -> 8081 with Traefik h2c and an Ingress at /action_builder. Connects to RabbitMQ (build orders), the internal registry ryax-registry:5000 (push, credentials from /home/ryax/.docker/config.json), gitlab.com (wrappers, from the init container) and whatever package servers the builds need. Writes the Nix store on /nix (a PVC), /tmp and /var/tmp (emptyDirs). Resources 2 CPU / 4Gi requested and limited by default. Strategy Recreate when persistence is on; needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    alternatives: [
      ['sh', '-c', PULL_WRAPPERS],
      ['sh', '-c', PERSISTENT_NIX_STORE],
    ],
    source: deployment(31),
  },
  variables: {
    RYAX_BROKER: broker(deployment(92)),
    RYAX_INTERNAL_REGISTRY: {
      form: hostOptionalPort(),
      default: 'ryax-registry:5000',
      description: `Registry the built action images are pushed to (values internalRegistry, ${values(54)}: the registry's Service inside the cluster; nodes pull the same images through 127.0.0.1:30012).`,
      source: deployment(97),
    },
    RYAX_LOG_LEVEL: {
      form: ryaxLogLevel(),
      default: 'warning',
      description: 'Log level of the service: values logLevel (unset), else global.ryax.logLevel (warning in the umbrella values), else "warning".',
      source: deployment(99),
    },
    RYAX_WRAPPERS_DIR: {
      form: readPath(),
      default: '/data/wrappers/src',
      description:
        'Directory of the Ryax action wrappers used for the builds: the checkout the pull-wrappers init container left in the shared emptyDir (mounted at /data/wrappers here).',
      source: deployment(101),
    },
    RYAX_GRPC_API_ENABLED: {
      form: chartSwitch('1'),
      description: `Enables the experimental gRPC API on 8081: set to "1" only when values grpcAPI.enabled (${values(73)}), otherwise not set; the chart's comment says "Leave empty to disable".`,
      source: deployment(104),
    },
    RYAX_WRAPPERS_GIT_REF: {
      form: text(),
      default: 'NOT_EXISTING_REF',
      description: `Read by the pull-wrappers init container's script only: the git ref of ryax-action-wrappers to check out (values ryaxWrappersGitReference, "Leave empty to use the wrapper pinned in the Builder", ${values(49)}); the chart's fallback NOT_EXISTING_REF makes the checkout fail, so the image's embedded wrappers are used.`,
      source: deployment(46),
    },
    RYAX_NIX_GARBAGE_COLLECT_ENABLED: {
      form: text(),
      description:
        'Not set by the chart template: the minimal preset (charts/ryax/env/minimal.yaml#L60) sets it to the empty text and the air-gap values (airgap/ryax-airgap-helm-values.yaml#L10) to "false", both through extraEnv and both evidently meant to turn the Nix garbage collection off; the program\'s reading (empty text, or "false") is not public, so which of the two works is not known.',
      source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/env/minimal.yaml#L60',
    },
    RYAX_EXTRA_NIX_ARGS: {
      form: text(),
      description:
        'Not set by the chart: extra arguments for the Nix builds, per the air-gap how-to (e.g. "--no-net", or "--option substituters <cache>" to use an internal binary cache).',
      source: airgap(134),
    },
  },
  patterns: [
    {
      prefix: 'RYAX_BUILD_ENV_',
      form: text(),
      description:
        'Not set by the chart: per the air-gap how-to, "All variables prefixed by RYAX_BUILD_ENV_ are exposed during the build phase" (e.g. RYAX_BUILD_ENV_UV_INDEX_URL, RYAX_BUILD_ENV_UV_TRUSTED_HOST for an internal PyPI server).',
      source: airgap(108),
    },
  ],
  writes: [
    // Inference: the chart mounts volumes there (the Nix store is written by the builds).
    { path: '/tmp', source: deployment(111) },
    { path: '/var/tmp', source: deployment(113) },
    { path: '/nix', source: deployment(117) },
  ],
});
