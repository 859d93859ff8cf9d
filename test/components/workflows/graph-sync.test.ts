/**
 * graph-sync (components/graph-sync/): the templates every analysis workflow calls to store its
 * document in the knowledge graph, built once in each namespace that calls them, and the entry
 * graph-sync-workflow the investigator submits.
 */
import { objectsOf } from '../../../src/synth/manifest.js';
import { workflowReferenceProblems } from '../../../src/validate/workflow-references.js';
import {
  account,
  accountsOf,
  builtBy,
  entryContract,
  imagesBuiltBy,
  inputsOf,
  namespaceOfTier,
  rendered,
  renderedWith,
  specOf,
  templateOf,
  templateRefsOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
} from './render.js';

const MIDDLETIER = namespaceOfTier('middletier');
/** The namespaces whose workflows call graph-sync: the analyses (middletier), the adviser's (backend), dm's (amun-inspection). */
const CALLING = (['amun-inspection', 'backend', 'middletier'] as const).map(namespaceOfTier);

test.each(CALLING)('renders graph-sync and graph-sync-workflow in %s', (namespace) => {
  expect(templatesBuiltBy('graph-sync', namespace)).toEqual(['graph-sync', 'graph-sync-workflow']);
});

test('graph-sync-workflow is in the middletier namespace and declares exactly what the investigator passes, all required', () => {
  expect(entryContract('graph-sync')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: {} });
  const entry = builtBy('graph-sync', MIDDLETIER).find((m) => m.metadata.name === 'graph-sync-workflow')!;
  expect(specOf(entry)).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 25 }, activeDeadlineSeconds: 3000 });
});

test('graph-sync (a document passed as an artifact) and graph-sync-not-local (one read by id) retry 3 times, backing off from 10 s', () => {
  const templates = builtBy('graph-sync', MIDDLETIER).find((m) => m.metadata.name === 'graph-sync')!;
  const retry = { limit: '3', retryPolicy: 'Always', backoff: { duration: '10s', factor: '2' } };
  expect(templateOf(templates, 'graph-sync')).toMatchObject({ retryStrategy: retry });
  expect(templateOf(templates, 'graph-sync-not-local')).toMatchObject({ retryStrategy: retry });
  // What the callers pass: the document's id, and whether to overwrite what the graph has (not by default).
  expect(inputsOf(templateOf(templates, 'graph-sync'))).toEqual({ THOTH_DOCUMENT_ID: '<required>', THOTH_FORCE_SYNC: '0' });
  expect(inputsOf(templateOf(templates, 'graph-sync-not-local'))).toEqual({ THOTH_SYNC_DOCUMENT_ID: '<required>', THOTH_FORCE_SYNC: '0' });
});

test('runs graph-sync-job at the versions table tag, as the workflow account of each namespace', () => {
  expect(imagesBuiltBy('graph-sync')).toEqual([thothImage('graph-sync-job')]);
  expect(accountsOf('graph-sync')).toEqual(CALLING.map((namespace) => `${namespace}/argo-workflow`));
  for (const namespace of CALLING) expect(account('argo-workflow', namespace)).toEqual(workflowAccount(namespace));
});

test('switched off, every other workflow that calls it (found from the rendered calls) fails validation, in every namespace', () => {
  const own = new Set(builtBy('graph-sync'));
  const callers = objectsOf(rendered())
    .map((object) => object.manifest)
    .filter((m) => m.kind === 'WorkflowTemplate' && !own.has(m) && templateRefsOf(m).some((ref) => ref.startsWith('graph-sync/')))
    .map((m) => `${m.metadata.namespace}/${m.metadata.name}`)
    .sort();
  expect(callers).toContain(`${namespaceOfTier('amun-inspection')}/dependency-monkey-workflow`);
  const problems = workflowReferenceProblems(renderedWith({ 'graph-sync': { enabled: false } }));
  expect([...new Set(problems.map((p) => `${p.object.manifest.metadata.namespace}/${p.object.manifest.metadata.name}`))].sort()).toEqual(callers);
  for (const problem of problems) expect(problem.message).toContain('graph-sync is switched off (components.graph-sync.enabled: false');
});
