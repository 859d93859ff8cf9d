import type { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../contracts/images/workflow-helpers.js';
import { optional, required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { MESSAGES_FILE } from '../workflow-core/index.js';
import { type AdviserContext, adviserTemplate } from './context.js';
import { ADVISER_OUTPUT, ADVISER_WRITABLE_PATHS } from './image.js';
import { thothEnv } from '../shared/env.js';

/** A workflow-helpers task of the adviser's workflows. */
type HelpersTask = 'parse_adviser_output' | 'parse_provenance_checker_output' | 'trigger_integration';

/** What a workflow-helpers task reads: the knowledge graph, Ceph and the pushgateway. */
const helpersEnv = (env: Environment, task: HelpersTask) => thothEnv(env, WORKFLOW_HELPERS_CONTRACT, task).knowledgeGraph().ceph().pushgateway().common();

/** An output parser: turns the adviser's document into the messages that report it. */
export function addOutputParser(
  scope: Construct,
  context: AdviserContext,
  name: string,
  task: 'parse_adviser_output' | 'parse_provenance_checker_output',
): TemplateHandle {
  // The task reads the adviser's document from FILE_PATH and writes its messages to MESSAGES_FILE.
  return adviserTemplate(scope, context, name).addContainer(name, {
    image: context.helpersImage,
    parameters: [required('THOTH_DOCUMENT_ID')],
    env: helpersEnv(context.env, task).literal('FILE_PATH', ADVISER_OUTPUT),
    inputArtifacts: [{ name: 'outputdocument', path: ADVISER_OUTPUT }],
    outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
    writablePaths: ADVISER_WRITABLE_PATHS,
    resources: STEP_RESOURCES,
  });
}

/** trigger-integration: from an advise's metadata, where it came from (source_type; for Kebechet metadata_origin and git_service). */
export function addTriggerIntegration(scope: Construct, context: AdviserContext): TemplateHandle {
  return adviserTemplate(scope, context, 'trigger-integration').addContainer('trigger-integration', {
    image: context.helpersImage,
    parameters: [required('WORKFLOW_NAME'), optional('THOTH_ADVISER_METADATA', '{}')],
    env: helpersEnv(context.env, 'trigger_integration'),
    outputParameters: ['metadata_origin', 'source_type', 'git_service'].map((name) => ({ name, valueFrom: { path: `/mnt/workdir/${name}`, default: '' } })),
    writablePaths: ['/mnt/workdir'],
    resources: STEP_RESOURCES,
  });
}
