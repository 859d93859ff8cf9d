import type { Construct } from 'constructs';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { thothImageOf } from '../image-tags.js';
import { type KebechetContext, kebechetTemplate } from './context.js';
import { KEBECHET_SECRET_MOUNT, KEBECHET_SECRETS, withKebechetSecret } from './secret.js';
import { thothEnv } from '../shared/env.js';

/** update-kebechet-installation: reads a repository's .thoth.yaml through the GitHub App and updates its Kebechet installation records. */
export function addUpdateInstallationTemplate(scope: Construct, context: KebechetContext): TemplateHandle {
  const { env } = context;
  return withKebechetSecret(
    kebechetTemplate(scope, context, 'update-kebechet-installation').addContainer('update-kebechet-installation', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: [required('KEBECHET_SLUG')],
      env: thothEnv(env, WORKFLOW_HELPERS_CONTRACT, 'update_kebechet_installation')
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
