/**
 * Everything workflow-tasks reads, declared once: its settings (./settings.ts), its `--help`, the
 * WorkflowTemplates that run its commands and `validate` all read this. One image, one command
 * per task (the README says why).
 */
import { defineContract, readPath, text } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/job-run.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../../src/runtime/program.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';

const SOURCE = 'components/workflow-core/job/contract.ts';

/** Where the steps of a workflow keep the messages they write, as the reference's did (thoth-jobs.md §11). */
export const MESSAGES_FILE = '/mnt/workdir/messages_to_be_sent.json';

export const PARSE_SOLVER_OUTPUT_SETTINGS = {
  THOTH_SOLVER_DOCUMENT_PATH: { form: readPath(), required: true, description: 'the solver document the solve step wrote', source: SOURCE },
  THOTH_SOLVER_NAME: { form: text(), required: true, description: 'the solver that produced it, sent in each solved-package', source: SOURCE },
  THOTH_MESSAGING_COMPONENT_NAME: { form: text(), required: true, description: 'the component the messages are sent in the name of', source: SOURCE },
  THOTH_MESSAGES_FILE: { form: readPath(), default: MESSAGES_FILE, description: 'the messages file the step appends to', source: SOURCE },
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

export const WORKFLOW_TASKS_CONTRACT = defineContract({
  repository: 'workflow-tasks',
  tags: 'built-here',
  source: 'components/workflow-core/job',
  summary: 'the steps of the knowledge-graph loop: a solver result into messages, a messages file onto Kafka',
  entrypoint: PROGRAM_ENTRYPOINT,
  // send-messages sends what its file holds, which may be any type of the catalogue; the other
  // commands write files and send nothing.
  topics: (_read, args) => (args[0] === 'send-messages' ? Object.values(MESSAGE_TYPES) : []),
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_WORKFLOW_TASKS: logLevelSetting() },
  modes: {
    selector: { argument: 0 },
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: {
      'parse-solver-output': {
        description: 'one solved-package message per package the solver installed, and a re-run of each Kebechet advise that waited for them',
        variables: { ...PARSE_SOLVER_OUTPUT_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...S3_SETTINGS, ...PUSHGATEWAY_SETTINGS },
        source: SOURCE,
      },
      'send-messages': {
        description: 'sends a messages file, every message checked before any is sent, once per workflow',
        variables: { ...SEND_MESSAGES_SETTINGS, ...KAFKA_SETTINGS, ...S3_SETTINGS },
        source: SOURCE,
      },
    },
  },
});
