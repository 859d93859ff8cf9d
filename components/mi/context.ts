import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every mi template is built from, resolved once by the component: its props, with its image resolved. */
export interface MiContext extends Omit<WorkflowsComponentProps, 'imageTag'> {
  /** The mi image, which both steps run. */
  readonly image: string;
  /** The Secret holding the GitHub token, shared with mi-scheduler. */
  readonly githubSecret: string;
}

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const miTemplate = (scope: Construct, context: MiContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'mi', context, name, options);
