import type { Construct } from 'constructs';
import { required, STEP_RESOURCES, taskMetrics } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { KEBECHET_SECRET_MOUNT, KEBECHET_SSH_WAIVER, kebechetEnv, withKebechetSecret } from '../kebechet/index.js';
import { type AdviserContext, adviserTemplate } from './context.js';

/**
 * kebechet-run-results: Kebechet reports an advise's results on the repository that asked for it.
 * Run only for advises Kebechet asked for, whose metadata carries kebechet_metadata (required by run-results).
 */
export function addKebechetRunResults(scope: Construct, context: AdviserContext): TemplateHandle {
  const { env } = context;
  return withKebechetSecret(
    adviserTemplate(scope, context, 'kebechet-run-results', { annotations: KEBECHET_SSH_WAIVER }).addContainer('schedule-kebechet', {
      image: context.kebechetImage,
      parameters: [
        required('WORKFLOW_NAME'),
        required('THOTH_DOCUMENT_ID'),
        required('THOTH_ADVISER_METADATA'),
        required('metadata_origin'),
        required('git_service'),
      ],
      env: kebechetEnv(env, 'run-results')
        .literal('KEBECHET_ANALYSIS_ID', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')
        .literal('KEBECHET_REPO_URL', '{{inputs.parameters.metadata_origin}}')
        .literal('KEBECHET_SERVICE_NAME', '{{inputs.parameters.git_service}}'),
      volumeMounts: [KEBECHET_SECRET_MOUNT],
      resources: STEP_RESOURCES,
      metrics: taskMetrics('kebechet-run-results'),
    }),
  );
}
