import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { PURGE_JOB_CONTRACT } from '../contracts/images/purge-job.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { ANY_MODE } from '../../src/platform/env.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { purgeAlerts } from './alerts.js';
import { thothImageOf } from '../image-tags.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

export interface PurgeProps {
  readonly env: Environment;
}

/**
 * The purge's parameters, named as the program reads them (docs/quirks.md Q41): only the subcommand
 * keeps its `_JOB_`, which is how app.sh reads it. An empty filter means none.
 */
const PURGE_PARAMETERS = [
  required('THOTH_PURGE_JOB_SUBCOMMAND', 'adviser, package-extract or solver'),
  optional('THOTH_PURGE_OPERATING_SYSTEM_NAME', ''),
  optional('THOTH_PURGE_OPERATING_SYSTEM_VERSION', ''),
  optional('THOTH_PURGE_PYTHON_VERSION', ''),
  optional('THOTH_PURGE_DEBUG', '0'),
  optional('THOTH_PURGE_PACKAGE_EXTRACT_VERSION', ''),
  optional('THOTH_PURGE_PACKAGE_EXTRACT_END_DATETIME', ''),
  optional('THOTH_PURGE_ADVISER_VERSION', ''),
  optional('THOTH_PURGE_ADVISER_END_DATETIME', ''),
];

/**
 * Purge workflows (backend): purge (template purge-job, 3 retries) deletes data of a retired
 * solver, analyser or adviser version from the knowledge graph and S3; create-purge-issues opens
 * the follow-up GitHub issues; purge-workflow (docs/quirks.md Q1) runs one then the other.
 * Defaults: images purge-job:v0.1.0, workflow-helpers:v0.9.15.
 */
export class Purge extends Construct {
  constructor(scope: Construct, id: string, props: PurgeProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.purge;
    new AlertRules(this, 'Alerts', { env, component: 'purge', namespace: namespaceOf(env, 'infra'), alerts: purgeAlerts(env) });
    const purge = new WorkflowTemplate(this, 'purge', {
      env,
      name: 'purge',
      namespace,
      component: 'purge',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('purge-job', {
      image: thothImageOf(env, 'purge-job', settings),
      parameters: PURGE_PARAMETERS,
      env: Env.for(env, PURGE_JOB_CONTRACT, ANY_MODE).ceph().knowledgeGraph().pushgateway().common().overrides(settings?.env),
      resources: STEP_RESOURCES,
      retryStrategy: { limit: '3', retryPolicy: 'Always', backoff: { duration: '30s', factor: '2' } },
    });
    const issueParameters = [required('PURGE_OS_NAME'), required('PURGE_OS_VERSION'), required('PURGE_PYTHON_VERSION')];
    const issues = new WorkflowTemplate(this, 'create-purge-issues', {
      env,
      name: 'create-purge-issues',
      namespace,
      component: 'purge',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('create-purge-issues', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: issueParameters,
      // A token, not the GitHub App: with an app id every call is anonymous (docs/quirks.md Q42).
      env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'create_purge_issues')
        .secret('GITHUB_KEBECHET_TOKEN', 'kebechet', 'github-oauth-token')
        .knowledgeGraph()
        .pushgateway()
        .common(),
      resources: STEP_RESOURCES,
    });
    const entry = new WorkflowTemplate(this, 'purge-workflow', {
      env,
      name: 'purge-workflow',
      namespace,
      component: 'purge',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: entryArguments(ENTRY_WORKFLOWS.purge.parameters, [required('THOTH_PURGE_WORKFLOW_ID'), ...PURGE_PARAMETERS]),
      ttlStrategy: { secondsAfterCompletion: 7200 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('purge'),
    });
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [
          { name: 'purge', template: purge, parameters: passThrough(PURGE_PARAMETERS.map((p) => p.name)) },
          {
            name: 'create-issues',
            template: issues,
            dependencies: ['purge'],
            parameters: {
              PURGE_OS_NAME: '{{workflow.parameters.THOTH_PURGE_OPERATING_SYSTEM_NAME}}',
              PURGE_OS_VERSION: '{{workflow.parameters.THOTH_PURGE_OPERATING_SYSTEM_VERSION}}',
              PURGE_PYTHON_VERSION: '{{workflow.parameters.THOTH_PURGE_PYTHON_VERSION}}',
            },
          },
        ],
      }),
    );
  }
}
