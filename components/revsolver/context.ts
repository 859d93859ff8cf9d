import type { Construct } from 'constructs';
import type { ComponentSettings } from '../../src/config/schema.js';
import type { Environment } from '../shared/environment.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every revsolver template is built from, resolved once by the component. */
export interface RevsolverContext {
  readonly env: Environment;
  readonly namespace: string;
  /** revsolver's settings (its image tag and env overrides). */
  readonly settings: ComponentSettings | undefined;
}

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const revsolverTemplate = (scope: Construct, context: RevsolverContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'revsolver', context, name, options);
