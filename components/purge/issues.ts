import type { Construct } from 'constructs';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { type PurgeContext, purgeTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * create-purge-issues: opens the GitHub issues that follow a purge of a solver environment, with
 * workflow-tasks (`tasksImage`, the namespace's workflow core's).
 */
export function addCreatePurgeIssuesTemplate(scope: Construct, context: PurgeContext, tasksImage: string): TemplateHandle {
  const { env } = context;
  const command = 'create-purge-issues';
  return purgeTemplate(scope, context, command).addContainer(command, {
    image: tasksImage,
    args: [command],
    parameters: [required('PURGE_OS_NAME'), required('PURGE_OS_VERSION'), required('PURGE_PYTHON_VERSION')],
    // Kebechet's token, as the reference's (docs/quirks.md Q42).
    env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, command)
      .secret('GITHUB_KEBECHET_TOKEN', 'kebechet', 'github-oauth-token')
      .knowledgeGraph()
      .pushgateway()
      .common(),
    resources: STEP_RESOURCES,
  });
}
