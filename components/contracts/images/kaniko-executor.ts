/**
 * gcr.io/kaniko-project/executor: kaniko, which builds a Dockerfile inside a container without a Docker
 * daemon and pushes the image. Read at GoogleContainerTools/kaniko@v1.23.2: the executor's cobra command
 * (cmd/executor/cmd/root.go; pflag rejects an unknown flag with "unknown flag"), the variables it and
 * its packages read, and the image (deploy/Dockerfile, stage kaniko-executor).
 *
 * kaniko unpacks the base image into its own root file system and runs the Dockerfile's RUN steps there,
 * so it needs a writable root and, for a Dockerfile that runs anything as root (Amun's generated
 * Dockerfiles start with USER root and install packages), uid 0 with the default capabilities; it keeps
 * its Dockerfile copy, build context and stage tarballs under /kaniko. Mounted paths (/proc/self/mountinfo)
 * are left out of snapshots. Registry credentials come from DOCKER_CONFIG/config.json (the image sets
 * DOCKER_CONFIG=/kaniko/.docker/) or the bundled gcr/ecr/acr credential helpers; a build context in a
 * cloud bucket also honours the cloud SDKs' own variables (AWS_*, GOOGLE_APPLICATION_CREDENTIALS, ...),
 * which are not listed.
 */
import { defineContract, integer, oneOf, pattern, readPath, text, url, writePath, type Flag, type Form } from '../../../src/contracts/model.js';

const KANIKO = 'GoogleContainerTools/kaniko@v1.23.2';
const ROOT = `${KANIKO}:cmd/executor/cmd/root.go`;

/** Go's time.ParseDuration: a sequence of decimal numbers with units (90m, 1h30m, 336h). */
const DURATION = pattern('0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+', 'a Go duration such as 90m or 6h');
/** strconv.ParseBool. */
const PARSE_BOOL: Form = { type: 'flag', on: ['1', 't', 'T', 'TRUE', 'true', 'True'], off: ['0', 'f', 'F', 'FALSE', 'false', 'False'], otherwise: 'off' };
const KEY_VALUE = pattern('[^=]*=.*', 'key=value');

const flag = (line: number, form: Form | 'switch', description: string): Flag => ({ form, description, source: `${ROOT}#L${line}` });
const CONTEXT = pattern('(gs|s3|dir|git|https|tar)://.+|(?!.*://).+', 'a directory, or gs://, s3://, dir://, git://, https:// or tar:// context');
const LEVEL = oneOf(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'panic'], { caseInsensitive: true });

export const KANIKO_EXECUTOR_CONTRACT = defineContract({
  repository: 'kaniko-project/executor',
  tags: ['v1.23.2'],
  source: KANIKO,
  summary:
    'kaniko executor: builds the Dockerfile found in the build context by unpacking the base image into its own root file system and running each step there, then pushes the result to every --destination (or writes a tarball).',
  entrypoint: {
    command: ['/kaniko/executor'],
    source: `${KANIKO}:deploy/Dockerfile#L100`,
  },
  arguments: {
    unknownFlags: 'error',
    flags: {
      '--verbosity': flag(57, LEVEL, 'Log level (logrus.ParseLevel); default info.'),
      '-v': flag(57, LEVEL, 'Shorthand of --verbosity.'),
      '--log-format': flag(58, oneOf(['text', 'color', 'json']), 'Log format; default color.'),
      '--log-timestamp': flag(59, 'switch', 'Timestamps in text logs.'),
      '--force': flag(60, 'switch', 'Build even when kaniko does not detect a container.'),
      '--whitelist-var-run': flag(64, 'switch', 'Deprecated spelling of --ignore-var-run.'),
      '--dockerfile': flag(
        228,
        text(),
        'Dockerfile path (absolute, relative to the context, or an http(s) URL); default Dockerfile. Copied to <kaniko dir>/Dockerfile.',
      ),
      '-f': flag(228, text(), 'Shorthand of --dockerfile.'),
      '--context': flag(
        229,
        CONTEXT,
        'Build context: a directory (default /workspace/) or a gs://, s3://, dir://, git://, https:// or tar:// location; any other "://" prefix is an error.',
      ),
      '-c': flag(229, CONTEXT, 'Shorthand of --context.'),
      '--context-sub-path': flag(230, text(), 'Sub path within a remote build context.'),
      '--bucket': flag(231, text(), 'GCS bucket holding the build context as a tarball (hidden).'),
      '-b': flag(231, text(), 'Shorthand of --bucket.'),
      '--destination': flag(232, text(), 'Image reference to push to; repeatable. Required unless --no-push.'),
      '-d': flag(232, text(), 'Shorthand of --destination.'),
      '--snapshot-mode': flag(233, oneOf(['full', 'redo', 'time']), 'How file changes are detected; default full; any other value fails the build.'),
      '--custom-platform': flag(234, pattern('[^/\\s]+/[^/\\s]+(/[^/\\s]+)?(:.+)?', 'os/arch[/variant]'), 'Target platform; default the host platform.'),
      '--build-arg': flag(235, text(), 'ARG value NAME=value; repeatable. A bare NAME takes the value of the environment variable NAME.'),
      '--insecure': flag(236, 'switch', 'Push over plain HTTP.'),
      '--skip-tls-verify': flag(237, 'switch', 'Push without TLS verification.'),
      '--insecure-pull': flag(238, 'switch', 'Pull over plain HTTP.'),
      '--skip-tls-verify-pull': flag(239, 'switch', 'Pull without TLS verification.'),
      '--push-retry': flag(240, integer({ min: 0 }), 'Retries of the push; default 0.'),
      '--push-ignore-immutable-tag-errors': flag(241, 'switch', 'Treat known tag-immutability errors as success.'),
      '--image-fs-extract-retry': flag(242, integer({ min: 0 }), 'Retries of base image extraction; default 0.'),
      '--image-download-retry': flag(243, integer({ min: 0 }), 'Retries of the base image download; default 0.'),
      '--kaniko-dir': flag(
        244,
        writePath(),
        "kaniko's working directory (default /kaniko); a different one is created by copying /kaniko there and removing /kaniko. Takes precedence over KANIKO_DIR.",
      ),
      '--tar-path': flag(245, writePath(), 'Write the image as a tarball here instead of pushing.'),
      '--single-snapshot': flag(246, 'switch', 'Take one snapshot at the end of the build.'),
      '--reproducible': flag(247, 'switch', 'Strip timestamps from the image.'),
      '--target': flag(248, text(), 'Build stage to build.'),
      '--no-push': flag(249, 'switch', 'Do not push the image.'),
      '--no-push-cache': flag(250, 'switch', 'Do not push cache layers.'),
      '--cache-repo': flag(251, text(), 'Repository for cached layers (oci:<path> for a local OCI layout); default inferred from the destination.'),
      '--cache-dir': flag(252, readPath(), 'Local directory of cached base images; default /cache.'),
      '--digest-file': flag(253, writePath(), 'File the built image digest is written to.'),
      '--image-name-with-digest-file': flag(254, writePath(), 'File the image name with digest is written to (needs --destination).'),
      '--image-name-tag-with-digest-file': flag(255, writePath(), 'File the image name with tag and digest is written to (needs --destination).'),
      '--oci-layout-path': flag(256, writePath(), 'Directory the OCI layout of the image is written to.'),
      '--compression': flag(257, oneOf(['gzip', 'zstd']), 'Layer compression; any other value is rejected.'),
      '--compression-level': flag(258, integer({ min: -1 }), 'Compression level; default -1.'),
      '--cache': flag(259, 'switch', 'Use layer caching.'),
      '--compressed-caching': flag(260, 'switch', 'Compress cached layers (default on; --compressed-caching=false to turn off).'),
      '--cleanup': flag(261, 'switch', 'Clean the file system at the end of the build.'),
      '--cache-ttl': flag(262, DURATION, 'Cache lifetime; default 336h.'),
      '--insecure-registry': flag(263, text(), 'Registry reached over plain HTTP; repeatable.'),
      '--skip-tls-verify-registry': flag(264, text(), 'Registry reached without TLS verification; repeatable.'),
      '--registry-certificate': flag(266, KEY_VALUE, 'registry=path of the server certificate to trust.'),
      '--registry-client-cert': flag(268, KEY_VALUE, 'registry=cert path,key path for mutual TLS.'),
      '--registry-map': flag(
        270,
        pattern('([^=;]+=[^;]*)(;[^=;]+=[^;]*)*', 'original=mirror pairs separated by ;'),
        'Registry remapping (pull-through mirrors).',
      ),
      '--registry-mirror': flag(271, text(), 'Mirror of docker.io; repeatable.'),
      '--skip-default-registry-fallback': flag(272, 'switch', 'Do not fall back to the original registry when no mirror has the image.'),
      '--ignore-var-run': flag(273, 'switch', 'Leave /var/run out of snapshots (default on).'),
      '--label': flag(274, text(), 'Image label key=value; repeatable.'),
      '--skip-unused-stages': flag(275, 'switch', 'Build only the stages the target needs.'),
      '--use-new-run': flag(276, 'switch', 'Experimental RUN implementation.'),
      '--git': flag(277, KEY_VALUE, 'Git context option: branch=, single-branch=, recurse-submodules= or insecure-skip-tls=.'),
      '--cache-copy-layers': flag(278, 'switch', 'Cache COPY layers.'),
      '--cache-run-layers': flag(279, 'switch', 'Cache RUN layers (default on).'),
      '--ignore-path': flag(280, text(), 'Path left out of snapshots; repeatable.'),
      '--force-build-metadata': flag(281, 'switch', 'Add metadata layers to the image.'),
      '--skip-push-permission-check': flag(282, 'switch', 'Do not check push permission before building.'),
      '--snapshotMode': flag(285, oneOf(['full', 'redo', 'time']), 'Deprecated spelling of --snapshot-mode.'),
      '--customPlatform': flag(286, text(), 'Deprecated spelling of --custom-platform.'),
      '--tarPath': flag(287, writePath(), 'Deprecated spelling of --tar-path.'),
      '--help': {
        form: 'switch',
        description: "cobra's help: prints usage and exits without building.",
        source: `${KANIKO}:vendor/github.com/spf13/cobra/command.go#L1198`,
      },
      '-h': { form: 'switch', description: 'Shorthand of --help.', source: `${KANIKO}:vendor/github.com/spf13/cobra/command.go#L1198` },
    },
  },
  variables: {
    DOCKER_CONFIG: {
      form: readPath(),
      default: '/kaniko/.docker/',
      description:
        'Directory holding the registry credentials file config.json (the image sets it); a missing directory falls back to /kaniko/.docker/config.json.',
      source: `${KANIKO}:pkg/util/gcr_util.go#L30`,
    },
    DOCKER_CREDENTIAL_GCR_CONFIG: {
      form: readPath(),
      default: '/kaniko/.config/gcloud/docker_credential_gcr_config.json',
      description: 'Configuration of the bundled GCR credential helper (set by the image).',
      source: `${KANIKO}:deploy/Dockerfile#L85`,
    },
    KANIKO_DIR: {
      form: writePath(),
      default: '/kaniko',
      description: "kaniko's working directory (Dockerfile copy, build context, stages); --kaniko-dir wins over it.",
      source: `${KANIKO}:pkg/config/init.go#L30`,
    },
    KANIKO_REGISTRY_MIRROR: {
      form: text(),
      description: 'Same as --registry-mirror.',
      source: `${ROOT}#L72`,
    },
    KANIKO_NO_PUSH: {
      form: PARSE_BOOL,
      description: 'Same as --no-push (strconv.ParseBool); an unparsable value is taken as false.',
      source: `${ROOT}#L77`,
    },
    KANIKO_REGISTRY_MAP: {
      form: pattern('([^=;]+=[^;]*)(;[^=;]+=[^;]*)*', 'original=mirror pairs separated by ;'),
      description: 'Same as --registry-map.',
      source: `${ROOT}#L86`,
    },
    BENCHMARK_FILE: {
      form: text(),
      description: 'Where build timings are written after the push: a local file or a gs:// object; unset or "false" writes nothing.',
      source: `${ROOT}#L198`,
    },
    BUILDER_OUTPUT: {
      form: writePath(),
      description: 'Directory an "images" file (name and digest of each pushed image) is written to; unset writes nothing.',
      source: `${KANIKO}:pkg/executor/push.go#L322`,
    },
    SNAPSHOT_TIMEOUT_DURATION: {
      form: DURATION,
      default: '90m',
      description: 'Timeout of one file-system walk when snapshotting; an unparsable value stops kaniko (logrus.Fatalf).',
      source: `${KANIKO}:pkg/util/fs_util.go#L1110`,
    },
    UPSTREAM_CLIENT_TYPE: {
      form: text(),
      description: 'Appended to the User-Agent of registry requests.',
      source: `${KANIKO}:pkg/executor/push.go#L77`,
    },
    S3_ENDPOINT: {
      form: url('http', 'https'),
      description: 'Custom endpoint of an s3:// build context.',
      source: `${KANIKO}:pkg/buildcontext/s3.go#L48`,
    },
    S3_FORCE_PATH_STYLE: {
      form: text(),
      description: '"true" (any case) uses path-style addressing for an s3:// build context.',
      source: `${KANIKO}:pkg/buildcontext/s3.go#L50`,
    },
    AZURE_STORAGE_ACCESS_KEY: {
      form: text(),
      description: 'Access key of an Azure Blob Storage build context.',
      source: `${KANIKO}:pkg/buildcontext/azureblob.go#L41`,
    },
    GIT_USERNAME: {
      form: text(),
      description: 'User name for a git:// build context.',
      source: `${KANIKO}:pkg/buildcontext/git.go#L187`,
    },
    GIT_PASSWORD: {
      form: text(),
      description: 'Password for a git:// build context.',
      source: `${KANIKO}:pkg/buildcontext/git.go#L188`,
    },
    GIT_TOKEN: {
      form: text(),
      description: 'Token for a git:// build context.',
      source: `${KANIKO}:pkg/buildcontext/git.go#L189`,
    },
    GIT_PULL_METHOD: {
      form: text(),
      default: 'https',
      description: 'Protocol a git:// build context is cloned with (https or http; anything else means https).',
      source: `${KANIKO}:pkg/buildcontext/git.go#L204`,
    },
    STACKLOG_PATH: {
      form: writePath(),
      description: 'When set, goroutine stacks are sampled into this file while kaniko runs (a failure to open it panics).',
      source: `${KANIKO}:vendor/github.com/google/slowjam/pkg/stacklog/stacklog.go#L83`,
    },
    container: {
      form: text(),
      description: 'One of the signals kaniko uses to detect that it runs in a container (the others are /proc files).',
      source: `${KANIKO}:pkg/util/proc/proc.go#L122`,
    },
  },
  writes: [
    { path: '/kaniko', source: `${ROOT}#L394` },
    { path: '/', source: `${KANIKO}:pkg/executor/build.go#L329` },
  ],
  limitations: [
    {
      rule: 'contract/image',
      message:
        "kaniko unpacks the base image into its own root file system and runs RUN steps there: it needs a writable root and, for Dockerfiles that run as root (Amun's start with USER root and install packages), uid 0 with the default capabilities, which restricted Pod Security (runAsNonRoot, drop ALL) forbids; its namespace needs a baseline or privileged policy",
      source: `${KANIKO}:README.md#L1192`,
    },
  ],
});
