import type { Construct } from 'constructs';
import { optional, required, workflowMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import { type Call, type TemplateHandle, WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { PACKAGE_VOLUME, type SecurityIndicatorsContext } from './context.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';

/** The templates the entry workflow calls, its own and those of graph-sync and workflow-core. */
export interface SecurityIndicatorsSteps {
  readonly download: TemplateHandle;
  readonly bandit: TemplateHandle;
  readonly cloc: TemplateHandle;
  readonly aggregator: TemplateHandle;
  readonly graphSync: TemplateHandle;
  readonly sendMessages: TemplateHandle;
}

/** A parameter of the entry workflow, as its tasks refer to it. */
const w = (name: string) => `{{workflow.parameters.THOTH_SECURITY_INDICATORS_${name}}}`;

/** The parameters an analyser task passes, from the workflow's. */
const analyse = (tool: 'BANDIT' | 'CLOC') => ({
  [`THOTH_SI_${tool}_DOCUMENT_ID`]: w('JOB_ID'),
  [`THOTH_SI_${tool}_PACKAGE_NAME`]: w('PACKAGE_NAME'),
  [`THOTH_SI_${tool}_PACKAGE_VERSION`]: w('PACKAGE_VERSION'),
  [`THOTH_SI_${tool}_PACKAGE_INDEX`]: w('PACKAGE_INDEX'),
});

/** security-indicators-workflow: the entry, with its package volume claimed per workflow, running the main DAG. */
export function addSecurityIndicatorsWorkflow(
  scope: Construct,
  { env, namespace }: SecurityIndicatorsContext,
  steps: SecurityIndicatorsSteps,
): WorkflowTemplate {
  const entry = new WorkflowTemplate(scope, 'security-indicators-workflow', {
    env,
    name: 'security-indicators-workflow',
    namespace,
    component: 'security-indicators',
    serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    arguments: entryArguments(ENTRY_WORKFLOWS['security-indicators'].parameters, [
      required('THOTH_SECURITY_INDICATORS_JOB_ID'),
      required('THOTH_SECURITY_INDICATORS_PACKAGE_NAME'),
      required('THOTH_SECURITY_INDICATORS_PACKAGE_VERSION'),
      required('THOTH_SECURITY_INDICATORS_PACKAGE_INDEX'),
      { name: 'THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION', enum: ['process_data'] },
      optional('THOTH_FORCE_SYNC', '0'),
    ]),
    ttlStrategy: { secondsAfterCompletion: 25 },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics('security-indicators'),
    volumeClaimTemplates: [{ name: PACKAGE_VOLUME, storage: '2Gi' }],
  });
  return entry.setEntrypoint(entry.addDag('main', { tasks: mainTasks(steps) }));
}

/** Download, analyse one tool after the other, aggregate and sync; or send the download's message when it found no release. */
function mainTasks(steps: SecurityIndicatorsSteps): Call[] {
  const downloaded = '{{tasks.download-package.outputs.parameters.failed_status}} == 0';
  return [
    {
      name: 'download-package',
      template: steps.download,
      parameters: { THOTH_PACKAGE_NAME: w('PACKAGE_NAME'), THOTH_PACKAGE_VERSION: w('PACKAGE_VERSION'), THOTH_PACKAGE_INDEX: w('PACKAGE_INDEX') },
    },
    { name: 'bandit', template: steps.bandit, depends: 'download-package.Succeeded', when: downloaded, parameters: analyse('BANDIT') },
    { name: 'cloc', template: steps.cloc, depends: 'bandit.Succeeded', parameters: analyse('CLOC') },
    {
      name: 'aggregator',
      template: steps.aggregator,
      // Skipped when the download failed, rather than reading results that do not exist.
      depends: 'bandit.Succeeded && cloc.Succeeded',
      parameters: {
        THOTH_SI_AGGREGATOR_DOCUMENT_ID: w('JOB_ID'),
        THOTH_SI_AGGREGATOR_FUNCTION: w('AGGREGATION_FUNCTION'),
        THOTH_SI_AGGREGATOR_PACKAGE_NAME: w('PACKAGE_NAME'),
        THOTH_SI_AGGREGATOR_PACKAGE_VERSION: w('PACKAGE_VERSION'),
        THOTH_SI_AGGREGATOR_PACKAGE_INDEX: w('PACKAGE_INDEX'),
      },
      artifacts: [
        { name: 'bandit', from: '{{tasks.bandit.outputs.artifacts.bandit}}' },
        { name: 'cloc', from: '{{tasks.cloc.outputs.artifacts.cloc}}' },
      ],
    },
    {
      name: 'graph-sync-security-indicators',
      template: steps.graphSync,
      depends: 'aggregator.Succeeded',
      parameters: { THOTH_DOCUMENT_ID: w('JOB_ID'), THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
      artifacts: [{ name: 'outputdocument', from: '{{tasks.aggregator.outputs.artifacts.outputdocument}}' }],
    },
    {
      name: 'send-messages',
      template: steps.sendMessages,
      depends: 'download-package.Succeeded',
      when: '{{tasks.download-package.outputs.parameters.failed_status}} == 1',
      artifacts: [{ name: 'messagesdocument', from: '{{tasks.download-package.outputs.artifacts.messagestobesentdocument}}' }],
    },
  ];
}
