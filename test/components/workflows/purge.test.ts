/**
 * purge (components/purge/): purge-workflow, which deletes a retired version's data and then opens
 * the follow-up issues; its alert watches the metrics create-purge-issues pushes.
 */
import { objectsOf } from '../../../src/synth/manifest.js';
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
  rendered,
  specOf,
  templateOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
  workflowTasksImage,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('backend');

test('renders purge, create-purge-issues and the entry purge-workflow', () => {
  expect(templatesBuiltBy('purge')).toEqual(['create-purge-issues', 'purge', 'purge-workflow']);
});

test('purge-workflow declares what its callers pass; every filter is empty (none) unless given (docs/quirks.md Q41)', () => {
  expect(entryContract('purge').undeclared).toEqual([]);
  expect(entryContract('purge').requiredButNotPassed).toEqual([]);
  expect(entryContract('purge').extras).toEqual({
    THOTH_PURGE_OPERATING_SYSTEM_NAME: '',
    THOTH_PURGE_OPERATING_SYSTEM_VERSION: '',
    THOTH_PURGE_PYTHON_VERSION: '',
    THOTH_PURGE_DEBUG: '0',
    THOTH_PURGE_PACKAGE_EXTRACT_VERSION: '',
    THOTH_PURGE_PACKAGE_EXTRACT_END_DATETIME: '',
    THOTH_PURGE_ADVISER_VERSION: '',
    THOTH_PURGE_ADVISER_END_DATETIME: '',
  });
  expect(argumentsOf(workflowTemplate('purge-workflow', NAMESPACE)).THOTH_PURGE_JOB_SUBCOMMAND).toBe('<required>');
  expect(specOf(workflowTemplate('purge-workflow', NAMESPACE))).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 7200 }, activeDeadlineSeconds: 3000 });
});

test('the purge step (template purge-job) retries 3 times, backing off from 30 s', () => {
  expect(templateOf(workflowTemplate('purge', NAMESPACE), 'purge-job').retryStrategy).toEqual({
    limit: '3',
    retryPolicy: 'Always',
    backoff: { duration: '30s', factor: '2' },
  });
});

test("create-purge-issues opens issues with Kebechet's token (docs/quirks.md Q42), and pushes what its alert reads", () => {
  const env = Object.fromEntries(containersOf(workflowTemplate('create-purge-issues', NAMESPACE)).flatMap((c) => (c.env ?? []).map((e) => [e.name, e])));
  expect(env.GITHUB_KEBECHET_TOKEN?.valueFrom).toEqual({ secretKeyRef: { name: 'kebechet', key: 'github-oauth-token' } });
  expect(env.GITHUB_APP_ID).toBeUndefined();
  expect(env.PROMETHEUS_PUSHGATEWAY_URL).toBeDefined();
  const rules = objectsOf(rendered()).filter((o) => o.manifest.kind === 'PrometheusRule' && o.constructPath.split('/')[1] === 'purge');
  expect(rules.map((o) => o.manifest.metadata.namespace)).toEqual([namespaceOfTier('infra')]);
  expect(JSON.stringify(rules[0]?.manifest.spec)).toContain('thoth_number_purge_issues_created');
});

test('runs purge-job at the versions table tag and create-purge-issues on workflow-tasks at its content tag', () => {
  expect(imagesBuiltBy('purge')).toEqual([thothImage('purge-job'), workflowTasksImage()].sort());
  expect(containersOf(workflowTemplate('create-purge-issues', NAMESPACE)).map((c) => c.args)).toEqual([['create-purge-issues']]);
});

test("runs as its namespace's workflow account, which may only report step results; calls only its own templates", () => {
  expect(accountsOf('purge')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
  expect(callsOutOf('purge')).toEqual([]);
  expect(danglingCallsOf('purge')).toEqual([]);
});
