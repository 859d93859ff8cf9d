/**
 * mi (components/mi/): the meta-information analyses mi-scheduler submits (mi-analysis-workflow,
 * mi-merge-workflow), which read GitHub with the token mi-scheduler also uses.
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
  namespaceOfTier,
  objectOf,
  specOf,
  templateOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('middletier');

test('renders mi and mi-merge and the entries mi-analysis-workflow and mi-merge-workflow', () => {
  expect(templatesBuiltBy('mi')).toEqual(['mi', 'mi-analysis-workflow', 'mi-merge', 'mi-merge-workflow']);
});

test.each([
  ['mi', 'mi-analysis-workflow'],
  ['mi-merge', 'mi-merge-workflow'],
] as const)('%s: %s declares exactly what mi-scheduler passes; kept 10 s, 12000 s to run', (purpose, name) => {
  expect(entryContract(purpose)).toEqual({ undeclared: [], requiredButNotPassed: [], extras: {} });
  expect(specOf(workflowTemplate(name, NAMESPACE))).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 10 }, activeDeadlineSeconds: 12000 });
});

test('an analysis defaults to the Thoth knowledge path and does not merge (docs/quirks.md Q38)', () => {
  expect(argumentsOf(workflowTemplate('mi-analysis-workflow', NAMESPACE))).toEqual({
    WORKFLOW_ID: '<required>',
    REPOSITORY: '',
    ENTITIES: '',
    KNOWLEDGE_PATH: './srcopsmetrics/',
    MI_THOTH: '1',
    MI_MERGE: '0',
    MI_MERGE_PATH: './srcopsmetrics/metrics',
  });
});

test('a merge takes where the Kebechet metrics are, which mi-scheduler passes as the reference did, and hands it to mi', () => {
  expect(argumentsOf(workflowTemplate('mi-merge-workflow', NAMESPACE))).toEqual({
    WORKFLOW_ID: '<required>',
    REPOSITORY: '',
    ENTITIES: '',
    KNOWLEDGE_PATH: './srcopsmetrics/',
    MI_THOTH: '1',
    MI_MERGE: '0',
    MI_MERGE_PATH: './srcopsmetrics/metrics',
  });
  const merge = containersOf(workflowTemplate('mi-merge', NAMESPACE))[0];
  expect(merge?.env).toContainEqual({ name: 'MI_MERGE_PATH', value: '{{inputs.parameters.MI_MERGE_PATH}}' });
});

test('the analyse and merge steps run the program in its mode with 12000 s each', () => {
  const analyse = templateOf(workflowTemplate('mi', NAMESPACE), 'analyse');
  const merge = templateOf(workflowTemplate('mi-merge', NAMESPACE), 'merge');
  expect(analyse).toMatchObject({ activeDeadlineSeconds: 12000, container: { args: ['--create-knowledge'], workingDir: '/tmp' } });
  expect(merge).toMatchObject({ activeDeadlineSeconds: 12000, container: { args: ['--merge'], workingDir: '/tmp' } });
});

test('reads the GitHub token from its Secret mi, an ExternalSecret of mi-scheduler’s remote secret in the same namespace', () => {
  const tokens = ['mi', 'mi-merge']
    .flatMap((name) => containersOf(workflowTemplate(name, NAMESPACE)))
    .map((c) => c.env?.find((e) => e.name === 'GITHUB_ACCESS_TOKEN'));
  expect(tokens).toHaveLength(2);
  for (const token of tokens) expect(token?.valueFrom).toEqual({ secretKeyRef: { name: 'mi', key: 'github-access-token' } });
  const secret = objectOf('ExternalSecret', 'mi', NAMESPACE) as { spec: { data: { secretKey: string; remoteRef: { key: string } }[] } } | undefined;
  expect(secret?.spec.data.map((d) => d.secretKey)).toEqual(['github-access-token']);
  expect(secret?.spec.data[0]?.remoteRef.key).toMatch(/mi-scheduler$/);
});

test('runs mi at the versions table tag', () => {
  expect(imagesBuiltBy('mi')).toEqual([thothImage('mi')]);
});

test("runs as its namespace's workflow account, which may only report step results; calls only its own templates", () => {
  expect(accountsOf('mi')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
  expect(callsOutOf('mi')).toEqual([]);
  expect(danglingCallsOf('mi')).toEqual([]);
});
