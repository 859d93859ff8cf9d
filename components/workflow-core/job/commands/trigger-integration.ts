/** The trigger-integration command: the advise's integration written as the step's output parameters. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readSetting } from '../../../../src/contracts/settings.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { TRIGGER_INTEGRATION_SETTINGS } from '../contract.js';
import { readIntegration } from '../domain/integration.js';
import { replaceFile } from '../infrastructure/messages-file-store.js';

export async function runTriggerIntegration({ env, log }: RunContext): Promise<void> {
  const metadata = readSetting(env, TRIGGER_INTEGRATION_SETTINGS, 'THOTH_ADVISER_METADATA');
  const outputDir = readSetting(env, TRIGGER_INTEGRATION_SETTINGS, 'THOTH_INTEGRATION_OUTPUT_DIR');
  const { integration, problems } = readIntegration(metadata);
  for (const problem of problems) log.warn({ problem }, 'adviser metadata not used');
  await mkdir(outputDir, { recursive: true });
  // Every parameter written, empty when the advise has none: the workflow reads all three.
  await replaceFile(path.join(outputDir, 'source_type'), integration.sourceType);
  await replaceFile(path.join(outputDir, 'metadata_origin'), integration.origin);
  await replaceFile(path.join(outputDir, 'git_service'), integration.gitService);
  log.info({ ...integration }, 'integration written');
}
