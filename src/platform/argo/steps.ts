import type { IMetrics } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Metrics';
import type { ParameterSpec } from './workflow-template.js';

/** A parameter without a default: a caller must pass it. */
export type RequiredParameter<N extends string = string> = ParameterSpec<N> & { readonly default?: undefined };

/** A required parameter. */
export const required = <const N extends string>(name: N, description?: string): RequiredParameter<N> => ({
  name,
  ...(description === undefined ? {} : { description }),
});

/** An optional parameter with its default. */
export const optional = <const N extends string>(name: N, defaultValue: string, description?: string): ParameterSpec<N> & { readonly default: string } => ({
  name,
  default: defaultValue,
  ...(description === undefined ? {} : { description }),
});

type Undeclared<Passed extends string, A extends readonly ParameterSpec[]> = Exclude<Passed, A[number]['name']>;
type NotPassed<Passed extends string, A extends readonly ParameterSpec[]> = Exclude<Extract<A[number], RequiredParameter>['name'], Passed>;

/**
 * The arguments of an entry WorkflowTemplate, held to what its callers pass (`passed`, from
 * components/entry-workflows.ts): each is declared, and each declared without a default is passed.
 * A mismatch is a type error that names the parameters.
 */
export function entryArguments<const Passed extends string, const A extends readonly ParameterSpec[]>(
  _passed: readonly Passed[],
  args: A &
    ([Undeclared<Passed, A>, NotPassed<Passed, A>] extends [never, never]
      ? unknown
      : { readonly entryMismatch: { readonly undeclared: Undeclared<Passed, A>; readonly notPassed: NotPassed<Passed, A> } }),
): A {
  return args;
}

/** The same parameters, each passed on from the caller's own input of the same name. */
export function passThrough(names: readonly string[], from: 'inputs' | 'workflow' = 'workflow'): Record<string, string> {
  const scope = from === 'inputs' ? 'inputs.parameters' : 'workflow.parameters';
  return Object.fromEntries(names.map((name) => [name, `{{${scope}.${name}}}`]));
}

const DURATION_BUCKETS = [5, 10, 30, 60, 120, 300, 600, 900];

/**
 * The reference's custom metrics: a counter by name and final status, and the duration of the
 * successful runs; `workflow` ones are declared on a workflow, `task` ones on a template.
 */
function statusAndDuration(scope: 'workflow' | 'task', name: string): IMetrics {
  const prefix = scope === 'task' ? 'task_' : '';
  const status = scope === 'task' ? '{{status}}' : '{{workflow.status}}';
  const duration = scope === 'task' ? '{{duration}}' : '{{workflow.duration}}';
  const what = scope === 'task' ? 'workflow tasks' : 'workflows';
  return {
    prometheus: [
      {
        name: `${prefix}status_counter`,
        help: `${what[0]!.toUpperCase()}${what.slice(1)} by name and ${scope === 'task' ? 'status' : 'final status'}`,
        labels: [
          { key: 'name', value: name },
          { key: 'status', value: status },
        ],
        counter: { value: '1' },
      },
      {
        name: `${prefix}duration_seconds_histogram`,
        help: `Duration of successful ${what}`,
        labels: [{ key: 'name', value: name }],
        when: `${status} == Succeeded`,
        histogram: { value: duration, buckets: DURATION_BUCKETS as never },
      },
    ],
  };
}

export const workflowMetrics = (name: string): IMetrics => statusAndDuration('workflow', name);
export const taskMetrics = (name: string): IMetrics => statusAndDuration('task', name);

/** Resources of an ordinary step. */
export const STEP_RESOURCES = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } };
