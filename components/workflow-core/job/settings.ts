/** The tasks' own settings, read through their contract (./contract.ts): a wrong value names its variable. */
import { readSetting } from '../../../src/contracts/settings.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { ConfigError, type Environment } from '../../../src/runtime/environment.js';
import { canonicalName, normalIndexUrl, normalVersion } from '../../../src/runtime/python/package.js';
import { KEBECHET_ADMINISTRATOR_CAUSES, KEBECHET_ADMINISTRATOR_SETTINGS, PARSE_SOLVER_OUTPUT_SETTINGS, SEND_MESSAGES_SETTINGS } from './contract.js';
import { type PackageEvent, solverEnvironment } from './domain/kebechet-administrator.js';

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

/**
 * kebechet-administrator's: a wrong value names its variable, and so does one the event it names
 * needs and does not have.
 */
export interface KebechetAdministratorSettings {
  readonly event: PackageEvent;
  /** The base name of THOTH_MESSAGE_TYPE: the `trigger` label of the metrics, as the reference's. */
  readonly trigger: string;
  readonly messagesFile: string;
}

export function kebechetAdministratorSettings(env: Environment): KebechetAdministratorSettings {
  const trigger = readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_MESSAGE_TYPE');
  // The form admits only these base names.
  const cause = KEBECHET_ADMINISTRATOR_CAUSES.find((each) => MESSAGE_TYPES[each].base === trigger)!;
  const name = canonicalName(readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_PACKAGE_NAME'));
  const version = readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_PACKAGE_VERSION');
  const indexUrl = normalIndexUrl(readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_PACKAGE_INDEX'));
  const solverName = readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_SOLVER_NAME');
  const messagesFile = readSetting(env, KEBECHET_ADMINISTRATOR_SETTINGS, 'THOTH_MESSAGES_FILE');
  const event: PackageEvent = { cause, name, indexUrl, ...(version === undefined ? {} : { version: normalVersion(version) }) };
  if (cause !== 'solved-package') {
    // Any other event concerns a locked version whatever the environment, as the reference's; no
    // version means every version (missing-package has none, which the reference refused).
    return { event, trigger, messagesFile };
  }
  // Unset or empty (the investigator passes an empty parameter), both "not set".
  if (version === undefined) {
    throw new ConfigError('THOTH_PACKAGE_VERSION', undefined, 'the solved release for solved-package (repositories on an older one are told)');
  }
  if (solverName === undefined) {
    throw new ConfigError('THOTH_SOLVER_NAME', undefined, 'the solver for solved-package (repositories running its environment are told)');
  }
  const environment = solverEnvironment(solverName);
  if (environment === undefined) {
    throw new ConfigError(
      'THOTH_SOLVER_NAME',
      solverName,
      'a solver name solver-<os>-<os version>-py<X><Y…> with a Python version of two digits or more (py38, py310)',
    );
  }
  return { event: { ...event, environment }, trigger, messagesFile };
}
