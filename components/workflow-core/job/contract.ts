/**
 * Everything workflow-tasks reads, declared once: its settings (./settings.ts), its `--help`, the
 * WorkflowTemplates that run its commands and `validate` all read this. One image, one command
 * per task (the README says why).
 */
import { defineContract, integer, json, oneOf, pattern, pythonIntFlag, readPath, text, url, writePath } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KUBERNETES_SETTINGS } from '../../../src/runtime/kubernetes/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { GITHUB_APP_SETTINGS, GITHUB_KEBECHET_SETTINGS } from '../../../src/runtime/github/settings.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';

const SOURCE = 'components/workflow-core/job/contract.ts';

/** Where the steps of a workflow keep the messages they write, as the reference's did (thoth-jobs.md §11). */
export const MESSAGES_FILE = '/mnt/workdir/messages_to_be_sent.json';

/** Where a task that writes messages pushes how many it wrote (job `workflow-helpers`, as the reference's). */
export const TASK_METRICS_SETTINGS = {
  ...PUSHGATEWAY_SETTINGS,
  THOTH_DEPLOYMENT_NAME: { form: text(), required: true, description: 'the deployment, the `env` label of the metrics pushed', source: SOURCE },
} as const;

const MESSAGES_FILE_SETTING = { form: readPath(), default: MESSAGES_FILE, description: 'the messages file the step appends to', source: SOURCE } as const;

export const PARSE_SOLVER_OUTPUT_SETTINGS = {
  THOTH_SOLVER_DOCUMENT_PATH: { form: readPath(), required: true, description: 'the solver document the solve step wrote', source: SOURCE },
  THOTH_SOLVER_NAME: { form: text(), required: true, description: 'the solver that produced it, sent in each solved-package', source: SOURCE },
  THOTH_MESSAGING_COMPONENT_NAME: { form: text(), required: true, description: 'the component the messages are sent in the name of', source: SOURCE },
  THOTH_MESSAGES_FILE: MESSAGES_FILE_SETTING,
} as const;

export const PARSE_ADVISER_OUTPUT_SETTINGS = {
  THOTH_ADVISER_DOCUMENT_PATH: { form: readPath(), required: true, description: 'the adviser document the advise step wrote', source: SOURCE },
  THOTH_MESSAGES_FILE: MESSAGES_FILE_SETTING,
} as const;

export const PARSE_PROVENANCE_CHECKER_OUTPUT_SETTINGS = {
  THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH: { form: readPath(), required: true, description: 'the document the provenance-check step wrote', source: SOURCE },
  THOTH_MESSAGES_FILE: MESSAGES_FILE_SETTING,
} as const;

export const CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS = {
  THOTH_AMUN_INSPECTION_ID: { form: text(), required: true, description: 'the Amun inspection whose results are ready', source: SOURCE },
  THOTH_FORCE_SYNC: { form: pythonIntFlag(), default: '0', description: 'whether graph-sync stores the results again when it has them', source: SOURCE },
  THOTH_MESSAGES_FILE: MESSAGES_FILE_SETTING,
} as const;

/** The package events kebechet-administrator answers, by the base name the investigator passes. */
export const KEBECHET_ADMINISTRATOR_CAUSES = ['solved-package', 'hash-mismatch', 'missing-package', 'missing-version', 'cve-provided'] as const;

export const KEBECHET_ADMINISTRATOR_SETTINGS = {
  THOTH_MESSAGE_TYPE: {
    form: oneOf(KEBECHET_ADMINISTRATOR_CAUSES.map((type) => MESSAGE_TYPES[type].base)),
    required: true,
    description: 'the message the investigator received (its base name)',
    source: SOURCE,
  },
  THOTH_PACKAGE_NAME: { form: text(), required: true, description: 'the package the message is about', source: SOURCE },
  THOTH_PACKAGE_VERSION: { form: text(), description: 'its version (none for missing-package: every version is gone)', source: SOURCE },
  THOTH_PACKAGE_INDEX: { form: url('http', 'https'), required: true, description: 'the index the package is on', source: SOURCE },
  THOTH_SOLVER_NAME: {
    form: pattern('^solver-[^-]+-[^-]+-py[0-9]{2,}$', 'a solver name, solver-<os>-<os version>-py<python version> (py38, py310)'),
    description: 'for solved-package, the solver whose environment the repositories must run',
    source: SOURCE,
  },
  THOTH_MESSAGES_FILE: MESSAGES_FILE_SETTING,
} as const;

export const SEND_MESSAGES_SETTINGS = {
  THOTH_MESSAGING_FROM_FILE: {
    form: readPath(),
    default: MESSAGES_FILE,
    description: 'the messages file to send (the reference CLI’s variable)',
    source: SOURCE,
  },
  THOTH_WORKFLOW_UID: {
    form: text(),
    description: 'the workflow the step runs in ({{workflow.uid}}): with it, a file the workflow already sent is not sent again',
    source: SOURCE,
  },
} as const;

export const SEND_MESSAGE_SETTINGS = {
  THOTH_MESSAGING_TOPIC_NAME: {
    form: oneOf(Object.values(MESSAGE_TYPES).map((type) => type.base)),
    required: true,
    description: 'the base name of the message’s type (the reference CLI’s variable)',
    source: SOURCE,
  },
  THOTH_MESSAGING_MESSAGE_CONTENTS: { form: json('object'), required: true, description: 'the message, as a JSON object', source: SOURCE },
  THOTH_WORKFLOW_UID: SEND_MESSAGES_SETTINGS.THOTH_WORKFLOW_UID,
} as const;

export const TRIGGER_INTEGRATION_SETTINGS = {
  THOTH_ADVISER_METADATA: {
    form: json(),
    default: '{}',
    description: 'the advise request’s metadata: its source_type and, from Kebechet, its origin',
    source: SOURCE,
  },
  THOTH_INTEGRATION_OUTPUT_DIR: {
    form: writePath(),
    default: '/mnt/workdir',
    description: 'where the step writes source_type, metadata_origin and git_service, its output parameters',
    source: SOURCE,
  },
} as const;

export const SEND_WEBHOOKS_SETTINGS = {
  WEBHOOK_DIR: { form: readPath(), required: true, description: 'the callback Secret’s files, one webhook each (the reference’s variable)', source: SOURCE },
  DOCUMENT_ID: { form: text(), required: true, description: 'the analysis: sent to each webhook, and names its Secret callback-<id>', source: SOURCE },
  THOTH_BACKEND_NAMESPACE: { form: text(), required: true, description: 'where the user API keeps the callback Secret', source: SOURCE },
  THOTH_WEBHOOK_TIMEOUT_SECONDS: { form: integer({ min: 1, max: 300 }), default: '30', description: 'how long one call of a webhook may take', source: SOURCE },
  THOTH_WEBHOOK_ATTEMPTS: {
    form: integer({ min: 1, max: 10 }),
    default: '3',
    description: 'calls of a webhook that fails with a network error, 429 or 5xx before it counts as failed',
    source: SOURCE,
  },
} as const;

/** Where download-package works: the workflow's package volume (the analysers read `<workdir>/package`). */
export const DOWNLOAD_WORKDIR = '/mnt/workdir';

/** What download-package leaves in its work directory, by name: the manifest reads the same names. */
export const DOWNLOAD_OUTPUTS = {
  /** The extracted sdist, for the analysers. */
  package: 'package',
  /** 0 or 1: the step's output parameter failed_status. */
  failedStatus: 'failed_status',
  /** The messages file when there is no sdist, for send-messages. */
  message: 'message',
} as const;

export const DOWNLOAD_PACKAGE_SETTINGS = {
  THOTH_PACKAGE_NAME: { form: text(), required: true, description: 'the package to analyse', source: SOURCE },
  THOTH_PACKAGE_VERSION: { form: text(), required: true, description: 'its version (matched by PEP 440: 1.0 is 1.0.0)', source: SOURCE },
  THOTH_PACKAGE_INDEX: { form: url('http', 'https'), required: true, description: 'the Simple API (PEP 503) of the index it is on', source: SOURCE },
  THOTH_DOWNLOAD_WORKDIR: {
    form: writePath(),
    default: DOWNLOAD_WORKDIR,
    description:
      'where the step writes package/ (the extracted sdist), failed_status (0 or 1, its output parameter) and message (the messages file when there is no sdist)',
    source: SOURCE,
  },
  THOTH_DOWNLOAD_MAX_ARCHIVE_MB: { form: integer({ min: 1, max: 4096 }), default: '256', description: 'the largest sdist the step downloads', source: SOURCE },
  THOTH_DOWNLOAD_MAX_EXTRACTED_MB: {
    form: integer({ min: 1, max: 16384 }),
    default: '1280',
    description: 'the most file contents an sdist may extract to (the volume is 2Gi)',
    source: SOURCE,
  },
  THOTH_DOWNLOAD_MAX_ENTRIES: {
    form: integer({ min: 1, max: 10_000_000 }),
    default: '200000',
    description: 'the most entries an sdist may hold',
    source: SOURCE,
  },
  THOTH_DOWNLOAD_TIMEOUT_SECONDS: { form: integer({ min: 1, max: 3600 }), default: '600', description: 'how long the download may take', source: SOURCE },
} as const;

/** The environment purge removed from the graph, as purge-job's variables say it (Q42). */
export const CREATE_PURGE_ISSUES_SETTINGS = {
  PURGE_OS_NAME: { form: text(), required: true, description: 'the operating system of the purged environment (rhel, fedora)', source: SOURCE },
  PURGE_OS_VERSION: { form: text(), required: true, description: 'its version (8, 35)', source: SOURCE },
  PURGE_PYTHON_VERSION: {
    form: pattern('^[0-9]+\\.[0-9]+$', 'a Python version, major.minor (3.8)'),
    required: true,
    description: 'its Python version',
    source: SOURCE,
  },
} as const;

/** The repository whose Kebechet installation update-kebechet-installation refreshes, as the webhook workflows pass it. */
export const UPDATE_KEBECHET_INSTALLATION_SETTINGS = {
  KEBECHET_SLUG: {
    form: pattern('^(null|[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+)$', 'a repository, owner/name, or "null" for none'),
    description: 'the repository (owner/name) whose Kebechet installation to update; unset, empty or "null": nothing to do',
    source: SOURCE,
  },
} as const;

export const WORKFLOW_TASKS_CONTRACT = defineContract({
  repository: 'workflow-tasks',
  tags: 'built-here',
  source: 'components/workflow-core/job',
  summary: 'the steps of the knowledge-graph loop: a solver result into messages, a messages file onto Kafka',
  entrypoint: PROGRAM_ENTRYPOINT,
  // send-messages sends what its file holds, which may be any type of the catalogue; the other
  // commands write files and send nothing.
  topics: (_read, args) => (args[0] === 'send-messages' || args[0] === 'send-message' ? Object.values(MESSAGE_TYPES) : []),
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_WORKFLOW_TASKS: logLevelSetting() },
  modes: {
    selector: { argument: 0 },
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: {
      'parse-solver-output': {
        description: 'one solved-package message per package the solver installed, and a re-run of each Kebechet advise that waited for them',
        variables: { ...PARSE_SOLVER_OUTPUT_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...S3_SETTINGS, ...TASK_METRICS_SETTINGS },
        source: SOURCE,
      },
      'parse-adviser-output': {
        description: 'one unresolved-package message per direct dependency the adviser could not resolve, for the solver of its runtime environment',
        variables: { ...PARSE_ADVISER_OUTPUT_SETTINGS, ...TASK_METRICS_SETTINGS },
        source: SOURCE,
      },
      'parse-provenance-checker-output': {
        description: 'one unresolved-package message per locked package the provenance checker found on no index',
        variables: { ...PARSE_PROVENANCE_CHECKER_OUTPUT_SETTINGS, ...TASK_METRICS_SETTINGS },
        source: SOURCE,
      },
      'create-inspection-complete-message': {
        description: 'the inspection-completed message of an Amun inspection',
        variables: CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS,
        source: SOURCE,
      },
      'trigger-integration': {
        description: 'where an advise came from, as output parameters: its source type and, from Kebechet, its origin and git service',
        variables: TRIGGER_INTEGRATION_SETTINGS,
        source: SOURCE,
      },
      'send-webhooks': {
        description: 'calls the webhooks the user API kept for an analysis with its id, then deletes their Secret',
        variables: { ...SEND_WEBHOOKS_SETTINGS, ...KUBERNETES_SETTINGS },
        api: [{ group: '', resources: ['secrets'], verbs: ['delete'], source: SOURCE }],
        source: SOURCE,
      },
      'kebechet-administrator': {
        description: 'one kebechet-run-url-trigger per public repository with Kebechet whose locked stack a package event concerns',
        variables: { ...KEBECHET_ADMINISTRATOR_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...TASK_METRICS_SETTINGS },
        source: SOURCE,
      },
      'download-package': {
        description:
          'the sdist of a version from its index, checked against the index’s hashes and extracted under bounds for the analysers; or the message that the version has none',
        variables: DOWNLOAD_PACKAGE_SETTINGS,
        source: SOURCE,
      },
      'create-purge-issues': {
        description: 'one GitHub issue per repository with Kebechet whose runtime environment purge removed from the graph, none twice',
        variables: { ...CREATE_PURGE_ISSUES_SETTINGS, ...GITHUB_KEBECHET_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...TASK_METRICS_SETTINGS },
        source: SOURCE,
      },
      'update-kebechet-installation': {
        description:
          'the Kebechet installation of a repository, one per runtime environment of its .thoth.yaml, with its requirements and lock files, written into the graph',
        variables: { ...UPDATE_KEBECHET_INSTALLATION_SETTINGS, ...GITHUB_APP_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS },
        source: SOURCE,
      },
      'send-messages': {
        description: 'sends a messages file, every message checked before any is sent, once per workflow',
        variables: { ...SEND_MESSAGES_SETTINGS, ...KAFKA_SETTINGS, ...S3_SETTINGS },
        source: SOURCE,
      },
      'send-message': {
        description: 'sends one message given in the environment, checked, once per workflow',
        variables: { ...SEND_MESSAGE_SETTINGS, ...KAFKA_SETTINGS, ...S3_SETTINGS },
        source: SOURCE,
      },
    },
  },
});
