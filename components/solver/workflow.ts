import type { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { optional, passThrough, required, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { type Call, type TemplateHandle, WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { OUTPUT, type SolverContext } from './context.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

/** The templates the entry workflow calls, its own and those of graph-sync and workflow-core. */
export interface SolverSteps {
  readonly solve: TemplateHandle;
  readonly solveRes: TemplateHandle;
  readonly parse: TemplateHandle;
  readonly graphSync: TemplateHandle;
  readonly sendMessages: TemplateHandle;
}

/** solver-workflow: the entry, with the parameters a scheduler passes, running the main DAG. */
export function addSolverWorkflow(scope: Construct, { env, namespace }: SolverContext, steps: SolverSteps): WorkflowTemplate {
  const entry = new WorkflowTemplate(scope, 'solver-workflow', {
    env,
    name: 'solver-workflow',
    namespace,
    component: 'solver',
    serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    arguments: entryArguments(ENTRY_WORKFLOWS.solver.parameters, [
      required('THOTH_SOLVER_WORKFLOW_ID'),
      { name: 'THOTH_SOLVER_NAME', enum: env.solvers },
      required('THOTH_SOLVER_PACKAGES'),
      required('THOTH_SOLVER_NO_TRANSITIVE'),
      optional('THOTH_SOLVER_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_SOLVER_DEPENDENCY_INDEXES', 'https://pypi.org/simple'),
      optional('THOTH_FORCE_SYNC', '0'),
      optional('THOTH_LOG_SOLVER', 'INFO'),
    ]),
    ttlStrategy: { secondsAfterCompletion: 25 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('solver'),
  });
  return entry.setEntrypoint(entry.addDag('main', { tasks: mainTasks(env, steps) }));
}

/** Solve (or retry with the direct dependencies), sync the result, parse it into messages and send them. */
function mainTasks(env: Environment, steps: SolverSteps): Call[] {
  const solveArguments = {
    ...passThrough([
      'THOTH_SOLVER_NAME',
      'THOTH_SOLVER_PACKAGES',
      'THOTH_SOLVER_NO_TRANSITIVE',
      'THOTH_SOLVER_INDEXES',
      'THOTH_SOLVER_DEPENDENCY_INDEXES',
      'THOTH_LOG_SOLVER',
    ]),
    THOTH_SOLVER_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}',
  };
  // Both solve templates write the result to the same S3 key; the steps after them read it from there.
  const result = [documentArtifact(env, 'outputdocument', OUTPUT, 'solver', '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}')];
  return [
    { name: 'solverany', template: steps.solve, parameters: solveArguments },
    // When the full resolution fails, resolve the direct dependencies only.
    { name: 'solverany-res', template: steps.solveRes, depends: 'solverany.Failed', parameters: solveArguments },
    {
      name: 'graph-sync-solverany',
      template: steps.graphSync,
      depends: 'solverany.Succeeded || solverany-res.Succeeded',
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
      artifacts: result,
    },
    {
      name: 'parse-solver-output',
      template: steps.parse,
      depends: 'graph-sync-solverany.Succeeded',
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_SOLVER_WORKFLOW_ID}}', THOTH_SOLVER_NAME: '{{workflow.parameters.THOTH_SOLVER_NAME}}' },
      artifacts: result,
    },
    {
      name: 'send-messages',
      template: steps.sendMessages,
      depends: 'parse-solver-output.Succeeded',
      artifacts: [{ name: 'messagesdocument', from: '{{tasks.parse-solver-output.outputs.artifacts.messagestobesentdocument}}' }],
    },
  ];
}
