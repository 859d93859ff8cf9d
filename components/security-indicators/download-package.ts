import type { Construct } from 'constructs';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { thothImageOf } from '../image-tags.js';
import { DOWNLOAD_MESSAGE, PACKAGE_MOUNT, type SecurityIndicatorsContext, securityIndicatorsTemplate, WORKDIR } from './context.js';
import { thothEnv } from '../shared/env.js';

/** download-package: fetches the release onto the package volume, or leaves a message that it has none. */
export function addDownloadPackage(scope: Construct, context: SecurityIndicatorsContext): TemplateHandle {
  return securityIndicatorsTemplate(scope, context, 'download-package').addContainer('download-package', {
    image: thothImageOf(context.env, 'workflow-helpers'),
    parameters: [required('THOTH_PACKAGE_NAME'), required('THOTH_PACKAGE_VERSION'), required('THOTH_PACKAGE_INDEX')],
    env: thothEnv(context.env, WORKFLOW_HELPERS_CONTRACT, 'download_package').common(),
    outputParameters: [{ name: 'failed_status', valueFrom: { path: `${WORKDIR}/failed_status`, default: '1' } }],
    outputArtifacts: [{ name: 'messagestobesentdocument', path: DOWNLOAD_MESSAGE, optional: true }],
    resources: STEP_RESOURCES,
    ...PACKAGE_MOUNT,
  });
}
