import type { Construct } from 'constructs';
import { optional, required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { MESSAGES_FILE } from '../workflow-core/index.js';
import { WORKFLOW_TASKS_CONTRACT } from '../workflow-core/job/contract.js';
import { type AdviserContext, adviserTemplate } from './context.js';
import { ADVISER_OUTPUT, ADVISER_WRITABLE_PATHS } from './image.js';
import { thothEnv } from '../shared/env.js';

/** Where trigger-integration writes its output parameters. */
const INTEGRATION_OUTPUT = '/mnt/workdir';

/** The output parsers: the workflow-tasks command and the variable it reads the document from. */
const OUTPUT_PARSERS = {
  'parse-adviser-output': 'THOTH_ADVISER_DOCUMENT_PATH',
  'parse-provenance-checker-output': 'THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH',
} as const;

/** An output parser: turns the adviser's document into the unresolved-package messages that report it, with workflow-tasks. */
export function addOutputParser(scope: Construct, context: AdviserContext, command: keyof typeof OUTPUT_PARSERS): TemplateHandle {
  return adviserTemplate(scope, context, command).addContainer(command, {
    image: context.tasksImage,
    args: [command],
    parameters: [required('THOTH_DOCUMENT_ID')],
    env: thothEnv(context.env, WORKFLOW_TASKS_CONTRACT, command).literal(OUTPUT_PARSERS[command], ADVISER_OUTPUT).pushgateway().common(),
    inputArtifacts: [{ name: 'outputdocument', path: ADVISER_OUTPUT }],
    outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
    writablePaths: ADVISER_WRITABLE_PATHS,
    resources: STEP_RESOURCES,
  });
}

/**
 * trigger-integration: from an advise's metadata, where it came from (source_type; for Kebechet
 * metadata_origin and git_service), with workflow-tasks.
 */
export function addTriggerIntegration(scope: Construct, context: AdviserContext): TemplateHandle {
  const command = 'trigger-integration';
  return adviserTemplate(scope, context, command).addContainer(command, {
    image: context.tasksImage,
    args: [command],
    parameters: [required('WORKFLOW_NAME'), optional('THOTH_ADVISER_METADATA', '{}')],
    env: thothEnv(context.env, WORKFLOW_TASKS_CONTRACT, command).literal('THOTH_INTEGRATION_OUTPUT_DIR', INTEGRATION_OUTPUT).common(),
    outputParameters: ['metadata_origin', 'source_type', 'git_service'].map((name) => ({
      name,
      valueFrom: { path: `${INTEGRATION_OUTPUT}/${name}`, default: '' },
    })),
    writablePaths: [INTEGRATION_OUTPUT],
    resources: STEP_RESOURCES,
  });
}
