import type { WorkflowsComponentProps } from '../shared/component.js';
import { passThrough, required } from '../../src/platform/argo/steps.js';
import type { WorkflowTemplate, ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import type { Construct } from 'constructs';
import { workflowTemplateOf } from '../workflow-core/index.js';

/** What every amun-inspection template is built from, resolved once by the component: its props (which the build takes), and more. */
export interface InspectionContext extends WorkflowsComponentProps {
  /** The tag of the adviser image dm runs. */
  readonly adviserImageTag?: string;
  /** The Secret with `amun.registry`'s credentials: the build pushes with it, the inspection pulls with it. */
  readonly registrySecret: string;
}

/** The artifact repository of inspections: one folder per inspection workflow, logs not archived. */
export const INSPECTION_ARTIFACTS = 'amun-artifact-ref';

/**
 * What pins an inspection to a CPU: each Node Feature Discovery label, the input of the build and
 * run templates that carries its value, and the entry workflow's argument that passes it.
 */
export const CPU_SELECTORS = [
  { parameter: 'cpu-family', argument: 'CPU_FAMILY', label: 'feature.node.kubernetes.io/cpu-model.family' },
  { parameter: 'cpu-model', argument: 'CPU_MODEL', label: 'feature.node.kubernetes.io/cpu-model.id' },
  { parameter: 'physical-cpus', argument: 'PHYSICAL_CPUS', label: 'feature.node.kubernetes.io/cpu-hardware_multithreading' },
  { parameter: 'processor', argument: 'PROCESSOR', label: 'feature.node.kubernetes.io/cpu-model.vendor_id' },
] as const;

/** The required CPU selector inputs of a template pinned to a CPU, none otherwise. */
export const cpuParameters = (withCpu: boolean): ParameterSpec[] => (withCpu ? CPU_SELECTORS.map((selector) => required(selector.parameter)) : []);

/** The pod's resources from the step's inputs, and its node selection when pinned to a CPU. */
export const resourcesPatch = (cpu: string, memory: string, withCpu: boolean) =>
  JSON.stringify({
    ...(withCpu ? { nodeSelector: Object.fromEntries(CPU_SELECTORS.map((selector) => [selector.label, `{{inputs.parameters.${selector.parameter}}}`])) } : {}),
    containers: [{ name: 'main', resources: { requests: { cpu, memory }, limits: { cpu, memory } } }],
  });

/** A WorkflowTemplate of this component, named as its construct, run by the workflow account. */
export const inspectionTemplate = (scope: Construct, context: InspectionContext, name: string, options?: Parameters<typeof workflowTemplateOf>[4]) =>
  workflowTemplateOf(scope, 'amun-inspection', context, name, options);

/** Makes `wt`'s entry point one step, `step`, that calls `container` with the inputs it was given. */
export function enterThroughStep(wt: WorkflowTemplate, step: string, container: TemplateHandle, parameters: readonly ParameterSpec[]): TemplateHandle {
  const main = wt.addSteps('main', {
    parameters,
    steps: [
      [
        {
          name: step,
          template: container,
          parameters: passThrough(
            parameters.map((p) => p.name),
            'inputs',
          ),
        },
      ],
    ],
  });
  wt.setEntrypoint(main);
  return main;
}
