import type { Construct } from 'constructs';
import { entryArguments, passThrough, required, workflowMetrics } from '../../src/platform/argo/steps.js';
import type { Call, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { type PurgeContext, purgeTemplate } from './context.js';
import { PURGE_PARAMETERS } from './purge-job.js';

/** The templates purge-workflow calls. */
export interface PurgeSteps {
  readonly purge: TemplateHandle;
  readonly createIssues: TemplateHandle;
}

/** purge-workflow (docs/quirks.md Q1): purge, then open the follow-up issues. */
export function addPurgeWorkflow(scope: Construct, context: PurgeContext, steps: PurgeSteps): void {
  const entry = purgeTemplate(scope, context, 'purge-workflow', {
    arguments: entryArguments(ENTRY_WORKFLOWS.purge.parameters, [required('THOTH_PURGE_WORKFLOW_ID'), ...PURGE_PARAMETERS]),
    ttlStrategy: { secondsAfterCompletion: 7200 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('purge'),
  });
  entry.setEntrypoint(entry.addDag('main', { tasks: purgeWorkflowTasks(steps) }));
}

/** purge with the workflow's parameters, then create-issues for the purged environment. */
function purgeWorkflowTasks(steps: PurgeSteps): Call[] {
  return [
    { name: 'purge', template: steps.purge, parameters: passThrough(PURGE_PARAMETERS.map((p) => p.name)) },
    {
      name: 'create-issues',
      template: steps.createIssues,
      dependencies: ['purge'],
      parameters: {
        PURGE_OS_NAME: '{{workflow.parameters.THOTH_PURGE_OPERATING_SYSTEM_NAME}}',
        PURGE_OS_VERSION: '{{workflow.parameters.THOTH_PURGE_OPERATING_SYSTEM_VERSION}}',
        PURGE_PYTHON_VERSION: '{{workflow.parameters.THOTH_PURGE_PYTHON_VERSION}}',
      },
    },
  ];
}
