import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every revsolver template is built from: the component's props. */
export type RevsolverContext = WorkflowsComponentProps;

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const revsolverTemplate = (scope: Construct, context: RevsolverContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'revsolver', context, name, options);
