/**
 * solver (components/solver/): what the investigator, graph-refresh and the user API rely on when
 * they submit solver-workflow, and what it needs from graph-sync and workflow-core.
 */
import {
  account,
  accountsOf,
  callsOutOf,
  danglingCallsOf,
  entryContract,
  inputsOf,
  namespaceOfTier,
  splitEnvironment,
  specOf,
  templateOf,
  templatesBuiltBy,
  imagesBuiltBy,
  workflowAccount,
  workflowTemplate,
} from './render.js';
import { TEST_IMAGE_TAGS } from '../../helpers.js';

const NAMESPACE = namespaceOfTier('middletier');
const solverAny = () => workflowTemplate('solver-any', NAMESPACE);

test('renders solver-any, parse-solver-output and the entry solver-workflow', () => {
  expect(templatesBuiltBy('solver')).toEqual(['parse-solver-output', 'solver-any', 'solver-workflow']);
});

test('solver-workflow is in the middletier namespace and declares what its callers pass (and only optional extras)', () => {
  expect(entryContract('solver')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: {} });
  // The callers may name only a solver the environment configures (docs/quirks.md Q45).
  const name = specOf(workflowTemplate('solver-workflow', NAMESPACE)).arguments?.parameters.find((p) => p.name === 'THOTH_SOLVER_NAME');
  expect(name?.enum).toEqual(splitEnvironment().solvers);
});

test('solver-workflow is kept 25 s after it completes and may run 50 minutes (the reference Template)', () => {
  expect(specOf(workflowTemplate('solver-workflow', NAMESPACE))).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 25 }, activeDeadlineSeconds: 3000 });
});

test('solve gets 15 minutes; solve-res, the retry after a kernel kill, 30 minutes and twice the resources', () => {
  const [solve, solveRes] = ['solve', 'solve-res'].map((name) => templateOf(solverAny(), name));
  expect(solve).toMatchObject({
    activeDeadlineSeconds: 900,
    container: { resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } } },
  });
  expect(solveRes).toMatchObject({
    activeDeadlineSeconds: 1800,
    container: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } } },
  });
  // Both resolve the full tree by default, from PyPI.
  expect(inputsOf(solve!)).toMatchObject({ THOTH_SOLVER_NO_TRANSITIVE: '1', THOTH_SOLVER_INDEXES: 'https://pypi.org/simple', THOTH_LOG_SOLVER: 'INFO' });
});

test("runs the requested solver image from the registry at the pinned v1.15.0, and this repository's workflow-tasks at its content tag", () => {
  const registry = splitEnvironment().images.registry;
  expect(imagesBuiltBy('solver')).toEqual(
    [`${registry}/{{inputs.parameters.THOTH_SOLVER_NAME}}:v1.15.0`, `${registry}/workflow-tasks:${TEST_IMAGE_TAGS.get('workflow-tasks')}`].sort(),
  );
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('solver')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("calls graph-sync's and workflow-core's templates, which exist in its namespace", () => {
  expect(callsOutOf('solver')).toEqual(['graph-sync/graph-sync', 'send-messages/send-messages']);
  expect(danglingCallsOf('solver')).toEqual([]);
});
