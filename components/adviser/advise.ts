import type { Construct } from 'constructs';
import { optional, passThrough, required, taskMetrics, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import type { Call, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { type AdviserContext, adviserTemplate } from './context.js';
import {
  ADVISER_COMMAND,
  ADVISER_INPUT,
  ADVISER_OUTPUT,
  ADVISER_RESOURCES,
  ADVISER_WRITABLE_PATHS,
  adviserEnv,
  adviserOutput,
  adviserRequest,
} from './image.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

/** The prescriptions the image's build compiled: without them advise runs no prescription units. */
const PRESCRIPTIONS = '/opt/app-root/src/prescriptions.pickle';

const ADVISE_PARAMETERS = [
  required('THOTH_ADVISER_JOB_ID'),
  optional('THOTH_ADVISER_REQUIREMENTS_FORMAT', 'pipenv'),
  required('THOTH_ADVISER_RECOMMENDATION_TYPE'),
  optional('THOTH_ADVISER_METADATA', '{}'),
  optional('THOTH_ADVISER_PREDICTOR_CONFIG', '{}'),
  optional('THOTH_ADVISER_SEED', '42'),
  optional('THOTH_ADVISER_DEV', '0'),
  optional('THOTH_ADVISER_BEAM_WIDTH', '25000'),
  optional('THOTH_LOG_ADVISER', 'INFO'),
  optional('THOTH_ADVISER_LIMIT', '100000'),
  optional('THOTH_ADVISER_COUNT', '1'),
  optional('THOTH_ADVISER_TIMEOUT_SECONDS', '1500'),
  optional('THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE', ''),
  optional('THOTH_AUTHENTICATED_ADVISE', '0'),
];

/** advise: the adviser resolves a user's request into recommended stacks and stores the document. */
export function addAdviseTemplate(scope: Construct, context: AdviserContext): TemplateHandle {
  const { env } = context;
  const jobId = '{{inputs.parameters.THOTH_ADVISER_JOB_ID}}';
  return adviserTemplate(scope, context, 'advise').addContainer('advise', {
    image: context.adviserImage,
    command: ADVISER_COMMAND,
    parameters: ADVISE_PARAMETERS,
    env: adviserEnv(env, 'advise')
      .literal('THOTH_DOCUMENT_ID', jobId)
      .literal('THOTH_REQUIREMENTS_FORMAT', '{{inputs.parameters.THOTH_ADVISER_REQUIREMENTS_FORMAT}}')
      .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
      .literal('THOTH_ADVISER_REQUIREMENTS_LOCKED', `${ADVISER_INPUT}/Pipfile.lock`)
      .literal('THOTH_ADVISER_RUNTIME_ENVIRONMENT', `${ADVISER_INPUT}/runtime_environment.json`)
      .literal('THOTH_ADVISER_LIBRARY_USAGE', `${ADVISER_INPUT}/library_usage.json`)
      .literal('THOTH_ADVISER_CONSTRAINTS', `${ADVISER_INPUT}/constraints.txt`)
      .literal('THOTH_ADVISER_LABELS', `${ADVISER_INPUT}/labels.json`)
      .literal('THOTH_ADVISER_PRESCRIPTION', PRESCRIPTIONS)
      .literal('THOTH_ADVISER_OUTPUT', ADVISER_OUTPUT)
      .overrides(context.variables),
    inputArtifacts: [adviserRequest(env, 'adviser', jobId)],
    // The program has no timeout of its own: the step's deadline is the request's.
    activeDeadlineSeconds: '{{inputs.parameters.THOTH_ADVISER_TIMEOUT_SECONDS}}',
    outputArtifacts: [adviserOutput(env, 'adviser', 'THOTH_ADVISER_JOB_ID')],
    writablePaths: ADVISER_WRITABLE_PATHS,
    resources: resolveResources(ADVISER_RESOURCES, context.resources),
    metrics: taskMetrics('advise'),
  });
}

/** The templates adviser-workflow calls. */
export interface AdviserWorkflowSteps {
  readonly advise: TemplateHandle;
  readonly graphSync: TemplateHandle;
  readonly triggerIntegration: TemplateHandle;
  readonly sendWebhooks: TemplateHandle;
  readonly kebechetRunResults: TemplateHandle;
  readonly parseAdviserOutput: TemplateHandle;
  readonly sendMessages: TemplateHandle;
}

/** adviser-workflow, which the investigator submits: advise, then sync, notify and report to Kebechet. */
export function addAdviserWorkflow(scope: Construct, context: AdviserContext, steps: AdviserWorkflowSteps): void {
  const adviser = adviserTemplate(scope, context, 'adviser-workflow', {
    arguments: entryArguments(ENTRY_WORKFLOWS.adviser.parameters, [...ADVISE_PARAMETERS, optional('THOTH_FORCE_SYNC', '0')]),
    ttlStrategy: { secondsAfterCompletion: 300 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('adviser'),
  });
  adviser.setEntrypoint(adviser.addDag('main', { tasks: adviserWorkflowTasks(steps) }));
}

/**
 * advise; for an authenticated request its sync, webhooks and the unresolved packages it reports;
 * for Kebechet's, the run results.
 */
function adviserWorkflowTasks(steps: AdviserWorkflowSteps): Call[] {
  const authenticated = '{{workflow.parameters.THOTH_AUTHENTICATED_ADVISE}} == 1';
  const document = [{ name: 'outputdocument', from: '{{tasks.advise.outputs.artifacts.outputdocument}}' }];
  return [
    // The adviser exits 1 when it cannot resolve a stack, and still writes its document: as the
    // reference's, the workflow goes on to sync it and report what was missing.
    { name: 'advise', template: steps.advise, parameters: passThrough(ADVISE_PARAMETERS.map((p) => p.name)), continueOnFailure: true },
    {
      name: 'graph-sync-advise',
      template: steps.graphSync,
      dependencies: ['advise'],
      when: authenticated,
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
      artifacts: document,
    },
    // The reference had these two commented out (docs/quirks.md Q11): its parser crashed on every unresolved package (Q50).
    {
      name: 'parse-adviser-output',
      template: steps.parseAdviserOutput,
      dependencies: ['advise'],
      when: authenticated,
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}' },
      artifacts: document,
    },
    {
      name: 'send-messages',
      template: steps.sendMessages,
      depends: 'parse-adviser-output.Succeeded',
      artifacts: [{ name: 'messagesdocument', from: '{{tasks.parse-adviser-output.outputs.artifacts.messagestobesentdocument}}' }],
    },
    {
      name: 'trigger-integration',
      template: steps.triggerIntegration,
      dependencies: ['advise'],
      when: authenticated,
      parameters: { WORKFLOW_NAME: '{{workflow.name}}', THOTH_ADVISER_METADATA: '{{workflow.parameters.THOTH_ADVISER_METADATA}}' },
    },
    {
      name: 'send-webhooks',
      template: steps.sendWebhooks,
      dependencies: ['graph-sync-advise'],
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}' },
    },
    {
      name: 'kebechet-run-results',
      template: steps.kebechetRunResults,
      depends: 'trigger-integration.Succeeded',
      when: `'{{tasks.trigger-integration.outputs.parameters.source_type}}' == 'KEBECHET'`,
      parameters: {
        WORKFLOW_NAME: '{{workflow.name}}',
        THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}',
        THOTH_ADVISER_METADATA: '{{workflow.parameters.THOTH_ADVISER_METADATA}}',
        metadata_origin: '{{tasks.trigger-integration.outputs.parameters.metadata_origin}}',
        git_service: '{{tasks.trigger-integration.outputs.parameters.git_service}}',
      },
    },
  ];
}
