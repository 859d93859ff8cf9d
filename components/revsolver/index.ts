import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, required, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { REVSOLVER_CONTRACT } from '../contracts/images/revsolver.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

export interface RevsolverProps {
  readonly env: Environment;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

const OUTPUT = '/mnt/output/document.json';

/**
 * Reverse-solver workflows (middletier): revsolve finds the packages that depend on a new release
 * (2 retries); revsolver-workflow (docs/quirks.md Q1) syncs the result. Its account may only report
 * the step's results and read its namespace's `solvers` ConfigMap, which the program lists the
 * solvers from through the API (THOTH_INFRA_NAMESPACE names the namespace it reads;
 * docs/quirks.md Q43).
 * Defaults: image revsolver:v0.2.13.
 */
export class Revsolver extends Construct {
  constructor(scope: Construct, id: string, props: RevsolverProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components.revsolver;
    const { graphSync } = props;
    const parameters = [
      required('THOTH_REVSOLVER_DOCUMENT_ID'),
      required('THOTH_REVSOLVER_PACKAGE_NAME'),
      required('THOTH_REVSOLVER_PACKAGE_VERSION'),
      optional('THOTH_LOG_REVSOLVER', 'INFO'),
    ];
    const identity = new ProgramIdentity(this, 'Identity', { name: 'revsolver', namespace, component: 'revsolver', mountTokenInEveryPod: true })
      .allowRunWorkflowSteps(namespace)
      .allowReadConfigMaps(namespace, ['solvers']);
    const revsolve = new WorkflowTemplate(this, 'revsolve', {
      env,
      name: 'revsolve',
      namespace,
      component: 'revsolver',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    }).addContainer('revsolve', {
      image: thothImageOf(env, 'revsolver', settings),
      parameters,
      serviceAccountName: identity.serviceAccountName,
      env: Env.for(env, REVSOLVER_CONTRACT)
        .literal('THOTH_REVSOLVER_OUTPUT', OUTPUT)
        .literal('THOTH_DOCUMENT_ID', '{{inputs.parameters.THOTH_REVSOLVER_DOCUMENT_ID}}')
        .field('THOTH_INFRA_NAMESPACE', 'metadata.namespace')
        .knowledgeGraph()
        .pushgateway()
        .common()
        .overrides(settings?.env),
      outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'revsolver', '{{inputs.parameters.THOTH_REVSOLVER_DOCUMENT_ID}}')],
      writablePaths: ['/mnt/output'],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      retryStrategy: { limit: '2', retryPolicy: 'Always' },
    });
    const entry = new WorkflowTemplate(this, 'revsolver-workflow', {
      env,
      name: 'revsolver-workflow',
      namespace,
      component: 'revsolver',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
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
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [
          {
            name: 'revsolve',
            template: revsolve,
            parameters: {
              THOTH_REVSOLVER_DOCUMENT_ID: '{{workflow.parameters.THOTH_REVSOLVER_WORKFLOW_ID}}',
              THOTH_REVSOLVER_PACKAGE_NAME: '{{workflow.parameters.THOTH_REVSOLVER_PACKAGE_NAME}}',
              THOTH_REVSOLVER_PACKAGE_VERSION: '{{workflow.parameters.THOTH_REVSOLVER_PACKAGE_VERSION}}',
              THOTH_LOG_REVSOLVER: '{{workflow.parameters.THOTH_LOG_REVSOLVER}}',
            },
          },
          {
            name: 'graph-sync-revsolver',
            template: graphSync.graphSync,
            dependencies: ['revsolve'],
            parameters: {
              THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_REVSOLVER_WORKFLOW_ID}}',
              THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}',
            },
            artifacts: [{ name: 'outputdocument', from: '{{tasks.revsolve.outputs.artifacts.outputdocument}}' }],
          },
        ],
      }),
    );
  }
}
