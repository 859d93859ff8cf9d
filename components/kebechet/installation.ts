import type { Construct } from 'constructs';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { type KebechetContext, kebechetTemplate } from './context.js';
import { KEBECHET_SECRET_MOUNT, KEBECHET_SECRETS, withKebechetSecret } from './secret.js';
import { thothEnv } from '../shared/env.js';

/**
 * update-kebechet-installation (workflow-tasks, `tasksImage`): reads a repository's .thoth.yaml and
 * requirements files through Kebechet's GitHub App and records its installation in the graph
 * (docs/quirks.md Q55).
 */
export function addUpdateInstallationTemplate(scope: Construct, context: KebechetContext, tasksImage: string): TemplateHandle {
  const { env } = context;
  const command = 'update-kebechet-installation';
  return withKebechetSecret(
    kebechetTemplate(scope, context, command).addContainer(command, {
      image: tasksImage,
      args: [command],
      parameters: [required('KEBECHET_SLUG')],
      env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, command)
        .secret('GITHUB_APP_ID', 'kebechet', 'github-app-id')
        .literal('GITHUB_PRIVATE_KEY_PATH', `${KEBECHET_SECRETS}/github-private-key`)
        .knowledgeGraph()
        .common(),
      volumeMounts: [KEBECHET_SECRET_MOUNT],
      resources: STEP_RESOURCES,
      retryStrategy: { limit: '5', retryPolicy: 'Always', backoff: { duration: '10s', factor: '2' } },
    }),
  );
}
