import type { Construct } from 'constructs';
import type { ComponentSettings } from '../../src/config/schema.js';
import type { Environment } from '../shared/environment.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every mi template is built from, resolved once by the component. */
export interface MiContext {
  readonly env: Environment;
  readonly namespace: string;
  /** mi's settings (its image tag and env overrides). */
  readonly settings: ComponentSettings | undefined;
  /** The mi image, which both steps run. */
  readonly image: string;
  /** The Secret holding the GitHub token, shared with mi-scheduler. */
  readonly githubSecret: string;
}

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const miTemplate = (scope: Construct, context: MiContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'mi', context, name, options);
