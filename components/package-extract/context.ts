import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type Call, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { WORKFLOW_SERVICE_ACCOUNT, workflowTemplateOf } from '../workflow-core/index.js';

/** What every image-analysis template is built from, resolved once by the component: its props, and the sync it calls. */
export interface AnalysisContext extends WorkflowsComponentProps {
  /** graph-sync's template, which stores an analysis document in the knowledge graph. */
  readonly graphSync: TemplateHandle;
}

export const OUTPUT = '/mnt/output/document.json';

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const analysisTemplate = (scope: Construct, context: AnalysisContext, name: string) => workflowTemplateOf(scope, 'package-extract', context, name);

/** An entry WorkflowTemplate: its arguments, how long it is kept after it completes, and its metrics' name. */
export const entryTemplate = (
  scope: Construct,
  { env, namespace }: AnalysisContext,
  name: string,
  metric: string,
  arguments_: readonly ParameterSpec[],
  ttl: number,
) =>
  new WorkflowTemplate(scope, name, {
    env,
    name,
    namespace,
    component: 'package-extract',
    serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
    arguments: arguments_,
    ttlStrategy: { secondsAfterCompletion: ttl },
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics(metric),
  });

/** The task `name` that syncs the analysis document task `after` produced, `documentId`, into the knowledge graph. */
export const graphSyncAfter = (context: AnalysisContext, name: string, after: string, documentId: string, when?: string): Call => ({
  name,
  template: context.graphSync,
  // The analysis may be skipped (no such image): then so is the sync.
  depends: `${after}.Succeeded`,
  ...(when === undefined ? {} : { when }),
  parameters: { THOTH_DOCUMENT_ID: documentId, THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
  artifacts: [{ name: 'outputdocument', from: `{{tasks.${after}.outputs.artifacts.outputdocument}}` }],
});
