/** The tasks' own settings, read through their contract (./contract.ts): a wrong value names its variable. */
import { readSetting } from '../../../src/contracts/settings.js';
import type { Environment } from '../../../src/runtime/environment.js';
import { PARSE_SOLVER_OUTPUT_SETTINGS, SEND_MESSAGES_SETTINGS } from './contract.js';

export function parseSolverOutputSettings(env: Environment) {
  return {
    documentPath: readSetting(env, PARSE_SOLVER_OUTPUT_SETTINGS, 'THOTH_SOLVER_DOCUMENT_PATH'),
    solverName: readSetting(env, PARSE_SOLVER_OUTPUT_SETTINGS, 'THOTH_SOLVER_NAME'),
    componentName: readSetting(env, PARSE_SOLVER_OUTPUT_SETTINGS, 'THOTH_MESSAGING_COMPONENT_NAME'),
    messagesFile: readSetting(env, PARSE_SOLVER_OUTPUT_SETTINGS, 'THOTH_MESSAGES_FILE'),
  };
}

export function sendMessagesSettings(env: Environment) {
  return {
    messagesFile: readSetting(env, SEND_MESSAGES_SETTINGS, 'THOTH_MESSAGING_FROM_FILE'),
    workflowUid: readSetting(env, SEND_MESSAGES_SETTINGS, 'THOTH_WORKFLOW_UID'),
  };
}
