/**
 * Workflows: every entry a scheduler submits resolves in every environment and declares what its
 * callers pass; every call between templates resolves; the reference's WorkflowTemplates are here.
 */
import { namespaceOf } from '../src/config/environment.js';
import type { Manifest } from '../src/synth/manifest.js';
import { workflowReferenceProblems } from '../src/validate/workflow-references.js';
import { ENTRY_WORKFLOWS } from '../components/entry-workflows.js';
import { THOTH_ENVIRONMENTS, manifestsOf, realEnvironment, renderReal } from './helpers.js';

describe.each(THOTH_ENVIRONMENTS)('%s', (name) => {
  test('every entry workflow a scheduler submits exists in its tier and takes exactly the parameters it is given', async () => {
    const env = await realEnvironment(name);
    const rendered = manifestsOf(await renderReal(name));
    for (const [purpose, entry] of Object.entries(ENTRY_WORKFLOWS)) {
      const namespace = namespaceOf(env, entry.tier);
      const template = rendered.find((m) => m.kind === 'WorkflowTemplate' && m.metadata.name === entry.template && m.metadata.namespace === namespace);
      expect({ purpose, found: template !== undefined }).toEqual({ purpose, found: true });
      const declared = ((template!.spec as any).arguments?.parameters ?? []) as { name: string; default?: string }[];
      const passed = new Set<string>(entry.parameters);
      expect({ purpose, undeclared: [...passed].filter((p) => !declared.some((d) => d.name === p)) }).toEqual({ purpose, undeclared: [] });
      const required = declared.filter((d) => d.default === undefined).map((d) => d.name);
      expect({ purpose, missing: required.filter((p) => !passed.has(p)) }).toEqual({ purpose, missing: [] });
    }
  });

  test('every templateRef and workflowTemplateRef resolves, with declared parameters only', async () => {
    const env = await renderReal(name);
    const calls = manifestsOf(env).filter((m) => JSON.stringify(m.spec ?? {}).includes('"templateRef"'));
    expect(calls.length).toBeGreaterThan(10);
    expect(workflowReferenceProblems(env).map((p) => `${p.object.file}: ${p.message}`)).toEqual([]);
  });
});

describe('workflow reference check', () => {
  const workflowTemplate = (name: string, spec: object): Manifest => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name, namespace: 'ns' },
    spec,
  });
  const env = (...manifests: Manifest[]) => ({
    name: 'unit',
    applications: [
      {
        name: 'app',
        wave: 0,
        namespace: 'ns',
        objects: manifests.map((manifest) => ({ manifest, application: 'app', file: `app/${manifest.metadata.name}.yaml`, constructPath: 'x' })),
      },
    ],
  });
  const callee = workflowTemplate('callee', {
    templates: [{ name: 'step', inputs: { parameters: [{ name: 'A' }, { name: 'B', default: '1' }] }, container: {} }],
  });
  const caller = (call: object) => workflowTemplate('caller', { templates: [{ name: 'main', dag: { tasks: [{ name: 'task', ...call }] } }] });

  test.each([
    [{ templateRef: { name: 'callee', template: 'step' }, arguments: { parameters: [{ name: 'A', value: 'x' }] } }, []],
    [
      { templateRef: { name: 'missing', template: 'step' } },
      ['template main, call task: templateRef names WorkflowTemplate missing, which is not in namespace ns'],
    ],
    [{ templateRef: { name: 'callee', template: 'nope' } }, ['template main, call task: WorkflowTemplate callee has no template nope']],
    [
      { templateRef: { name: 'callee', template: 'step' }, arguments: { parameters: [{ name: 'C', value: 'x' }] } },
      ['template main, call task: passes C, which is not declared', 'template main, call task: does not pass A, which is required'],
    ],
    [{ template: 'local' }, ['template main, call task: no template local in this workflow']],
  ])('%j', (call, expected) => {
    expect(workflowReferenceProblems(env(callee, caller(call))).map((p) => p.message)).toEqual(expected);
  });

  test('a workflowTemplateRef to a missing template', () => {
    const workflow: Manifest = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'w', namespace: 'ns' },
      spec: { workflowTemplateRef: { name: 'nope' } },
    };
    expect(workflowReferenceProblems(env(workflow)).map((p) => p.message)).toEqual(['workflowTemplateRef nope names no WorkflowTemplate in namespace ns']);
  });
});

/** The reference's WorkflowTemplates (inventory §3.2) that prod runs, by the tier they run in. */
const REFERENCE_WORKFLOW_TEMPLATES: Record<string, string[]> = {
  backend: [
    'advise',
    'provenance-check',
    'parse-adviser-output',
    'parse-provenance-checker-output',
    'trigger-integration',
    'kebechet-run-results',
    'kebechet',
    'kebechet-run-url',
    'kebechet-administrator',
    'update-kebechet-installation',
    'purge',
    'create-purge-issues',
    'graph-sync',
    'send-message',
    'send-messages',
    'send-webhooks',
  ],
  'amun-inspection': [
    'inspection-build-template',
    'inspection-build-with-cpu-template',
    'inspection-run-template',
    'inspection-run-with-cpu-template',
    'create-inspection-complete-message',
    'dm',
    'graph-sync',
    'send-messages',
  ],
  middletier: [
    'solver-any',
    'parse-solver-output',
    'revsolve',
    'extract-packages',
    'parse-buildlog',
    'download-package',
    'bandit',
    'cloc',
    'aggregator',
    'graph-sync',
    'mi',
    'mi-merge',
    'send-messages',
  ],
};

test('prod has the reference WorkflowTemplates of backend, middletier and amun-inspection under their names', async () => {
  const env = await realEnvironment('prod');
  const rendered = manifestsOf(await renderReal('prod'));
  for (const [tier, names] of Object.entries(REFERENCE_WORKFLOW_TEMPLATES)) {
    const namespace = namespaceOf(env, tier as 'backend');
    const present = rendered.filter((m) => m.kind === 'WorkflowTemplate' && m.metadata.namespace === namespace).map((m) => m.metadata.name);
    expect({ tier, missing: names.filter((each) => !present.includes(each)) }).toEqual({ tier, missing: [] });
  }
});

test('the prescriptions CronWorkflows run weekly in UTC, never overlapping, suspended where the environment says', async () => {
  const stage = manifestsOf(await renderReal('stage')).filter((m) => m.kind === 'CronWorkflow');
  expect(stage.map((m) => m.metadata.name).sort()).toEqual(
    ['gh', 'image-analysis', 'pg', 'pypi', 'quay', 'scorecards'].map((suffix) => `prescriptions-refresh-${suffix}`),
  );
  for (const cron of stage) expect(cron.spec).toMatchObject({ schedules: ['@weekly'], timezone: 'Etc/UTC', concurrencyPolicy: 'Forbid', suspend: true });
});
