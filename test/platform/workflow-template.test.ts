import { App, Chart } from 'cdk8s';
import { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { bareEnvironment } from '../helpers.js';

const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };

function setup() {
  const chart = new Chart(new App({ outdir: 'unused' }), 'unit');
  const env = bareEnvironment();
  const callee = new WorkflowTemplate(chart, 'callee', { env, name: 'callee', namespace: 'ns', component: 'x' });
  const step = callee.addContainer('step', { image: 'img:v1', parameters: [{ name: 'A' }, { name: 'B', default: '1' }], resources });
  const caller = new WorkflowTemplate(chart, 'caller', { env, name: 'caller', namespace: 'ns', component: 'x' });
  const validate = () => chart.node.findAll().flatMap((construct) => construct.node.validate());
  return { chart, env, callee, step, caller, validate };
}

describe('WorkflowTemplate checks its calls when the tree is validated', () => {
  test('a sound call passes', () => {
    const { caller, step, validate } = setup();
    caller.setEntrypoint(caller.addDag('main', { tasks: [{ name: 't', template: step, parameters: { A: 'x' } }] }));
    expect(validate()).toEqual([]);
  });

  test('an undeclared parameter and a missing required one', () => {
    const { caller, step, validate } = setup();
    caller.addDag('main', { tasks: [{ name: 't', template: step, parameters: { C: 'x' } }] });
    expect(validate()).toEqual([
      'WorkflowTemplate ns/caller, template main, call t: passes parameter C, which callee/step does not declare (it declares A, B)',
      'WorkflowTemplate ns/caller, template main, call t: does not pass A, which callee/step requires',
    ]);
  });

  test('a dependency on an unknown task', () => {
    const { caller, step, validate } = setup();
    caller.addDag('main', { tasks: [{ name: 't', template: step, parameters: { A: 'x' }, dependencies: ['nope'] }] });
    expect(validate()).toEqual(['WorkflowTemplate ns/caller, template main, call t: depends on "nope", which is no task of main']);
  });

  test('a call into another namespace', () => {
    const { chart, env, step, validate } = setup();
    const elsewhere = new WorkflowTemplate(chart, 'elsewhere', { env, name: 'elsewhere', namespace: 'other', component: 'x' });
    elsewhere.addDag('main', { tasks: [{ name: 't', template: step, parameters: { A: 'x' } }] });
    expect(validate()).toContain(
      'WorkflowTemplate other/elsewhere, template main, call t: calls callee/step in namespace ns; a templateRef resolves only in its own namespace',
    );
    expect(validate()).toContain('WorkflowTemplate ns/caller has no template');
  });

  test('an entrypoint of another WorkflowTemplate', () => {
    const { caller, step, validate } = setup();
    caller.addDag('main', { tasks: [] });
    caller.setEntrypoint(step);
    expect(validate()).toEqual(['WorkflowTemplate ns/caller: entrypoint and onExit must be its own templates, not callee/step']);
  });

  test('a template defined twice throws at once, naming it', () => {
    const { callee } = setup();
    expect(() => callee.addContainer('step', { image: 'img:v1', resources })).toThrow('WorkflowTemplate callee: template "step" is defined twice');
  });

  test('a local call renders as template, a remote one as templateRef; steps render as lists', () => {
    const { caller, step } = setup();
    const local = caller.addContainer('local', { image: 'img:v1', resources });
    caller.setEntrypoint(
      caller.addSteps('main', {
        steps: [
          [
            { name: 'a', template: local },
            { name: 'b', template: step, parameters: { A: 'x' } },
          ],
        ],
      }),
    );
    const spec = (caller.node.findChild('Resource') as any).toJson().spec;
    expect(spec.entrypoint).toBe('main');
    expect(spec.templates.find((t: any) => t.name === 'main').steps).toEqual([
      [
        { name: 'a', template: 'local' },
        { name: 'b', templateRef: { name: 'callee', template: 'step' }, arguments: { parameters: [{ name: 'A', value: 'x' }] } },
      ],
    ]);
    // Each container template carries its own volumes and pod security, for callers that only reference it.
    expect(spec.templates.find((t: any) => t.name === 'local')).toMatchObject({
      volumes: [{ name: 'writable-tmp', emptyDir: {} }],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    });
  });
});

describe('task outputs', () => {
  test('reading a task that may be skipped needs a dependency on its success; artifacts must be declared', () => {
    const { caller, step, validate } = setup();
    const maybe = caller.addContainer('maybe', { image: 'img:v1', resources, outputParameters: [{ name: 'x', valueFrom: { path: '/tmp/x' } }] });
    caller.addDag('main', {
      tasks: [
        { name: 'first', template: maybe, when: '{{workflow.parameters.go}} == 1' },
        { name: 'second', template: step, dependencies: ['first'], parameters: { A: '{{tasks.first.outputs.parameters.x}}' } },
        { name: 'third', template: step, parameters: { A: '{{tasks.first.outputs.parameters.x}}' } },
        {
          name: 'fourth',
          template: step,
          depends: 'first.Succeeded',
          parameters: { A: '{{tasks.first.outputs.parameters.x}}' },
          artifacts: [{ name: 'extra', raw: { data: 'x' } }],
        },
      ],
    });
    expect(validate()).toEqual([
      'WorkflowTemplate ns/caller, template main, call second: reads outputs of "first", which may be skipped; depend on "first.Succeeded"',
      'WorkflowTemplate ns/caller, template main, call third: reads outputs of "first" without depending on it',
      'WorkflowTemplate ns/caller, template main, call fourth: passes artifact extra, which callee/step does not declare',
    ]);
  });
});
