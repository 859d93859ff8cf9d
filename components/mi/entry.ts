import type { Construct } from 'constructs';
import { entryArguments, passThrough, required, workflowMetrics } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { type MiContext, miTemplate } from './context.js';
import { ANALYSIS_PARAMETERS, MERGE_PARAMETERS } from './image.js';

/** An entry WorkflowTemplate that runs one of mi's step WorkflowTemplates. */
interface MiEntrySpec {
  readonly name: 'mi-analysis-workflow' | 'mi-merge-workflow';
  /** The main DAG's one task, and the name of the workflow's metrics. */
  readonly metric: 'mi' | 'mi-merge';
  readonly target: TemplateHandle;
  /** What the entry declares: WORKFLOW_ID and the target's parameters. */
  readonly arguments: readonly ParameterSpec[];
  /** The target's parameters, passed on to it. */
  readonly parameters: readonly ParameterSpec[];
}

/** mi-analysis-workflow, which mi-scheduler submits: runs mi's mi-workflow. */
export function addMiAnalysisWorkflow(scope: Construct, context: MiContext, analysis: TemplateHandle): void {
  addMiEntryWorkflow(scope, context, {
    name: 'mi-analysis-workflow',
    metric: 'mi',
    target: analysis,
    arguments: entryArguments(ENTRY_WORKFLOWS.mi.parameters, [required('WORKFLOW_ID'), ...ANALYSIS_PARAMETERS]),
    parameters: ANALYSIS_PARAMETERS,
  });
}

/** mi-merge-workflow, rendered for mi-scheduler: runs mi-merge's mi-merge-workflow. */
export function addMiMergeWorkflow(scope: Construct, context: MiContext, merge: TemplateHandle): void {
  addMiEntryWorkflow(scope, context, {
    name: 'mi-merge-workflow',
    metric: 'mi-merge',
    target: merge,
    arguments: entryArguments(ENTRY_WORKFLOWS['mi-merge'].parameters, [required('WORKFLOW_ID'), ...MERGE_PARAMETERS]),
    parameters: MERGE_PARAMETERS,
  });
}

/** The entry's main DAG runs the target once, passing its parameters on from the workflow's. */
function addMiEntryWorkflow(scope: Construct, context: MiContext, spec: MiEntrySpec): void {
  const { name, metric, target, parameters } = spec;
  const entry = miTemplate(scope, context, name, {
    arguments: spec.arguments,
    ttlStrategy: { secondsAfterCompletion: 10 },
    activeDeadlineSeconds: 12000,
    metrics: workflowMetrics(metric),
  });
  entry.setEntrypoint(entry.addDag('main', { tasks: [{ name: metric, template: target, parameters: passThrough(parameters.map((p) => p.name)) }] }));
}
