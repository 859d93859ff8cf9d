import type { Construct } from 'constructs';
import type { ComponentSettings } from '../../src/config/schema.js';
import type { Environment } from '../shared/environment.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every purge template is built from, resolved once by the component. */
export interface PurgeContext {
  readonly env: Environment;
  readonly namespace: string;
  /** The purge's settings (purge-job's image tag and env overrides). */
  readonly settings: ComponentSettings | undefined;
}

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const purgeTemplate = (scope: Construct, context: PurgeContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'purge', context, name, options);
