import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowMetrics } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, WorkflowTemplateProps } from '../../src/platform/argo/workflow-template.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every Kebechet template is built from, resolved once by the component: its props, with its image resolved. */
export interface KebechetContext extends Omit<WorkflowsComponentProps, 'imageTag'> {
  /** The kebechet-job image, which the Kebechet runs use. */
  readonly image: string;
}

/** Resources of a Kebechet run (it clones and updates a repository). */
export const KEBECHET_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const kebechetTemplate = (scope: Construct, context: KebechetContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'kebechet', context, name, options);

/** An entry workflow of this component: its arguments (entryArguments: what its callers pass), its metrics, a 50-minute deadline. */
export const kebechetEntryWorkflow = (
  scope: Construct,
  context: KebechetContext,
  name: string,
  metric: string,
  args: readonly ParameterSpec[],
  ttlStrategy: WorkflowTemplateProps['ttlStrategy'],
) =>
  kebechetTemplate(scope, context, name, {
    arguments: args,
    ttlStrategy,
    activeDeadlineSeconds: 3000,
    metrics: workflowMetrics(metric),
  });
