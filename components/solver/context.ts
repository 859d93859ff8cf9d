import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { type WorkflowCore, workflowTemplateOf } from '../workflow-core/index.js';

/** What each solver template is built from: the component's props. */
export interface SolverContext extends WorkflowsComponentProps {
  /** Its namespace's workflow core: parse-solver-output runs its workflow-tasks image. */
  readonly workflowCore: WorkflowCore;
}

/** Where a solve step writes the result document, and where the steps after it read it. */
export const OUTPUT = '/mnt/output/document.json';

/** A WorkflowTemplate of the component, named as its construct, run by the workflow account. */
export function solverTemplate(scope: Construct, context: SolverContext, name: string): WorkflowTemplate {
  return workflowTemplateOf(scope, 'solver', context, name);
}
