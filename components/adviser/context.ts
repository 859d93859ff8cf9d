import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every adviser template is built from, resolved once by the component: its props, with its images resolved. */
export interface AdviserContext extends Omit<WorkflowsComponentProps, 'imageTag'> {
  /** The adviser image, which advise and provenance-check run. */
  readonly adviserImage: string;
  /** This repository's workflow-tasks image, which the output parsers and trigger-integration run. */
  readonly tasksImage: string;
  /** The kebechet-job image, which kebechet-run-results runs. */
  readonly kebechetImage: string;
}

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const adviserTemplate = (scope: Construct, context: AdviserContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'adviser', context, name, options);
