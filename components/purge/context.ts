import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every purge template is built from: the component's props. */
export type PurgeContext = WorkflowsComponentProps;

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const purgeTemplate = (scope: Construct, context: PurgeContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'purge', context, name, options);
