/**
 * kebechet (components/kebechet/): the Kebechet runs the investigator and the user API submit, and
 * the `kebechet` Secret, which adviser's and purge's steps read as well.
 */
import { referenceProblems } from '../../../src/validate/references.js';
import {
  account,
  accountsOf,
  argumentsOf,
  builtBy,
  callsOutOf,
  containersOf,
  danglingCallsOf,
  entryContract,
  imagesBuiltBy,
  namespaceOfTier,
  objectOf,
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
const spec = (name: string) => specOf(workflowTemplate(name, NAMESPACE));

test('renders the step templates and the entries kebechet-workflow, kebechet-run-url-workflow, kebechet-administrator-workflow', () => {
  expect(templatesBuiltBy('kebechet')).toEqual([
    'kebechet',
    'kebechet-administrator',
    'kebechet-administrator-workflow',
    'kebechet-run-url',
    'kebechet-run-url-workflow',
    'kebechet-workflow',
    'update-kebechet-installation',
  ]);
});

test.each(['kebechet', 'kebechet-run-url', 'kebechet-administrator'] as const)(
  '%s: the entry is in the backend namespace and declares exactly what its callers pass',
  (purpose) => {
    expect(entryContract(purpose)).toEqual({ undeclared: [], requiredButNotPassed: [], extras: {} });
  },
);

test('the reference Templates’ defaults: no slug, no metadata, no solver; kept 15 minutes, or 10 s (2 minutes failed) for the administrator', () => {
  expect(argumentsOf(workflowTemplate('kebechet-workflow', NAMESPACE))).toMatchObject({ KEBECHET_SLUG: 'null' });
  expect(argumentsOf(workflowTemplate('kebechet-run-url-workflow', NAMESPACE))).toMatchObject({ KEBECHET_METADATA: 'null' });
  expect(argumentsOf(workflowTemplate('kebechet-administrator-workflow', NAMESPACE))).toMatchObject({ THOTH_SOLVER_NAME: '' });
  for (const name of ['kebechet-workflow', 'kebechet-run-url-workflow'])
    expect(spec(name)).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 900 }, activeDeadlineSeconds: 3000 });
  expect(spec('kebechet-administrator-workflow')).toMatchObject({
    ttlStrategy: { secondsAfterSuccess: 10, secondsAfterFailure: 120 },
    activeDeadlineSeconds: 3000,
  });
});

test('update-kebechet-installation retries 5 times, backing off from 10 s', () => {
  expect(templateOf(workflowTemplate('update-kebechet-installation', NAMESPACE), 'update-kebechet-installation').retryStrategy).toEqual({
    limit: '5',
    retryPolicy: 'Always',
    backoff: { duration: '10s', factor: '2' },
  });
});

test('renders the Secret kebechet with every key its steps read, mounted read-only (0440) where they read files', () => {
  const secret = objectOf('ExternalSecret', 'kebechet', NAMESPACE) as { spec: { data: { secretKey: string }[] } } | undefined;
  const keys = secret?.spec.data.map((d) => d.secretKey) ?? [];
  const read = builtBy('kebechet')
    .flatMap(containersOf)
    .flatMap((c) => c.env ?? [])
    .flatMap((e) => (e.valueFrom?.secretKeyRef?.name === 'kebechet' ? [e.valueFrom.secretKeyRef.key] : []));
  expect(read).toContain('github-app-id');
  // GITHUB_PRIVATE_KEY_PATH points into the mount: the key is read as a file.
  expect([...new Set([...read, 'github-private-key'])].filter((key) => !keys.includes(key))).toEqual([]);
  for (const name of ['kebechet', 'kebechet-run-url', 'update-kebechet-installation']) {
    expect(templateOf(workflowTemplate(name, NAMESPACE), name).volumes).toContainEqual({
      name: 'kebechet-secrets',
      secret: { secretName: 'kebechet', defaultMode: 0o440 },
    });
  }
});

test('switched off, the steps of adviser and purge that read its Secret fail validation, naming the switch', () => {
  const problems = referenceProblems(renderedWith({ kebechet: { enabled: false } }));
  expect([...new Set(problems.map((p) => p.object.manifest.metadata.name))].sort()).toEqual(['create-purge-issues', 'kebechet-run-results']);
  for (const problem of problems) {
    expect(problem.message).toContain('Secret "kebechet"');
    expect(problem.message).toContain('kebechet is switched off (components.kebechet.enabled: false in environments/unit.yaml)');
  }
});

test("runs kebechet-job at the versions table tag, kebechet-administrator and update-kebechet-installation this repository's workflow-tasks", () => {
  expect(imagesBuiltBy('kebechet')).toEqual([thothImage('kebechet-job'), workflowTasksImage()].sort());
  expect(containersOf(workflowTemplate('update-kebechet-installation', NAMESPACE)).map((c) => c.args)).toEqual([['update-kebechet-installation']]);
  const [administrator] = containersOf(workflowTemplate('kebechet-administrator', NAMESPACE));
  expect([administrator!.image, administrator!.args]).toEqual([workflowTasksImage(), ['kebechet-administrator']]);
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('kebechet')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("sends the administrator's messages with workflow-core's send-messages, which exists in its namespace", () => {
  expect(callsOutOf('kebechet')).toEqual(['send-messages/send-messages']);
  expect(danglingCallsOf('kebechet')).toEqual([]);
  expect(builtBy('kebechet').every((m) => m.metadata.namespace === NAMESPACE)).toBe(true);
});
