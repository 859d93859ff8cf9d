import type { Construct } from 'constructs';
import { optional, passThrough, required, STEP_RESOURCES, entryArguments } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { MESSAGES_FILE } from '../workflow-core/index.js';
import { WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { type KebechetContext, kebechetEntryWorkflow, kebechetTemplate } from './context.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { thothEnv } from '../shared/env.js';

const ADMINISTRATOR_PARAMETERS = [
  required('THOTH_PACKAGE_NAME'),
  // Empty for missing-package: every version of the package is gone.
  optional('THOTH_PACKAGE_VERSION', ''),
  required('THOTH_PACKAGE_INDEX'),
  optional('THOTH_SOLVER_NAME', ''),
  required('THOTH_MESSAGE_TYPE'),
];

/**
 * kebechet-administrator: from a package event, a kebechet-run-url trigger message per public
 * repository with Kebechet it affects, with workflow-tasks (`tasksImage`, the namespace's workflow core's).
 */
export function addAdministratorTemplate(scope: Construct, context: KebechetContext, tasksImage: string): TemplateHandle {
  const { env } = context;
  const command = 'kebechet-administrator';
  return kebechetTemplate(scope, context, command).addContainer(command, {
    image: tasksImage,
    args: [command],
    parameters: ADMINISTRATOR_PARAMETERS,
    env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, command).knowledgeGraph().pushgateway().common(),
    outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
    writablePaths: ['/mnt/workdir'],
    resources: STEP_RESOURCES,
  });
}

/** kebechet-administrator-workflow: kebechet-administrator, then its messages sent. */
export function addAdministratorWorkflow(scope: Construct, context: KebechetContext, administrator: TemplateHandle, sendMessages: TemplateHandle): void {
  const admin = kebechetEntryWorkflow(
    scope,
    context,
    'kebechet-administrator-workflow',
    'kebechet-administrator',
    entryArguments(ENTRY_WORKFLOWS['kebechet-administrator'].parameters, [required('WORKFLOW_ID'), ...ADMINISTRATOR_PARAMETERS]),
    {
      secondsAfterSuccess: 10,
      secondsAfterFailure: 120,
    },
  );
  admin.setEntrypoint(
    admin.addDag('main', {
      tasks: [
        { name: 'kebechet-administrator', template: administrator, parameters: passThrough(ADMINISTRATOR_PARAMETERS.map((p) => p.name)) },
        {
          name: 'send-messages',
          template: sendMessages,
          dependencies: ['kebechet-administrator'],
          artifacts: [{ name: 'messagesdocument', from: '{{tasks.kebechet-administrator.outputs.artifacts.messagestobesentdocument}}' }],
        },
      ],
    }),
  );
}
