import type { Construct } from 'constructs';
import { passThrough } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { type MiContext, miTemplate } from './context.js';
import { ANALYSIS_PARAMETERS, MERGE_PARAMETERS, MI_COMMAND, MI_RESOURCES, MI_WORKDIR, type MiMode, miEnv } from './image.js';

/** One of mi's step WorkflowTemplates: its name, the steps template it enters by, and its one step. */
interface MiTemplateSpec {
  readonly name: 'mi' | 'mi-merge';
  readonly inner: string;
  readonly stepTemplate: string;
  readonly mode: MiMode;
  readonly parameters: readonly ParameterSpec[];
  readonly annotations?: Record<string, string>;
}

/** mi (mi-workflow → analyse): analyses a repository's GitHub history. */
export function addMiAnalysisTemplate(scope: Construct, context: MiContext): TemplateHandle {
  return addMiTemplate(scope, context, {
    name: 'mi',
    inner: 'mi-workflow',
    stepTemplate: 'analyse',
    mode: 'create-knowledge',
    parameters: ANALYSIS_PARAMETERS,
  });
}

/** mi-merge (mi-merge-workflow → merge): merges the analyses' results. */
export function addMiMergeTemplate(scope: Construct, context: MiContext): TemplateHandle {
  // mi-scheduler-kebechet-merge submits it (docs/quirks.md Q39).
  return addMiTemplate(scope, context, {
    name: 'mi-merge',
    inner: 'mi-merge-workflow',
    stepTemplate: 'merge',
    mode: 'merge',
    parameters: MERGE_PARAMETERS,
    annotations: waiverAnnotation(
      'contract/image',
      'mi --merge finds no per-repository files in a fresh pod and stores zero totals; the environments keep mi-scheduler-kebechet-merge, which submits mi-merge-workflow, suspended',
    ),
  });
}

/** A WorkflowTemplate whose entry steps template runs the program once, in a mode, passing its inputs on. */
function addMiTemplate(scope: Construct, context: MiContext, spec: MiTemplateSpec): TemplateHandle {
  const { name, inner, stepTemplate, mode, parameters, annotations } = spec;
  const wt = miTemplate(scope, context, name, { annotations });
  const step = wt.addContainer(stepTemplate, {
    image: context.image,
    command: MI_COMMAND,
    workingDir: MI_WORKDIR,
    args: [`--${mode}`],
    parameters,
    env: miEnv(context, mode),
    resources: resolveResources(MI_RESOURCES, context.resources),
    activeDeadlineSeconds: 12000,
  });
  const passed = passThrough(
    parameters.map((p) => p.name),
    'inputs',
  );
  const steps = wt.addSteps(inner, { parameters, steps: [[{ name: stepTemplate, template: step, parameters: passed }]] });
  wt.setEntrypoint(steps);
  return steps;
}
