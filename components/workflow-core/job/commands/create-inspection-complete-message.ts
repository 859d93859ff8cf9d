/** The create-inspection-complete-message command: the message that makes graph-sync store an Amun inspection's results. */
import { readSetting } from '../../../../src/contracts/settings.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS } from '../contract.js';
import { fileMessage } from '../domain/messages-file.js';
import { writeMessages } from './step-files.js';

/** The reference's component name (thoth-station/workflow-helpers v0.9.16 create_inspection_complete_message.py). */
const COMPONENT = 'workflow_helper.create_inspection_complete_message';

export async function runCreateInspectionCompleteMessage({ env, log }: RunContext): Promise<void> {
  const inspectionId = readSetting(env, CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS, 'THOTH_AMUN_INSPECTION_ID');
  const forceSync = readSetting(env, CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS, 'THOTH_FORCE_SYNC');
  const messagesFile = readSetting(env, CREATE_INSPECTION_COMPLETE_MESSAGE_SETTINGS, 'THOTH_MESSAGES_FILE');
  const sender = { componentName: COMPONENT, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') };
  const message = fileMessage('inspection-completed', {
    component_name: sender.componentName,
    service_version: sender.serviceVersion,
    version: 'v1',
    inspection_id: inspectionId,
    force_sync: forceSync,
  });
  await writeMessages(messagesFile, [message], sender);
  log.info({ inspectionId, forceSync, file: messagesFile }, 'inspection-completed written');
}
