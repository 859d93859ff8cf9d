import type { Construct } from 'constructs';
import { entryArguments, optional, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import type { Call, ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { MESSAGES_FILE } from '../workflow-core/index.js';
import { WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { CPU_SELECTORS, INSPECTION_ARTIFACTS, inspectionTemplate, type InspectionContext } from './context.js';
import { thothEnv } from '../shared/env.js';

/** The templates an inspection workflow calls, in order. */
export interface InspectionSteps {
  readonly build: TemplateHandle;
  readonly run: TemplateHandle;
  readonly complete: TemplateHandle;
  /** workflow-core's send-messages, which sends the complete message. */
  readonly sendMessages: TemplateHandle;
}

/**
 * create-inspection-complete-message: writes the message that tells the system an inspection
 * finished, with workflow-tasks (`tasksImage`, the namespace's workflow core's).
 */
export function addCompleteMessageTemplate(scope: Construct, context: InspectionContext, tasksImage: string): TemplateHandle {
  const { env } = context;
  const command = 'create-inspection-complete-message';
  return inspectionTemplate(scope, context, command).addContainer(command, {
    image: tasksImage,
    args: [command],
    parameters: [required('inspection-id'), optional('force-sync', '0')],
    env: thothEnv(env, WORKFLOW_TASKS_CONTRACT, command)
      .literal('THOTH_AMUN_INSPECTION_ID', '{{inputs.parameters.inspection-id}}')
      .literal('THOTH_FORCE_SYNC', '{{inputs.parameters.force-sync}}')
      .common(),
    outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
    writablePaths: ['/mnt/workdir'],
    resources: STEP_RESOURCES,
  });
}

/** amun-inspection-workflow(-with-cpu), the entry: build the image, run it, then report the inspection complete. */
export function addInspectionWorkflow(scope: Construct, context: InspectionContext, withCpu: boolean, steps: InspectionSteps): void {
  const name = withCpu ? 'amun-inspection-workflow-with-cpu' : 'amun-inspection-workflow';
  const entry = inspectionTemplate(scope, context, name, {
    arguments: inspectionArguments(withCpu),
    ttlStrategy: { secondsAfterCompletion: 259200 },
    activeDeadlineSeconds: 14400,
    metrics: workflowMetrics(name),
    artifactRepositoryRef: { configMap: INSPECTION_ARTIFACTS, key: 'default' },
    // The inspected image is private like the push: its pull (and Argo's entrypoint lookup) needs the credentials.
    imagePullSecrets: [context.registrySecret],
  });
  entry.setEntrypoint(entry.addDag('main', { tasks: inspectionTasks(steps, withCpu) }));
}

/** What both entries declare: the inspection, whether to report it, and the resources of its build and run. */
const inspectionParameters = (buildCpu: string) =>
  [
    required('AMUN_INSPECTION_ID'),
    required('AMUN_DOCKERFILE'),
    optional('AMUN_SPECIFICATION', '{}'),
    optional('THOTH_SEND_MESSAGES', '1'),
    optional('THOTH_FORCE_SYNC', '0'),
    optional('AMUN_RUN_CPU', '750m'),
    optional('AMUN_RUN_MEMORY', '1Gi'),
    optional('AMUN_BUILD_CPU', buildCpu),
    optional('AMUN_BUILD_MEMORY', '1Gi'),
  ] as const;

/** The parameters its submitter passes (components/entry-workflows.ts): pinned to a CPU, the CPU selectors too. */
function inspectionArguments(withCpu: boolean): readonly ParameterSpec[] {
  return withCpu
    ? entryArguments(ENTRY_WORKFLOWS['amun-inspection-with-cpu'].parameters, [
        ...inspectionParameters('1'),
        ...CPU_SELECTORS.map((selector) => required(selector.argument)),
      ])
    : entryArguments(ENTRY_WORKFLOWS['amun-inspection'].parameters, inspectionParameters('750m'));
}

/** Build, then run, then (when messages are sent) write and send the complete message. */
function inspectionTasks(steps: InspectionSteps, withCpu: boolean): Call[] {
  const cpu = withCpu ? Object.fromEntries(CPU_SELECTORS.map((selector) => [selector.parameter, `{{workflow.parameters.${selector.argument}}}`])) : {};
  return [
    {
      name: 'inspection-build',
      template: steps.build,
      parameters: {
        'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}',
        dockerfile: '{{workflow.parameters.AMUN_DOCKERFILE}}',
        specification: '{{workflow.parameters.AMUN_SPECIFICATION}}',
        cpu: '{{workflow.parameters.AMUN_BUILD_CPU}}',
        memory: '{{workflow.parameters.AMUN_BUILD_MEMORY}}',
        ...cpu,
      },
    },
    {
      name: 'inspection-run',
      template: steps.run,
      dependencies: ['inspection-build'],
      parameters: {
        'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}',
        cpu: '{{workflow.parameters.AMUN_RUN_CPU}}',
        memory: '{{workflow.parameters.AMUN_RUN_MEMORY}}',
        ...cpu,
      },
    },
    {
      name: 'create-inspection-complete-message',
      template: steps.complete,
      dependencies: ['inspection-run'],
      when: '{{workflow.parameters.THOTH_SEND_MESSAGES}} == 1',
      parameters: { 'inspection-id': '{{workflow.parameters.AMUN_INSPECTION_ID}}', 'force-sync': '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
    },
    {
      name: 'send-messages',
      template: steps.sendMessages,
      depends: 'create-inspection-complete-message.Succeeded',
      artifacts: [{ name: 'messagesdocument', from: '{{tasks.create-inspection-complete-message.outputs.artifacts.messagestobesentdocument}}' }],
    },
  ];
}
