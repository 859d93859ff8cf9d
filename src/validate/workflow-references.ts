/**
 * Calls between Argo templates, checked on the rendered objects: every `templateRef` of a task or
 * step, and every `workflowTemplateRef`, names a WorkflowTemplate of the same namespace (and a
 * template it has); every parameter passed is declared by the callee, and every parameter it requires
 * is passed.
 */
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import type { ReferenceProblem } from './references.js';

interface Parameter {
  name: string;
  default?: string;
  value?: string;
}

interface Template {
  name: string;
  inputs?: { parameters?: Parameter[] };
  dag?: { tasks: Call[] };
  steps?: Call[][];
}

interface Call {
  name: string;
  template?: string;
  templateRef?: { name: string; template: string };
  arguments?: { parameters?: Parameter[] };
}

interface WorkflowSpec {
  templates?: Template[];
  arguments?: { parameters?: Parameter[] };
  workflowTemplateRef?: { name: string };
}

function specOf(object: RenderedObject): WorkflowSpec | undefined {
  const { manifest } = object;
  if (manifest.apiVersion !== 'argoproj.io/v1alpha1') return undefined;
  if (manifest.kind === 'CronWorkflow') return (manifest.spec as { workflowSpec?: WorkflowSpec }).workflowSpec;
  if (manifest.kind === 'WorkflowTemplate' || manifest.kind === 'Workflow') return manifest.spec as WorkflowSpec;
  return undefined;
}

export function workflowReferenceProblems(env: RenderedEnvironment): ReferenceProblem[] {
  const objects = objectsOf(env);
  const templates = new Map<string, WorkflowSpec>();
  for (const object of objects) {
    if (object.manifest.kind === 'WorkflowTemplate') templates.set(`${object.manifest.metadata.namespace}/${object.manifest.metadata.name}`, specOf(object)!);
  }
  const problems: ReferenceProblem[] = [];
  for (const object of objects) {
    const spec = specOf(object);
    if (spec === undefined) continue;
    const namespace = object.manifest.metadata.namespace ?? '';
    const report = (...messages: string[]) => problems.push(...messages.map((message) => ({ object, message })));
    if (spec.workflowTemplateRef !== undefined) {
      const target = templates.get(`${namespace}/${spec.workflowTemplateRef.name}`);
      if (target === undefined)
        report(
          `workflowTemplateRef ${spec.workflowTemplateRef.name} names no WorkflowTemplate in namespace ${namespace}${switchedOffNote(env, spec.workflowTemplateRef.name)}`,
        );
      else
        report(
          ...parameterProblems(`workflowTemplateRef ${spec.workflowTemplateRef.name}`, spec.arguments?.parameters ?? [], target.arguments?.parameters ?? []),
        );
    }
    for (const template of spec.templates ?? []) {
      for (const call of [...(template.dag?.tasks ?? []), ...(template.steps ?? []).flat()]) {
        const at = `template ${template.name}, call ${call.name}`;
        let callee: Template | undefined;
        if (call.templateRef !== undefined) {
          const target = templates.get(`${namespace}/${call.templateRef.name}`);
          callee = target?.templates?.find((each) => each.name === call.templateRef!.template);
          if (target === undefined)
            report(
              `${at}: templateRef names WorkflowTemplate ${call.templateRef.name}, which is not in namespace ${namespace}${switchedOffNote(env, call.templateRef.name)}`,
            );
          else if (callee === undefined) report(`${at}: WorkflowTemplate ${call.templateRef.name} has no template ${call.templateRef.template}`);
        } else if (call.template !== undefined) {
          callee = spec.templates?.find((each) => each.name === call.template);
          if (callee === undefined) report(`${at}: no template ${call.template} in this workflow`);
        }
        if (callee !== undefined) report(...parameterProblems(at, call.arguments?.parameters ?? [], callee.inputs?.parameters ?? []));
      }
    }
  }
  return problems;
}

/**
 * A component's WorkflowTemplates, Secrets and ConfigMaps are named after it (`kebechet`,
 * `kebechet-workflow`): a reference to one of a component the environment switched off says so.
 */
export function switchedOffNote(env: RenderedEnvironment, name: string, who = 'this workflow calls it'): string {
  const component = (env.switchedOff ?? []).find((each) => name === each || name === `${each}-workflow`);
  return component === undefined ? '' : `: ${component} is switched off (components.${component}.enabled: false in environments/${env.name}.yaml), and ${who}`;
}

function parameterProblems(at: string, passed: readonly Parameter[], declared: readonly Parameter[]): string[] {
  const names = new Set(declared.map((parameter) => parameter.name));
  const given = new Set(passed.map((parameter) => parameter.name));
  return [
    ...passed.filter((parameter) => !names.has(parameter.name)).map((parameter) => `${at}: passes ${parameter.name}, which is not declared`),
    ...declared
      .filter((parameter) => parameter.default === undefined && parameter.value === undefined && !given.has(parameter.name))
      .map((parameter) => `${at}: does not pass ${parameter.name}, which is required`),
  ];
}
