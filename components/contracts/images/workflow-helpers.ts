/**
 * quay.io/thoth-station/workflow-helpers: small Python tasks run as steps of Thoth's Argo workflows.
 *
 * Read at thoth-station/workflow-helpers@v0.9.15 (refs/tags/v0.9.15; a branch of the same name holds
 * the same tree). The image is an s2i build on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1; the
 * s2i `run` script executes app.sh, which dispatches on THOTH_WORKFLOW_TASK to one script per task.
 * Pinned libraries (Pipfile.lock): thoth-common 0.36.6, thoth-storages 0.73.5 (same variables as the
 * v0.74.1 the storages fragment was read at), thoth-messaging 0.16.2 (only message classes and base
 * names are used: nothing is sent from this image), prometheus-client 0.15.0, ogr 0.40.0,
 * kubernetes 11.0.0, thamos 1.29.1.
 *
 * Every task except send_webhooks and thoth_repository_initialization imports thoth.workflow_helpers,
 * whose __init__ calls thoth-common's init_logging and imports thoth.storages (module-level reads of
 * THOTH_STORAGES_IMPORT); those two read neither.
 */
import { defineContract, json, oneOf, pattern, pythonIntFlag, readPath, text, url, type Variables, type WrittenPath } from '../../../src/contracts/model.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v0.9.15';
const at = (path: string, line: number): string => `thoth-station/workflow-helpers@${TAG}:${path}#L${line}`;

/** What importing thoth.workflow_helpers reads: init_logging() and the import of thoth.storages. */
const IMPORTS_PACKAGE = {
  ...THOTH_COMMON_LOGGING,
  ...THOTH_COMMON_HELPERS,
  ...THOTH_STORAGES_IMPORT,
} as const satisfies Variables;

/** Pushing metrics (thoth/workflow_helpers/common.py, configuration.py). */
const METRICS = {
  PROMETHEUS_PUSHGATEWAY_URL: {
    form: pattern('(https?://)?[^\\s/:]+(:[0-9]+)?(/\\S*)?', 'a Pushgateway address: http(s)://host[:port] or host:port'),
    description:
      'Pushgateway the task pushes its metrics to (job "workflow-helpers", replacing that whole group). Unset (or THOTH_DEPLOYMENT_NAME unset) skips the push with a warning. PROMETHEUS_PUSHGATEWAY_HOST and _PORT are not read.',
    source: at('thoth/workflow_helpers/configuration.py', 50),
  },
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    description:
      'Deployment name: the env label of the metrics, and the condition for setting and pushing them (unset: no metrics, a warning). Also the Sentry environment of init_logging.',
    source: at('thoth/workflow_helpers/configuration.py', 51),
  },
} as const satisfies Variables;

const MESSAGES_FILE: WrittenPath = {
  path: '/mnt/workdir/messages_to_be_sent.json',
  source: at('thoth/workflow_helpers/common.py', 37),
};

const TMP: WrittenPath = { path: '/tmp', source: at('update_keb_installation.py', 62) };

export const WORKFLOW_HELPERS_CONTRACT = defineContract({
  repository: 'thoth-station/workflow-helpers',
  // v0.9.16 changes no program file (app.sh and the scripts are identical); its lock moves
  // thoth-storages to 0.74.0, whose alembic head (bf9ea2a38b01) is the one the other images expect,
  // and thoth-python to 0.17.0, which reads the same variables.
  tags: [TAG, 'v0.9.16'],
  source: `thoth-station/workflow-helpers@${TAG}`,
  summary:
    'Thoth workflow step helpers: app.sh runs one Python script chosen by THOTH_WORKFLOW_TASK (parse a component document into Kafka messages written to /mnt/workdir/messages_to_be_sent.json, download a package, update the graph schema, call webhooks, ...).',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.sh', 3),
  },
  variables: {},
  modes: {
    selector: { variable: 'THOTH_WORKFLOW_TASK' },
    otherwise:
      'app.sh compares the value with each task name (underscores, not hyphens) and has no else branch: any other text runs nothing and the container exits 0 without having done its work (no messages file, no output files); unset or empty stops app.sh with "THOTH_WORKFLOW_TASK is not selected!" and a non-zero status',
    source: at('app.sh', 13),
    variants: {
      create_inspection_complete_message: {
        description:
          'Writes one thoth.inspection-completed message for an Amun inspection to /mnt/workdir/messages_to_be_sent.json (appending to a list already there). No database, no metrics.',
        source: at('app.sh', 15),
        variables: {
          ...IMPORTS_PACKAGE,
          THOTH_AMUN_INSPECTION_ID: {
            form: text(),
            required: true,
            description: 'Inspection id put in the message; unset makes the message model (a strict string) fail validation.',
            source: at('create_inspection_complete_message.py', 33),
          },
          THOTH_FORCE_SYNC: {
            form: pythonIntFlag(),
            required: true,
            description: 'bool(int(...)) with no default: unset raises TypeError, a non-integer ValueError. Non-zero forces the graph sync of the inspection.',
            source: at('create_inspection_complete_message.py', 34),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [MESSAGES_FILE],
      },
      create_purge_issues: {
        description:
          'Connects to the knowledge graph at import, lists the Kebechet installations on the purged software environment and opens a GitHub issue in each (through ogr), then pushes metrics. ogr 0.40 ignores the github_private_key_path keyword this script passes, so with GITHUB_APP_ID set it authenticates as an app without a key (anonymous calls, every issue fails and is only logged); it works only with GITHUB_KEBECHET_TOKEN and GITHUB_APP_ID unset.',
        source: at('app.sh', 17),
        variables: {
          ...IMPORTS_PACKAGE,
          ...THOTH_STORAGES_GRAPH,
          ...METRICS,
          PURGE_OS_NAME: {
            form: text(),
            description: 'Operating system name of the purged environment; unset or empty means no filter (all installations get an issue).',
            source: at('create_purge_issues.py', 69),
          },
          PURGE_OS_VERSION: {
            form: text(),
            description: 'Operating system version of the purged environment; unset or empty means no filter.',
            source: at('create_purge_issues.py', 70),
          },
          PURGE_PYTHON_VERSION: {
            form: text(),
            description: 'Python version of the purged environment; unset or empty means no filter.',
            source: at('create_purge_issues.py', 71),
          },
          GITHUB_KEBECHET_TOKEN: {
            form: text(),
            required: true,
            description:
              'GitHub token the issues are opened with (ogr token authentication; used only when GITHUB_APP_ID is unset). Without it every call is anonymous and no issue can be opened (each failure is only logged).',
            source: at('create_purge_issues.py', 80),
          },
          GITHUB_APP_ID: {
            form: text(),
            description:
              'GitHub App id. When set, ogr prefers app authentication, but the private key never reaches ogr (wrong keyword), so every GitHub call is anonymous and fails.',
            source: at('create_purge_issues.py', 81),
          },
          GITHUB_PRIVATE_KEY_PATH: {
            form: readPath(),
            description:
              'Read, but passed to ogr as github_private_key_path, a keyword ogr 0.40 ignores (it logs "Ignored keyword arguments"): without effect.',
            source: at('create_purge_issues.py', 82),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
      },
      download_package: {
        description:
          'Looks the package version up on the index page, then either writes a missing-version or update-provides-source-distro message list to /mnt/workdir/message and "1" to /mnt/workdir/failed_status, or writes "0" there, pip-downloads the sdist into /mnt/workdir and extracts it to /mnt/workdir/package. It does not write /mnt/workdir/messages_to_be_sent.json and pushes no metrics.',
        source: at('app.sh', 19),
        variables: {
          ...IMPORTS_PACKAGE,
          THOTH_PACKAGE_NAME: {
            form: text(),
            required: true,
            description: 'Package name, appended to the index URL; unset raises TypeError.',
            source: at('thoth/workflow_helpers/configuration.py', 40),
          },
          THOTH_PACKAGE_VERSION: {
            form: text(),
            required: true,
            description: 'Package version (empty is read as unset); pinned with === in the pip download.',
            source: at('thoth/workflow_helpers/configuration.py', 41),
          },
          THOTH_PACKAGE_INDEX: {
            form: url('http', 'https'),
            required: true,
            description: 'Simple index URL (e.g. https://pypi.org/simple): its page for the package is fetched, and pip downloads from it (-i).',
            source: at('thoth/workflow_helpers/configuration.py', 42),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [
          { path: '/mnt/workdir/message', source: at('download_py_package.py', 38) },
          { path: '/mnt/workdir/failed_status', source: at('download_py_package.py', 39) },
          { path: '/mnt/workdir/package', source: at('download_py_package.py', 131) },
          { path: '/tmp', source: at('download_py_package.py', 125) },
        ],
      },
      graph_schema_update: {
        description:
          'Pushes the (empty) metrics registry, connects to the knowledge graph and runs the thoth-storages alembic migrations to head (creating the database when it does not exist). No Kubernetes API, no Ceph.',
        source: at('app.sh', 21),
        variables: {
          ...IMPORTS_PACKAGE,
          ...THOTH_STORAGES_GRAPH,
          ...METRICS,
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
      },
      kebechet_administrator: {
        description:
          'Connects to the knowledge graph at import, finds the public repositories with a Kebechet installation affected by the triggering message and writes one thoth.kebechet-run-url-trigger message per repository to /mnt/workdir/messages_to_be_sent.json, then pushes metrics. For thoth.solver.solved-package the justification lookup has no entry for that type, so the task raises KeyError as soon as one repository qualifies.',
        source: at('app.sh', 23),
        variables: {
          ...IMPORTS_PACKAGE,
          ...THOTH_STORAGES_GRAPH,
          ...METRICS,
          THOTH_PACKAGE_NAME: {
            form: text(),
            required: true,
            description: 'Package name of the triggering message; empty or unset raises ValueError.',
            source: at('thoth/workflow_helpers/configuration.py', 40),
          },
          THOTH_PACKAGE_VERSION: {
            form: text(),
            required: true,
            description: 'Package version of the triggering message; empty or unset raises ValueError.',
            source: at('thoth/workflow_helpers/configuration.py', 41),
          },
          THOTH_PACKAGE_INDEX: {
            form: url('http', 'https'),
            required: true,
            description: 'Index URL of the package; empty or unset raises ValueError.',
            source: at('thoth/workflow_helpers/configuration.py', 42),
          },
          THOTH_MESSAGE_TYPE: {
            form: oneOf([
              'thoth.solver.solved-package',
              'thoth.package-update.hash-mismatch',
              'thoth.package-update.missing-package',
              'thoth.package-update.missing-package-version',
              'thoth.cve-update.cve-provided',
            ]),
            required: true,
            description: 'Base name (no deployment prefix) of the message that triggered the run; any other value raises ValueError.',
            source: at('kebechet_administrator.py', 185),
          },
          THOTH_SOLVER_NAME: {
            form: pattern('solver-[^-\\s]+-[^-\\s]+-py[0-9]{2,}', 'a solver name, solver-<os>-<version>-py<XY>'),
            description:
              'Solver that solved the package; read with os.environ[...] (KeyError if unset, ValueError if empty) only for thoth.solver.solved-package, and parsed into OS and Python version.',
            source: at('kebechet_administrator.py', 79),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [MESSAGES_FILE],
      },
      parse_solver_output: {
        description:
          'Connects to the knowledge graph and the adviser result store (Ceph) at import, reads the solver document, writes one thoth.solver.solved-package message per solved package and thoth.adviser-trigger messages for Kebechet adviser runs that can be re-run (storing their new requests in Ceph) to /mnt/workdir/messages_to_be_sent.json, then pushes metrics.',
        source: at('app.sh', 25),
        variables: {
          ...IMPORTS_PACKAGE,
          ...THOTH_STORAGES_GRAPH,
          ...METRICS,
          ...THOTH_STORAGES_CEPH,
          THOTH_DEPLOYMENT_NAME: {
            form: text(),
            required: true,
            description:
              'Deployment name: os.environ[...] in the adviser result store created at import (object prefix <bucket prefix>/<deployment>/adviser), and the env label of the metrics.',
            source: 'thoth-station/storages@v0.73.5:thoth/storages/result_base.py#L60',
          },
          THOTH_MESSAGING_COMPONENT_NAME: {
            form: text(),
            required: true,
            description: 'Component name put in the messages and in the metric name; os.environ[...] at import.',
            source: at('parse_solver_output.py', 43),
          },
          THOTH_SOLVER_DOCUMENT_PATH: {
            form: readPath(),
            required: true,
            description: 'The solver result document (JSON) to parse; os.environ[...] at import.',
            source: at('parse_solver_output.py', 44),
          },
          THOTH_SOLVER_NAME: {
            form: text(),
            required: true,
            description: 'Solver name put in each solved-package message; os.environ[...].',
            source: at('parse_solver_output.py', 81),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [MESSAGES_FILE],
      },
      parse_adviser_output: {
        description:
          'Reads the adviser document at FILE_PATH and writes a thoth.investigator.unresolved-package message per unresolved direct dependency to /mnt/workdir/messages_to_be_sent.json, then pushes metrics. A missing document is only a warning (an empty message list is written). No database connection (the schema revision comes from the installed alembic scripts), no Ceph.',
        source: at('app.sh', 27),
        variables: {
          ...IMPORTS_PACKAGE,
          ...METRICS,
          FILE_PATH: {
            form: readPath(),
            required: true,
            description: 'The adviser result document (JSON) to parse, i.e. the input artifact; os.environ[...]. Not the messages file.',
            source: at('parse_adviser_output.py', 48),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [MESSAGES_FILE],
      },
      parse_provenance_checker_output: {
        description:
          'Reads the provenance-checker document at FILE_PATH and writes a thoth.investigator.unresolved-package message per MISSING-PACKAGE finding to /mnt/workdir/messages_to_be_sent.json, then pushes metrics. A missing document is only a warning. No database connection, no Ceph.',
        source: at('app.sh', 29),
        variables: {
          ...IMPORTS_PACKAGE,
          ...METRICS,
          FILE_PATH: {
            form: readPath(),
            required: true,
            description: 'The provenance-checker result document (JSON) to parse, i.e. the input artifact; os.environ[...]. Not the messages file.',
            source: at('parse_provenance_checker_output.py', 68),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [MESSAGES_FILE],
      },
      thoth_repository_initialization: {
        description:
          'Forks a GitHub project, runs thamos advise_here in a clone (over SSH: the token authentication makes it clone git@github.com:..., so an SSH key is needed) and opens a pull request with the locked dependencies. Does not import thoth.workflow_helpers (no init_logging); thamos reads its own THAMOS_* settings.',
        source: at('app.sh', 31),
        variables: {
          ...THOTH_COMMON_HELPERS,
          THOTH_DEMO_PROJECT_URL: {
            form: url('https', 'http'),
            required: true,
            description: 'URL of the GitHub project to fork (click option --project-url, required).',
            source: at('thoth_repository_initialization/fork_and_advise.py', 39),
          },
          THOTH_DEMO_FORK_NAMESPACE: {
            form: text(),
            description: 'Organization to fork into (click option --fork-namespace).',
            source: at('thoth_repository_initialization/fork_and_advise.py', 40),
          },
          GITHUB_TOKEN: {
            form: text(),
            description: 'GitHub token for ogr; unset means anonymous calls, which cannot fork.',
            source: at('thoth_repository_initialization/fork_and_advise.py', 33),
          },
          GITHUB_APP_NAME: {
            form: text(),
            default: 'khebhut',
            description: 'User name in the clone URL when authenticated as a GitHub App (never the case with a token).',
            source: at('thoth_repository_initialization/utils.py', 31),
          },
          KEBECHET_GIT_NAME: {
            form: text(),
            default: 'Kebechet',
            description: 'Commit author name.',
            source: at('thoth_repository_initialization/utils.py', 80),
          },
          KEBECHET_GIT_EMAIL: {
            form: text(),
            default: 'noreply+kebechet@redhat.com',
            description: 'Commit author e-mail.',
            source: at('thoth_repository_initialization/utils.py', 84),
          },
        },
        writes: [{ path: '/tmp', source: at('thoth_repository_initialization/utils.py', 77) }],
      },
      trigger_integration: {
        description:
          'Parses THOTH_ADVISER_METADATA and writes the integration type and, for Kebechet, the origin URL and git service to /mnt/workdir/source_type, metadata_origin and git_service (Argo output parameters). No database, Ceph or metrics.',
        source: at('app.sh', 33),
        variables: {
          ...IMPORTS_PACKAGE,
          THOTH_ADVISER_METADATA: {
            form: json('object'),
            required: true,
            description:
              'Adviser metadata as a JSON object; json.loads of unset raises TypeError. {} does nothing; a non-empty object must have source_type (KeyError otherwise) and, for KEBECHET, origin (a URL).',
            source: at('thoth/workflow_helpers/configuration.py', 37),
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [
          { path: '/mnt/workdir/source_type', source: at('select_thoth_integration.py', 44) },
          { path: '/mnt/workdir/metadata_origin', source: at('select_thoth_integration.py', 48) },
          { path: '/mnt/workdir/git_service', source: at('select_thoth_integration.py', 51) },
        ],
      },
      update_kebechet_installation: {
        description:
          'Connects to the knowledge graph at import; with a slug, reads .thoth.yaml and the requirements files of the repository through the GitHub App (ogr) in a temporary directory and updates the Kebechet installation records. KEBECHET_SLUG unset or "null" exits 0 after connecting.',
        source: at('app.sh', 35),
        variables: {
          ...IMPORTS_PACKAGE,
          ...THOTH_STORAGES_GRAPH,
          KEBECHET_SLUG: {
            form: pattern('[^/\\s]+/[^/\\s]+|null', 'owner/repository (or null)'),
            description: 'Repository slug owner/repo to update; unset or "null" means nothing to do.',
            source: at('update_keb_installation.py', 36),
          },
          GITHUB_APP_ID: {
            form: text(),
            required: true,
            description:
              'GitHub App id for ogr. Unset means anonymous GitHub calls: private repositories of an installation cannot be read and the anonymous rate limit (60 requests an hour) applies.',
            source: at('update_keb_installation.py', 54),
          },
          GITHUB_PRIVATE_KEY_PATH: {
            form: readPath(),
            required: true,
            description:
              'File holding the GitHub App private key (PEM), read by ogr when a token is needed; with GITHUB_APP_ID set and no key, calls are anonymous.',
            source: at('update_keb_installation.py', 55),
          },
          THAMOS_CONFIG_EXPAND_ENV: {
            form: pythonIntFlag(),
            default: '0',
            description: 'thamos: non-zero expands {VARIABLE} references in the repository .thoth.yaml from the environment.',
            source: 'thoth-station/thamos@v1.29.1:thamos/config.py#L263',
          },
        },
        patterns: [...THOTH_COMMON_LOG_PATTERNS],
        writes: [TMP],
      },
      send_webhooks: {
        description:
          'POSTs document_id and client_data to the callback URL of every JSON file in WEBHOOK_DIR (the mounted callback-<document id> Secret), then deletes that Secret in THOTH_BACKEND_NAMESPACE (a 403 or 404 is only logged). Uses the kubernetes client directly (kube config, else in-cluster); does not import thoth.workflow_helpers (no init_logging, no metrics).',
        source: at('app.sh', 37),
        variables: {
          WEBHOOK_DIR: {
            form: readPath(),
            required: true,
            description:
              'Directory of webhook JSON files (callback_url, Authorization, client_data); os.environ[...], and os.listdir fails if it does not exist.',
            source: at('send_webhooks.py', 45),
          },
          DOCUMENT_ID: {
            form: text(),
            required: true,
            description: 'Id of the analysis: sent to the callbacks and names the Secret callback-<id> to delete; os.environ[...].',
            source: at('send_webhooks.py', 46),
          },
          THOTH_BACKEND_NAMESPACE: {
            form: text(),
            required: true,
            description: 'Namespace of the callback Secret to delete; os.environ[...].',
            source: at('send_webhooks.py', 47),
          },
          KUBECONFIG: {
            form: readPath(),
            description: 'kubernetes client: kube config file tried first (default ~/.kube/config); when it fails the in-cluster service account is used.',
            source: at('send_webhooks.py', 32),
          },
        },
        api: [{ group: '', resources: ['secrets'], verbs: ['delete'], source: at('send_webhooks.py', 66) }],
      },
    },
  },
});
