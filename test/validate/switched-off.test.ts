/**
 * A component switched off renders nothing, and what still calls it fails validation with a message
 * that names the switch: `components.graph-sync.enabled: false` (issue 15).
 */
import { renderEnvironment } from '../../src/synth/render.js';
import { workflowReferenceProblems } from '../../src/validate/workflow-references.js';
import { manifestsOf, realEnvironment, TEST_IMAGE_TAGS } from '../helpers.js';
import { THOTH } from '../../platforms/thoth/platform.js';

test('graph-sync switched off: none of its templates is rendered, and each caller is told which switch removed them', async () => {
  const stage = await realEnvironment('stage');
  const env = { ...stage, components: { ...stage.components, 'graph-sync': { ...stage.components['graph-sync'], enabled: false } } };
  const rendered = renderEnvironment(THOTH, env, TEST_IMAGE_TAGS);
  const graphSyncTemplates = manifestsOf(rendered).filter(
    (manifest) => manifest.kind === 'WorkflowTemplate' && manifest.metadata.name.startsWith('graph-sync'),
  );
  expect(graphSyncTemplates).toEqual([]);

  const problems = workflowReferenceProblems(rendered).map((problem) => `${problem.object.manifest.metadata.name}: ${problem.message}`);
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) expect(problem).toContain('graph-sync is switched off (components.graph-sync.enabled: false in environments/stage.yaml)');
  // Every workflow that syncs a document into the graph is among the callers.
  const callers = new Set(problems.map((problem) => problem.split(':')[0]));
  expect([...callers].sort()).toEqual(expect.arrayContaining(['adviser-workflow', 'revsolver-workflow', 'security-indicators-workflow', 'solver-workflow']));
});

test('switched on (the default), nothing is missing', async () => {
  const rendered = renderEnvironment(THOTH, await realEnvironment('stage'), TEST_IMAGE_TAGS);
  expect(workflowReferenceProblems(rendered)).toEqual([]);
});
