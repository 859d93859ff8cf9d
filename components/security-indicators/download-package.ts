import type { Construct } from 'constructs';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { DOWNLOAD_OUTPUTS, WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { DOWNLOAD_MESSAGE, PACKAGE_MOUNT, type SecurityIndicatorsContext, securityIndicatorsTemplate, WORKDIR } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * download-package (workflow-tasks, `tasksImage`): fetches the release's sdist onto the package
 * volume, or leaves the message that it has none.
 */
export function addDownloadPackage(scope: Construct, context: SecurityIndicatorsContext, tasksImage: string): TemplateHandle {
  const command = 'download-package';
  return securityIndicatorsTemplate(scope, context, command).addContainer(command, {
    image: tasksImage,
    args: [command],
    parameters: [required('THOTH_PACKAGE_NAME'), required('THOTH_PACKAGE_VERSION'), required('THOTH_PACKAGE_INDEX')],
    env: thothEnv(context.env, WORKFLOW_TASKS_CONTRACT, command).literal('THOTH_DOWNLOAD_WORKDIR', WORKDIR).common(),
    outputParameters: [{ name: 'failed_status', valueFrom: { path: `${WORKDIR}/${DOWNLOAD_OUTPUTS.failedStatus}`, default: '1' } }],
    outputArtifacts: [{ name: 'messagestobesentdocument', path: DOWNLOAD_MESSAGE, optional: true }],
    resources: STEP_RESOURCES,
    ...PACKAGE_MOUNT,
  });
}
