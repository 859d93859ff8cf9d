import type { Construct } from 'constructs';
import { optional, passThrough, required, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
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

const PROVENANCE_PARAMETERS = [
  required('THOTH_PROVENANCE_CHECKER_JOB_ID'),
  required('THOTH_DOCUMENT_ID'),
  optional('THOTH_WHITELISTED_SOURCES', ''),
  optional('THOTH_ADVISER_METADATA', '{}'),
  optional('THOTH_LOG_ADVISER', 'INFO'),
];

/** provenance-check: the adviser checks where a request's locked packages come from and stores the document. */
export function addProvenanceCheckTemplate(scope: Construct, context: AdviserContext): TemplateHandle {
  const { env } = context;
  return adviserTemplate(scope, context, 'provenance-check').addContainer('provenance-check', {
    image: context.adviserImage,
    command: ADVISER_COMMAND,
    parameters: PROVENANCE_PARAMETERS,
    env: adviserEnv(env, 'provenance')
      .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
      .literal('THOTH_ADVISER_REQUIREMENTS_LOCKED', `${ADVISER_INPUT}/Pipfile.lock`)
      .literal('THOTH_ADVISER_OUTPUT', ADVISER_OUTPUT)
      .overrides(context.variables),
    inputArtifacts: [adviserRequest(env, 'provenance-checker', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')],
    outputArtifacts: [adviserOutput(env, 'provenance-checker', 'THOTH_DOCUMENT_ID')],
    writablePaths: ADVISER_WRITABLE_PATHS,
    resources: resolveResources(ADVISER_RESOURCES, context.resources),
  });
}

/** The templates provenance-checker-workflow calls. */
export interface ProvenanceCheckerWorkflowSteps {
  readonly provenanceCheck: TemplateHandle;
  readonly graphSync: TemplateHandle;
  readonly parseProvenance: TemplateHandle;
  readonly sendMessages: TemplateHandle;
}

/** provenance-checker-workflow, which the investigator submits: the check, then its sync and messages. */
export function addProvenanceCheckerWorkflow(scope: Construct, context: AdviserContext, steps: ProvenanceCheckerWorkflowSteps): void {
  const provenance = adviserTemplate(scope, context, 'provenance-checker-workflow', {
    arguments: entryArguments(ENTRY_WORKFLOWS['provenance-checker'].parameters, [
      ...PROVENANCE_PARAMETERS,
      optional('THOTH_AUTHENTICATED_PROVENANCE_CHECK', '0'),
      optional('THOTH_FORCE_SYNC', '0'),
    ]),
    ttlStrategy: { secondsAfterCompletion: 1800 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('provenance-checker'),
  });
  provenance.setEntrypoint(provenance.addDag('main', { tasks: provenanceCheckerWorkflowTasks(steps) }));
}

/** provenance-check; for an authenticated request its sync, and its parsed messages sent. */
function provenanceCheckerWorkflowTasks(steps: ProvenanceCheckerWorkflowSteps): Call[] {
  const authenticated = '{{workflow.parameters.THOTH_AUTHENTICATED_PROVENANCE_CHECK}} == 1';
  const document = [{ name: 'outputdocument', from: '{{tasks.provenance-check.outputs.artifacts.outputdocument}}' }];
  return [
    // A check that fails still writes its document (a report of the error), which is synced and parsed.
    { name: 'provenance-check', template: steps.provenanceCheck, parameters: passThrough(PROVENANCE_PARAMETERS.map((p) => p.name)), continueOnFailure: true },
    {
      name: 'graph-sync-provenance-check',
      template: steps.graphSync,
      dependencies: ['provenance-check'],
      when: authenticated,
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DOCUMENT_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
      artifacts: document,
    },
    {
      name: 'parse-provenance-checker-output',
      template: steps.parseProvenance,
      dependencies: ['provenance-check'],
      when: authenticated,
      parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DOCUMENT_ID}}' },
      artifacts: document,
    },
    {
      name: 'send-messages',
      template: steps.sendMessages,
      depends: 'parse-provenance-checker-output.Succeeded',
      artifacts: [{ name: 'messagesdocument', from: '{{tasks.parse-provenance-checker-output.outputs.artifacts.messagestobesentdocument}}' }],
    },
  ];
}
