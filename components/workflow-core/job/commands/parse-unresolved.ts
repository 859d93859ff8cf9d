/**
 * The parse-adviser-output and parse-provenance-checker-output commands: the packages a document
 * says were not found, as unresolved-package messages in the messages file.
 */
import { readSetting } from '../../../../src/contracts/settings.js';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import type { Logger } from '../../../../src/runtime/log.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { unresolvedPackageMessages } from '../application/unresolved-messages.js';
import { PARSE_ADVISER_OUTPUT_SETTINGS, PARSE_PROVENANCE_CHECKER_OUTPUT_SETTINGS } from '../contract.js';
import { readAdviserUnresolved, readProvenanceUnresolved, type UnresolvedPackage } from '../domain/unresolved-packages.js';
import { metricsSettings, pushMessageCounts } from './metrics.js';
import { readJsonDocument, writeMessages } from './step-files.js';

export async function runParseAdviserOutput({ env, log }: RunContext): Promise<void> {
  const documentPath = readSetting(env, PARSE_ADVISER_OUTPUT_SETTINGS, 'THOTH_ADVISER_DOCUMENT_PATH');
  const messagesFile = readSetting(env, PARSE_ADVISER_OUTPUT_SETTINGS, 'THOTH_MESSAGES_FILE');
  const read = readAdviserUnresolved(documentPath, await readJsonDocument(documentPath, 'THOTH_ADVISER_DOCUMENT_PATH'));
  for (const { name, reason } of read.skipped) log.warn({ package: name, reason }, 'unresolved package not asked for');
  // The reference's component: the adviser's dashboards count its messages under this name.
  await writeUnresolved({ env, log }, 'adviser', messagesFile, read.packages, read.solver);
}

export async function runParseProvenanceCheckerOutput({ env, log }: RunContext): Promise<void> {
  const documentPath = readSetting(env, PARSE_PROVENANCE_CHECKER_OUTPUT_SETTINGS, 'THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH');
  const messagesFile = readSetting(env, PARSE_PROVENANCE_CHECKER_OUTPUT_SETTINGS, 'THOTH_MESSAGES_FILE');
  const packages = readProvenanceUnresolved(documentPath, await readJsonDocument(documentPath, 'THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH'));
  // No solver: the package is on no index the lock names, so every solver is asked.
  await writeUnresolved({ env, log }, 'provenance-checker', messagesFile, packages, undefined);
}

async function writeUnresolved(
  { env, log }: Pick<RunContext, 'env' | 'log'>,
  componentName: string,
  messagesFile: string,
  packages: readonly UnresolvedPackage[],
  solver: string | undefined,
): Promise<void> {
  const metrics = metricsSettings(env);
  const sender = { componentName, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') };
  const messages = unresolvedPackageMessages(packages, solver, sender);
  // An empty list is written too: the step's output artifact exists, and send-messages sends nothing.
  await writeMessages(messagesFile, messages, sender);
  logWritten(log, messages.length, solver, messagesFile);
  await pushMessageCounts(metrics, sender, [{ type: MESSAGE_TYPES['unresolved-package'].base, count: messages.length }], log);
}

function logWritten(log: Logger, count: number, solver: string | undefined, file: string): void {
  if (count === 0) log.info({ file }, 'no unresolved packages to ask for');
  else log.info({ unresolvedPackages: count, solver: solver ?? 'every solver', file }, 'unresolved packages written');
}
