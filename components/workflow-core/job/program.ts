/**
 * The workflow-tasks program: one command per workflow step (./commands/, each with its real
 * adapters). main.ts runs it; tests build it to read its help and run its commands.
 */
import { jobProgram, type ProgramIo } from '../../../src/runtime/program.js';
import { runCreatePurgeIssues } from './commands/create-purge-issues.js';
import { runCreateInspectionCompleteMessage } from './commands/create-inspection-complete-message.js';
import { runDownloadPackage } from './commands/download-package.js';
import { runKebechetAdministrator } from './commands/kebechet-administrator.js';
import { runParseAdviserOutput, runParseProvenanceCheckerOutput } from './commands/parse-unresolved.js';
import { runParseSolverOutput } from './commands/parse-solver-output.js';
import { runSendMessage, runSendMessages } from './commands/send-messages.js';
import { runSendWebhooks } from './commands/send-webhooks.js';
import { runTriggerIntegration } from './commands/trigger-integration.js';
import { runUpdateKebechetInstallation } from './commands/update-kebechet-installation.js';
import { WORKFLOW_TASKS_CONTRACT } from './contract.js';

const MODES = WORKFLOW_TASKS_CONTRACT.modes.variants;

export function workflowTasksProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: 'workflow-tasks',
      description: 'The steps of the knowledge-graph loop that run in Argo workflows; run one with its command.',
      levelVariable: 'THOTH_LOG_WORKFLOW_TASKS',
      contract: WORKFLOW_TASKS_CONTRACT,
      migrations: false,
      commands: [
        { name: 'parse-solver-output', mode: MODES['parse-solver-output'], run: runParseSolverOutput },
        { name: 'parse-adviser-output', mode: MODES['parse-adviser-output'], run: runParseAdviserOutput },
        { name: 'parse-provenance-checker-output', mode: MODES['parse-provenance-checker-output'], run: runParseProvenanceCheckerOutput },
        { name: 'create-inspection-complete-message', mode: MODES['create-inspection-complete-message'], run: runCreateInspectionCompleteMessage },
        { name: 'trigger-integration', mode: MODES['trigger-integration'], run: runTriggerIntegration },
        { name: 'send-webhooks', mode: MODES['send-webhooks'], run: runSendWebhooks },
        { name: 'kebechet-administrator', mode: MODES['kebechet-administrator'], run: runKebechetAdministrator },
        { name: 'download-package', mode: MODES['download-package'], run: runDownloadPackage },
        { name: 'create-purge-issues', mode: MODES['create-purge-issues'], run: runCreatePurgeIssues },
        { name: 'update-kebechet-installation', mode: MODES['update-kebechet-installation'], run: runUpdateKebechetInstallation },
        { name: 'send-messages', mode: MODES['send-messages'], run: runSendMessages },
        { name: 'send-message', mode: MODES['send-message'], run: runSendMessage },
      ],
    },
    undefined,
    io,
  );
}
