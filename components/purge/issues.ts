import type { Construct } from 'constructs';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { thothImageOf } from '../image-tags.js';
import { type PurgeContext, purgeTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/** create-purge-issues: opens the GitHub issues that follow a purge of a solver environment. */
export function addCreatePurgeIssuesTemplate(scope: Construct, context: PurgeContext): TemplateHandle {
  const { env } = context;
  return purgeTemplate(scope, context, 'create-purge-issues').addContainer('create-purge-issues', {
    image: thothImageOf(env, 'workflow-helpers'),
    parameters: [required('PURGE_OS_NAME'), required('PURGE_OS_VERSION'), required('PURGE_PYTHON_VERSION')],
    // A token, not the GitHub App: with an app id every call is anonymous (docs/quirks.md Q42).
    env: thothEnv(env, WORKFLOW_HELPERS_CONTRACT, 'create_purge_issues')
      .secret('GITHUB_KEBECHET_TOKEN', 'kebechet', 'github-oauth-token')
      .knowledgeGraph()
      .pushgateway()
      .common(),
    resources: STEP_RESOURCES,
  });
}
