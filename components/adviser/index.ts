import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { addAdviseTemplate, addAdviserWorkflow } from './advise.js';
import type { AdviserContext } from './context.js';
import { addOutputParser, addTriggerIntegration } from './helpers.js';
import { addKebechetRunResults } from './kebechet-run-results.js';
import { addProvenanceCheckerWorkflow, addProvenanceCheckTemplate } from './provenance.js';

export { ADVISER_COMMAND, ADVISER_INPUT, ADVISER_WORKDIR, adviserRequest } from './image.js';

/** The adviser's props: its settings (imageTag, resources, variables) apply to the steps that run the adviser, advise and provenance-check. */
export interface AdviserProps extends WorkflowsComponentProps {
  /** @default the versions table's adviser tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 1 CPU and 1Gi, limits 2 CPU and 4Gi (ADVISER_RESOURCES) */
  readonly resources?: WorkflowsComponentProps['resources'];
  /**
   * The tag of the kebechet-job image kebechet-run-results runs: the catalogue passes kebechet's own
   * `imageTag`, so one environment runs one kebechet-job version.
   * @default the versions table's kebechet-job tag (components/image-tags.ts)
   */
  readonly kebechetImageTag?: string;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * The adviser's workflows (backend): step templates advise, provenance-check, parse-adviser-output,
 * parse-provenance-checker-output, trigger-integration and kebechet-run-results, and the entry
 * templates adviser-workflow and provenance-checker-workflow that the investigator submits
 * (docs/quirks.md Q1). dm and dependency-monkey-workflow live in amun-inspection (AmunInspection).
 * The output parsers and trigger-integration run this repository's workflow-tasks, kebechet-run-results
 * kebechet-job at kebechet's tag.
 */
export class Adviser extends Construct {
  readonly advise: TemplateHandle;

  constructor(scope: Construct, id: string, props: AdviserProps) {
    super(scope, id);
    const { env, namespace, resources, variables } = props;
    const context: AdviserContext = {
      env,
      namespace,
      resources,
      variables,
      adviserImage: thothImageOf(env, 'adviser', props),
      tasksImage: props.workflowCore.tasksImage,
      kebechetImage: thothImageOf(env, 'kebechet-job', { imageTag: props.kebechetImageTag }),
    };
    this.advise = addAdviseTemplate(this, context);
    const provenanceCheck = addProvenanceCheckTemplate(this, context);
    const parseAdviserOutput = addOutputParser(this, context, 'parse-adviser-output');
    const parseProvenance = addOutputParser(this, context, 'parse-provenance-checker-output');
    const triggerIntegration = addTriggerIntegration(this, context);
    const kebechetRunResults = addKebechetRunResults(this, context);
    const graphSync = props.graphSync.graphSync;
    addAdviserWorkflow(this, context, {
      advise: this.advise,
      graphSync,
      triggerIntegration,
      sendWebhooks: props.workflowCore.sendWebhooks,
      kebechetRunResults,
      parseAdviserOutput,
      sendMessages: props.workflowCore.sendMessages,
    });
    addProvenanceCheckerWorkflow(this, context, { provenanceCheck, graphSync, parseProvenance, sendMessages: props.workflowCore.sendMessages });
  }
}
