import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { addAdviseTemplate, addAdviserWorkflow } from './advise.js';
import type { AdviserContext } from './context.js';
import { addOutputParser, addTriggerIntegration } from './helpers.js';
import { addKebechetRunResults } from './kebechet-run-results.js';
import { addProvenanceCheckerWorkflow, addProvenanceCheckTemplate } from './provenance.js';

export { ADVISER_COMMAND, ADVISER_INPUT, ADVISER_WORKDIR, adviserRequest } from './image.js';

export interface AdviserProps {
  readonly env: Environment;
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
 * Defaults: images adviser:v0.56.3, workflow-helpers:v0.9.15, kebechet-job:v1.11.2.
 */
export class Adviser extends Construct {
  readonly advise: TemplateHandle;

  constructor(scope: Construct, id: string, props: AdviserProps) {
    super(scope, id);
    const { env } = props;
    const settings = env.components.adviser;
    const context: AdviserContext = {
      env,
      namespace: namespaceOf(env, 'backend'),
      settings,
      adviserImage: thothImageOf(env, 'adviser', settings),
      helpersImage: thothImageOf(env, 'workflow-helpers'),
    };
    this.advise = addAdviseTemplate(this, context);
    const provenanceCheck = addProvenanceCheckTemplate(this, context);
    // Kept for manual runs; adviser-workflow does not call it (docs/quirks.md Q11).
    addOutputParser(this, context, 'parse-adviser-output', 'parse_adviser_output');
    const parseProvenance = addOutputParser(this, context, 'parse-provenance-checker-output', 'parse_provenance_checker_output');
    const triggerIntegration = addTriggerIntegration(this, context);
    const kebechetRunResults = addKebechetRunResults(this, context);
    const graphSync = props.graphSync.graphSync;
    addAdviserWorkflow(this, context, {
      advise: this.advise,
      graphSync,
      triggerIntegration,
      sendWebhooks: props.workflowCore.sendWebhooks,
      kebechetRunResults,
    });
    addProvenanceCheckerWorkflow(this, context, { provenanceCheck, graphSync, parseProvenance, sendMessages: props.workflowCore.sendMessages });
  }
}
