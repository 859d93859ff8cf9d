/**
 * docker.io/ryaxtech/action-builder: the Ryax Action Builder. Stateless: it receives build orders from
 * the Repository service (RabbitMQ) and builds them one at a time, synchronously, with Nix and the Ryax
 * action wrappers, then pushes the action images to the internal registry
 * (docs/docs/reference/architecture.md#L238-L249; README "creates container images with Ryax wrapper injected").
 *
 * Read at RyaxTech/ryax-engine@9dc81bf (chart ryax-engine 26.4.0), subchart
 * charts/ryax/subcharts/action-builder. The program's own source (gitlab.com/ryax-tech/ryax/ryax-action-builder)
 * is not public, nor is the image's Dockerfile: this contract records the variables the chart sets and
 * what the chart, its values comments and docs/ say they mean, not a reading of the program. `default`
 * is the value the chart renders with its default values (umbrella values for the globals).
 *
 * What the chart shows of the image's user: the service container has no securityContext, so it runs
 * as the image's USER; the chart's Nix-store init container ends with `chown -R ryax:ryax` (a user
 * named ryax, who owns the store the service's Nix writes, i.e. single-user Nix) and the registry
 * credentials are mounted under /home/ryax (its home). Its uid is not public; the other Ryax charts
 * give their pods fsGroup 1200 (runner, studio, repository, worker).
 *
 * The chart runs the image three times, as the image's `sh` (deployment.yaml#L27-L130):
 * 1. init `<fullname>-pull-wrappers`: clones ryax-action-wrappers from gitlab.com at RYAX_WRAPPERS_GIT_REF
 *    into the emptyDir ryax-wrappers-code (mounted at /tmp/wrappers), falling back to the copy embedded in
 *    the image at /data/wrappers (the default ref NOT_EXISTING_REF always falls back; needs egress to
 *    gitlab.com otherwise);
 * 2. init `<fullname>-persistent-nix-store`, as root (runAsUser 0, "IMPORTANT: Next release (after
 *    25.10.0) this should removed", #L83-L86): bootstraps the Nix store volume (mounted at /persist/nix)
 *    with `cp -av /nix/* /persist/nix`, or on a later start adds the image's store paths to it
 *    (`nix copy --all --to /persist`) with its GC roots, then chowns it all to ryax (#L61-L79). Root
 *    for three reasons: the chart gives the pod no fsGroup, so the fresh volume's root directory is
 *    root's; the chown needs CAP_CHOWN; and `nix copy` opens the image's own store read-write;
 * 3. the service container, default entry point, with the wrappers volume at /data/wrappers, the Nix
 *    store volume at /nix and, when actionRegistrySecret is set (the umbrella values set it), the registry
 *    credentials (.dockerconfigjson as /home/ryax/.docker/config.json, read-only).
 * The Nix store volume is a PVC `<fullname>-nix-store` (values nix.storeSize: 50Gi in the subchart,
 * 100Gi in the umbrella values, 4Gi in the minimal preset), or a sized emptyDir when persistence.enabled
 * is false. The umbrella values and the minimal preset write `persitence` (sic), so persistence stays on.
 *
 * Here the same steps run as a non-root user (the scripts below, each a mode of this contract): the
 * pod's fsGroup makes the volume's root writable to it, so every file it copies is its own (GNU cp -a
 * keeps quiet when a non-root user cannot keep a file's owner: tried with coreutils 9.1), and Nix in
 * single-user mode needs no more: its store and database must belong to the user running it
 * (https://nixos.org/manual/nix/stable/installation/single-user), build users are used only by root
 * (NixOS/nix@2.28.0:src/libstore/unix/user-lock.cc#L197), and builds fall back to no sandbox where the
 * container may not create namespaces (sandbox-fallback, default true:
 * NixOS/nix@2.28.0:src/libstore/include/nix/store/globals.hh#L651).
 */
import { defineContract, readPath, text, writePath } from '../../../src/contracts/model.js';
import { DEFAULT_ENTRYPOINT, RYAX_TAG, broker, chartSwitch, engine, hostOptionalPort, ryaxLogLevel, subchart } from './chart.js';

const deployment = subchart('action-builder', 'templates/deployment.yaml');
const values = subchart('action-builder', 'values.yaml');
const airgap = engine('docs/docs/howto/install_ryax_kubernetes_airgap.md');
const nix = (path: string, line: number) => `NixOS/nix@2.28.0:${path}#L${line}`;

/** The image's user's home (the chart mounts the registry credentials under it, deployment.yaml#L120). */
export const ACTION_BUILDER_HOME = '/home/ryax';

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

/**
 * A home the running user owns, seeded from the image's: Nix takes $HOME only when it belongs to the
 * user, else the passwd entry's home (NixOS/nix@2.28.0:src/libutil/unix/users.cc#L23-L58), which a uid
 * the image does not know has none. The home volume is mounted at /persist/home; -f replaces what a
 * restarted pod's earlier run left.
 */
const HOME_SEED = `${[
  'set -e',
  `mkdir -p /persist${ACTION_BUILDER_HOME}`,
  `if [ -d ${ACTION_BUILDER_HOME} ]; then cp -af ${ACTION_BUILDER_HOME}/. /persist${ACTION_BUILDER_HOME}/; fi`,
  'echo Done!',
].join('\n')}\n`;

/**
 * The chart's persistent-nix-store script (deployment.yaml#L62-L79) for a non-root user: no chown (what
 * it copies is already its own), and the image's store, on the read-only root file system, opened as
 * Nix's read-only local store (the `read-only` store setting, experimental feature read-only-local-store
 * since Nix 2.17: NixOS/nix@2.28.0:src/libstore/include/nix/store/local-store.hh#L51-L66), where the
 * chart's `nix copy` opened it read-write. `/nix/*`, as the chart, and not `/nix/.`: cp -a on the
 * volume's root directory itself would try to set the times of a directory this user does not own.
 */
const NIX_STORE_SEED = `${[
  'set -ex',
  'if [ ! -d /persist/nix/store ]',
  'then',
  '  echo Bootstrapping the Nix store from the image',
  '  cp -a /nix/* /persist/nix',
  'else',
  '  echo Adding the store paths of the image to the Nix store',
  "  nix --extra-experimental-features 'nix-command read-only-local-store' copy --all --no-check-sigs --from 'local?read-only=true' --to /persist",
  '  for root in $(ls /nix/var/nix/gcroots/); do',
  '    cp -r /nix/var/nix/gcroots/$root /persist/nix/var/nix/gcroots/',
  '  done',
  'fi',
  'echo Done!',
].join('\n')}\n`;

/** The scripts the pod runs with the image's `sh -c` before the service, by the mode of this contract each is. */
export const ACTION_BUILDER_SCRIPTS = { 'pull-wrappers': PULL_WRAPPERS, home: HOME_SEED, 'nix-store': NIX_STORE_SEED } as const;
export type ActionBuilderScript = keyof typeof ACTION_BUILDER_SCRIPTS;

/** HOME, as Nix and whatever reads the registry credentials take it. */
const HOME = {
  form: writePath(),
  default: ACTION_BUILDER_HOME,
  description:
    "The user's home: Nix reads its configuration (~/.config/nix), writes its cache (~/.cache/nix) and state (~/.local/state/nix) there (NixOS/nix@2.28.0:src/libutil/users.cc#L18-L77), taking $HOME only when the running user owns it; the registry credentials are read from ~/.docker/config.json (the chart mounts them there, deployment.yaml#L120; which tool reads them is not public). Not set by the chart: the image's user's home.",
  source: nix('src/libutil/unix/users.cc', 34),
} as const;

export const RYAX_ACTION_BUILDER_CONTRACT = defineContract({
  repository: 'ryaxtech/action-builder',
  tags: [RYAX_TAG],
  source: 'RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/action-builder',
  summary:
    'Ryax Action Builder (builds actions with Nix and pushes them to the registry). Liveness GET /healthz on 8080 (every 30 s, 1 failure; no readiness probe, no Service for it). Optional experimental gRPC API on 8081 (values grpcAPI.enabled, default false): then a Service port 80 -> 8081 with Traefik h2c and an Ingress at /action_builder. Connects to RabbitMQ (build orders), the internal registry ryax-registry:5000 (push, credentials from /home/ryax/.docker/config.json), gitlab.com (wrappers, from the init container) and whatever package servers the builds need. Writes the Nix store on /nix (a PVC, owned by the user Nix runs as), its home, /tmp and /var/tmp (emptyDirs). Resources 2 CPU / 4Gi requested and limited by default. Strategy Recreate when persistence is on; needs no Kubernetes API.',
  entrypoint: {
    command: DEFAULT_ENTRYPOINT,
    alternatives: [['sh', '-c']],
    source: deployment(31),
  },
  variables: {},
  modes: {
    // The init containers run `sh -c <script>`; the service runs the image's entry point with no argument.
    selector: { argument: 0 },
    default: 'service',
    classify: (script: string) => (Object.entries(ACTION_BUILDER_SCRIPTS) as [ActionBuilderScript, string][]).find(([, text]) => text === script)?.[0],
    otherwise: 'sh runs whatever script it is given: only the scripts declared here are known to fit the image',
    source: deployment(27),
    variants: {
      service: {
        description: 'the builder: consumes build orders, builds with Nix, pushes the images',
        variables: {
          RYAX_BROKER: broker(deployment(92)),
          RYAX_INTERNAL_REGISTRY: {
            form: hostOptionalPort(),
            default: 'ryax-registry:5000',
            description: `Registry the built action images are pushed to (values internalRegistry, ${values(54)}: the registry's Service inside the cluster; nodes pull the same images through 127.0.0.1:30012). The chart's registry credentials (Secret ryax-registry-creds-secret) hold an auth for this host:port too (registry/templates/secrets.yaml#L22).`,
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
          HOME,
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
        source: deployment(88),
      },
      'pull-wrappers': {
        description: 'the chart’s pull-wrappers script: the wrappers’ checkout into the volume at /tmp/wrappers',
        variables: {
          RYAX_WRAPPERS_GIT_REF: {
            form: text(),
            default: 'NOT_EXISTING_REF',
            description: `The git ref of ryax-action-wrappers to check out (values ryaxWrappersGitReference, "Leave empty to use the wrapper pinned in the Builder", ${values(49)}); the chart's fallback NOT_EXISTING_REF makes the checkout fail, so the image's embedded wrappers are used.`,
            source: deployment(46),
          },
        },
        writes: [{ path: '/tmp/wrappers', source: deployment(53) }],
        source: deployment(28),
      },
      home: {
        description: 'seeds the home volume (at /persist/home) with the image’s home, in a directory the running user owns',
        writes: [{ path: `/persist${ACTION_BUILDER_HOME}`, source: nix('src/libutil/unix/users.cc', 34) }],
        source: nix('src/libutil/unix/users.cc', 34),
      },
      'nix-store': {
        description: 'the chart’s persistent-nix-store script without root: seeds or updates the Nix store volume (at /persist/nix) from the image’s store',
        variables: { HOME },
        writes: [{ path: '/persist/nix', source: deployment(81) }],
        source: deployment(55),
      },
    },
  },
});
