/**
 * adviser (components/adviser/): adviser-workflow and provenance-checker-workflow, which the
 * investigator submits for the user API's requests, and what they need from graph-sync, kebechet
 * and workflow-core (send-webhooks, send-messages) in the backend namespace.
 */
import {
  account,
  accountsOf,
  argumentsOf,
  callsOutOf,
  containersOf,
  danglingCallsOf,
  entryContract,
  imagesBuiltBy,
  inputsOf,
  namespaceOfTier,
  renderedWith,
  specOf,
  templateOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
  workflowTasksImage,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('backend');

test('renders the step templates and the entries adviser-workflow and provenance-checker-workflow', () => {
  expect(templatesBuiltBy('adviser')).toEqual([
    'advise',
    'adviser-workflow',
    'kebechet-run-results',
    'parse-adviser-output',
    'parse-provenance-checker-output',
    'provenance-check',
    'provenance-checker-workflow',
    'trigger-integration',
  ]);
});

test('adviser-workflow declares what the investigator passes; the rest are the reference’s defaults', () => {
  expect(entryContract('adviser')).toEqual({
    undeclared: [],
    requiredButNotPassed: [],
    extras: {
      THOTH_ADVISER_REQUIREMENTS_FORMAT: 'pipenv',
      THOTH_ADVISER_SEED: '42',
      THOTH_ADVISER_BEAM_WIDTH: '25000',
      THOTH_ADVISER_TIMEOUT_SECONDS: '1500',
      THOTH_FORCE_SYNC: '0',
    },
  });
  expect(specOf(workflowTemplate('adviser-workflow', NAMESPACE))).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 300 }, activeDeadlineSeconds: 3000 });
});

test('provenance-checker-workflow declares what the investigator passes, plus THOTH_FORCE_SYNC off; kept 30 minutes', () => {
  expect(entryContract('provenance-checker')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: { THOTH_FORCE_SYNC: '0' } });
  expect(argumentsOf(workflowTemplate('provenance-checker-workflow', NAMESPACE))).toMatchObject({ THOTH_AUTHENTICATED_PROVENANCE_CHECK: '0' });
  expect(specOf(workflowTemplate('provenance-checker-workflow', NAMESPACE))).toMatchObject({
    ttlStrategy: { secondsAfterCompletion: 1800 },
    activeDeadlineSeconds: 3000,
  });
});

test("advise's deadline is the request's timeout, 1500 s unless given (the program has none of its own)", () => {
  const advise = templateOf(workflowTemplate('advise', NAMESPACE), 'advise');
  expect(advise.activeDeadlineSeconds).toBe('{{inputs.parameters.THOTH_ADVISER_TIMEOUT_SECONDS}}');
  expect(inputsOf(advise)).toMatchObject({ THOTH_ADVISER_TIMEOUT_SECONDS: '1500', THOTH_ADVISER_LIMIT: '100000', THOTH_ADVISER_COUNT: '1' });
  expect(advise.container?.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } });
});

test("runs adviser and kebechet-job at the versions table tags, and this repository's workflow-tasks at its content tag", () => {
  const tasks = workflowTasksImage();
  expect(imagesBuiltBy('adviser')).toEqual([thothImage('adviser'), thothImage('kebechet-job'), tasks].sort());
  for (const parser of ['parse-adviser-output', 'parse-provenance-checker-output', 'trigger-integration']) {
    const [container] = containersOf(workflowTemplate(parser, NAMESPACE));
    expect([container!.image, container!.args]).toEqual([tasks, [parser]]);
  }
});

test('a resolution that fails still has its document synced, and an authenticated one its unresolved packages sent (docs/quirks.md Q11)', () => {
  const tasks = new Map(templateOf(workflowTemplate('adviser-workflow', NAMESPACE), 'main').dag!.tasks.map((task) => [task.name, task]));
  expect(tasks.get('advise')).toMatchObject({ continueOn: { failed: true } });
  expect(tasks.get('parse-adviser-output')).toMatchObject({
    dependencies: ['advise'],
    when: '{{workflow.parameters.THOTH_AUTHENTICATED_ADVISE}} == 1',
    arguments: { artifacts: [{ name: 'outputdocument', from: '{{tasks.advise.outputs.artifacts.outputdocument}}' }] },
  });
  expect(tasks.get('send-messages')).toMatchObject({ depends: 'parse-adviser-output.Succeeded', templateRef: { name: 'send-messages' } });
  const provenance = templateOf(workflowTemplate('provenance-checker-workflow', NAMESPACE), 'main').dag!.tasks.find((task) => task.name === 'provenance-check');
  expect(provenance).toMatchObject({ continueOn: { failed: true } });
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('adviser')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("calls graph-sync's and workflow-core's templates, which exist in its namespace", () => {
  expect(callsOutOf('adviser')).toEqual(['graph-sync/graph-sync', 'send-messages/send-messages', 'send-webhooks/send-webhooks']);
  expect(danglingCallsOf('adviser')).toEqual([]);
});

test('the send-webhooks step it calls runs as send-webhooks, which may also delete the callback Secrets of its namespace', () => {
  expect(templateOf(workflowTemplate('send-webhooks', NAMESPACE), 'send-webhooks').serviceAccountName).toBe('send-webhooks');
  expect(account('send-webhooks', NAMESPACE)).toEqual({
    rendered: true,
    mountsToken: true,
    permissions: [`${NAMESPACE} argoproj.io/workflowtaskresults: create,patch`, `${NAMESPACE} core/secrets: delete`],
  });
});

test("kebechet-run-results runs kebechet-job at kebechet's tag: an environment that pins kebechet runs one version of it", () => {
  const pinned = renderedWith({ kebechet: { imageTag: 'v9.9.9' } });
  const images = containersOf(workflowTemplate('kebechet-run-results', NAMESPACE, pinned)).map((container) => container.image);
  expect(images).toEqual(['quay.io/thoth-station/kebechet-job:v9.9.9']);
});
