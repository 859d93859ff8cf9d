import type { Construct } from 'constructs';
import { entryArguments, optional, required, workflowMetrics } from '../../src/platform/argo/steps.js';
import type { Call, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { type RevsolverContext, revsolverTemplate } from './context.js';

/** The templates revsolver-workflow calls, its own and graph-sync's. */
export interface RevsolverSteps {
  readonly revsolve: TemplateHandle;
  readonly graphSync: TemplateHandle;
}

/** revsolver-workflow, which the investigator submits: revsolve, then sync the result. */
export function addRevsolverWorkflow(scope: Construct, context: RevsolverContext, steps: RevsolverSteps): void {
  const entry = revsolverTemplate(scope, context, 'revsolver-workflow', {
    arguments: entryArguments(ENTRY_WORKFLOWS.revsolver.parameters, [
      required('THOTH_REVSOLVER_WORKFLOW_ID'),
      required('THOTH_REVSOLVER_PACKAGE_NAME'),
      required('THOTH_REVSOLVER_PACKAGE_VERSION'),
      optional('THOTH_LOG_REVSOLVER', 'INFO'),
      optional('THOTH_FORCE_SYNC', '0'),
    ]),
    ttlStrategy: { secondsAfterCompletion: 25 },
    activeDeadlineSeconds: 3600,
    metrics: workflowMetrics('revsolver'),
  });
  entry.setEntrypoint(entry.addDag('main', { tasks: revsolverWorkflowTasks(steps) }));
}

/** revsolve under the workflow's id, then graph-sync of its document. */
function revsolverWorkflowTasks(steps: RevsolverSteps): Call[] {
  return [
    {
      name: 'revsolve',
      template: steps.revsolve,
      parameters: {
        THOTH_REVSOLVER_DOCUMENT_ID: '{{workflow.parameters.THOTH_REVSOLVER_WORKFLOW_ID}}',
        THOTH_REVSOLVER_PACKAGE_NAME: '{{workflow.parameters.THOTH_REVSOLVER_PACKAGE_NAME}}',
        THOTH_REVSOLVER_PACKAGE_VERSION: '{{workflow.parameters.THOTH_REVSOLVER_PACKAGE_VERSION}}',
        THOTH_LOG_REVSOLVER: '{{workflow.parameters.THOTH_LOG_REVSOLVER}}',
      },
    },
    {
      name: 'graph-sync-revsolver',
      template: steps.graphSync,
      dependencies: ['revsolve'],
      parameters: {
        THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_REVSOLVER_WORKFLOW_ID}}',
        THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}',
      },
      artifacts: [{ name: 'outputdocument', from: '{{tasks.revsolve.outputs.artifacts.outputdocument}}' }],
    },
  ];
}
