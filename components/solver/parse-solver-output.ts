import type { Construct } from 'constructs';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { MESSAGES_FILE, WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { OUTPUT, type SolverContext, solverTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * parse-solver-output: turns a solver result into the messages to send, with this repository's
 * workflow-tasks program (components/workflow-core/job/).
 */
export function addParseSolverOutput(scope: Construct, context: SolverContext): TemplateHandle {
  const { env } = context;
  return solverTemplate(scope, context, 'parse-solver-output').addContainer('parse-solver-output', {
    image: context.workflowCore.tasksImage,
    args: ['parse-solver-output'],
    parameters: [required('THOTH_DOCUMENT_ID'), required('THOTH_SOLVER_NAME')],
    env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, 'parse-solver-output')
      .literal('THOTH_SOLVER_DOCUMENT_PATH', OUTPUT)
      // The component the messages are sent in the name of (the reference's).
      .literal('THOTH_MESSAGING_COMPONENT_NAME', 'solver')
      .knowledgeGraph()
      .ceph()
      .pushgateway()
      .common(),
    inputArtifacts: [{ name: 'outputdocument', path: OUTPUT }],
    outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
    writablePaths: ['/mnt/output', '/mnt/workdir'],
    resources: STEP_RESOURCES,
  });
}
