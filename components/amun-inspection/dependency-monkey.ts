import type { Construct } from 'constructs';
import { optional, passThrough, required, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type Call, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ADVISER_CONTRACT } from '../contracts/images/adviser.js';
import { ADVISER_COMMAND, ADVISER_INPUT, ADVISER_WORKDIR } from '../adviser/index.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import type { InspectionContext } from './context.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { thothEnv } from '../shared/env.js';

/** dm's inputs, which the entry also takes and passes through. */
const DEPENDENCY_MONKEY_PARAMETERS: ParameterSpec[] = [
  required('THOTH_DEPENDENCY_MONKEY_JOB_ID'),
  required('THOTH_DOCUMENT_ID'),
  optional('THOTH_LOG_ADVISER', 'INFO'),
  optional('THOTH_ADVISER_BEAM_WIDTH', '1000000'),
  optional('THOTH_DEPENDENCY_MONKEY_STACK_OUTPUT', '-'),
  optional('THOTH_DEPENDENCY_MONKEY_SEED', '42'),
  optional('THOTH_ADVISER_DEV', '0'),
  optional('THOTH_DEPENDENCY_MONKEY_DECISION_TYPE', 'all'),
  optional('THOTH_DEPENDENCY_MONKEY_DRY_RUN', '0'),
  optional('THOTH_DEPENDENCY_MONKEY_COUNT', '10000'),
  optional('THOTH_ADVISER_LIMIT_LATEST_VERSIONS', '-1'),
  optional('THOTH_ADVISER_PREDICTOR', 'AUTO'),
  optional('THOTH_ADVISER_PREDICTOR_CONFIG', '{}'),
];
const OUTPUT = '/mnt/output/document.json';

/** dm and dependency-monkey-workflow: generate stacks with the adviser and sync the report. */
export function addDependencyMonkey(scope: Construct, context: InspectionContext, graphSync: TemplateHandle): void {
  const dm = addDependencyMonkeyTemplate(scope, context);
  addDependencyMonkeyWorkflow(scope, context, dm, graphSync);
}

/** dm: the adviser in dependency-monkey mode, from the stored request to the stored report. */
function addDependencyMonkeyTemplate(scope: Construct, { env, namespace, adviserImageTag }: InspectionContext): TemplateHandle {
  const documents = `${env.s3.bucketPrefix}/${env.deploymentName}`;
  const wt = new WorkflowTemplate(scope, 'dm', { env, name: 'dm', namespace, component: 'adviser', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
  return wt.addContainer('dm', {
    image: thothImageOf(env, 'adviser', { imageTag: adviserImageTag }),
    command: ADVISER_COMMAND,
    parameters: DEPENDENCY_MONKEY_PARAMETERS,
    // prepare.py writes the request's Pipfile, pipeline, runtime environment and context into the input folder.
    env: thothEnv(env, ADVISER_CONTRACT, 'dependency-monkey')
      .literal('THOTH_ADVISER_WORKDIR', ADVISER_WORKDIR)
      .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
      .literal('THOTH_ADVISER_RUNTIME_ENVIRONMENT', `${ADVISER_INPUT}/runtime_environment.json`)
      .literal('THOTH_ADVISER_PIPELINE', `${ADVISER_INPUT}/pipeline.json`)
      .literal('THOTH_AMUN_CONTEXT', `${ADVISER_INPUT}/context.json`)
      .literal('THOTH_DEPENDENCY_MONKEY_REPORT_OUTPUT', OUTPUT)
      .knowledgeGraph()
      .pushgateway()
      .common(),
    inputArtifacts: [
      {
        name: 'inputdocument',
        path: `${ADVISER_WORKDIR}/{{inputs.parameters.THOTH_DOCUMENT_ID}}.request`,
        s3: { key: `${documents}/dependency-monkey-requests/{{inputs.parameters.THOTH_DOCUMENT_ID}}.request` },
        archive: { none: {} },
      },
    ],
    outputArtifacts: [
      {
        name: 'outputdocument',
        path: OUTPUT,
        s3: { key: `${documents}/dependency-monkey-reports/{{inputs.parameters.THOTH_DEPENDENCY_MONKEY_JOB_ID}}` },
        archive: { none: {} },
      },
    ],
    writablePaths: ['/mnt/workdir', '/mnt/output'],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  });
}

/** dependency-monkey-workflow, the entry: run dm, then sync its report into the knowledge graph unless a dry run. */
function addDependencyMonkeyWorkflow(scope: Construct, { env, namespace }: InspectionContext, dm: TemplateHandle, graphSync: TemplateHandle): void {
  const entry = new WorkflowTemplate(scope, 'dependency-monkey-workflow', {
    env,
    name: 'dependency-monkey-workflow',
    namespace,
    component: 'adviser',
    serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    arguments: entryArguments(ENTRY_WORKFLOWS['dependency-monkey'].parameters, [...DEPENDENCY_MONKEY_PARAMETERS, optional('THOTH_FORCE_SYNC', '0')]),
    ttlStrategy: { secondsAfterCompletion: 1800 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('dependency-monkey'),
  });
  const sync: Call = {
    name: 'graph-sync-dm',
    template: graphSync,
    dependencies: ['dm'],
    when: '{{workflow.parameters.THOTH_DEPENDENCY_MONKEY_DRY_RUN}} == 0',
    parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DEPENDENCY_MONKEY_JOB_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
    artifacts: [{ name: 'outputdocument', from: '{{tasks.dm.outputs.artifacts.outputdocument}}' }],
  };
  entry.setEntrypoint(
    entry.addDag('main', {
      tasks: [
        // As the reference's: a run that found no stack still has its document synced.
        { name: 'dm', template: dm, parameters: passThrough(DEPENDENCY_MONKEY_PARAMETERS.map((p) => p.name)), continueOnFailure: true },
        sync,
      ],
    }),
  );
}
