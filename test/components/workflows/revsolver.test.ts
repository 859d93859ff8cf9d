/**
 * revsolver (components/revsolver/): revsolver-workflow, which the investigator submits for a new
 * release; its revsolve step runs as an account of its own that reads the solvers list.
 */
import {
  account,
  accountsOf,
  callsOutOf,
  danglingCallsOf,
  entryContract,
  imagesBuiltBy,
  inputsOf,
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

test('renders revsolve and the entry revsolver-workflow', () => {
  expect(templatesBuiltBy('revsolver')).toEqual(['revsolve', 'revsolver-workflow']);
});

test('revsolver-workflow is in the middletier namespace and declares what the investigator passes, plus THOTH_FORCE_SYNC off', () => {
  expect(entryContract('revsolver')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: { THOTH_FORCE_SYNC: '0' } });
  // The reference Template: kept 25 s, an hour to run.
  expect(specOf(workflowTemplate('revsolver-workflow', NAMESPACE))).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 25 }, activeDeadlineSeconds: 3600 });
});

test('revsolve retries twice and logs at INFO unless asked', () => {
  const revsolve = templateOf(workflowTemplate('revsolve', NAMESPACE), 'revsolve');
  expect(revsolve.retryStrategy).toEqual({ limit: '2', retryPolicy: 'Always' });
  expect(inputsOf(revsolve)).toMatchObject({ THOTH_LOG_REVSOLVER: 'INFO' });
  expect(revsolve.container?.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
});

test('runs revsolver at the versions table tag', () => {
  expect(imagesBuiltBy('revsolver')).toEqual([thothImage('revsolver')]);
});

test('revsolve runs as revsolver, which may report step results and read the solvers ConfigMap of its namespace, nothing else', () => {
  expect(accountsOf('revsolver')).toEqual([`${NAMESPACE}/argo-workflow`, `${NAMESPACE}/revsolver`]);
  expect(templateOf(workflowTemplate('revsolve', NAMESPACE), 'revsolve').serviceAccountName).toBe('revsolver');
  expect(account('revsolver', NAMESPACE)).toEqual({
    rendered: true,
    mountsToken: true,
    permissions: [`${NAMESPACE} argoproj.io/workflowtaskresults: create,patch`, `${NAMESPACE} core/configmaps/solvers: get`],
  });
  // The program lists the solvers from the namespace it runs in (THOTH_INFRA_NAMESPACE, docs/quirks.md Q43).
  expect(objectOf('ConfigMap', 'solvers', NAMESPACE)).toBeDefined();
  const infra = templateOf(workflowTemplate('revsolve', NAMESPACE), 'revsolve').container?.env?.find((e) => e.name === 'THOTH_INFRA_NAMESPACE');
  expect(infra).toEqual({ name: 'THOTH_INFRA_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("syncs its document with graph-sync's template, which exists in its namespace", () => {
  expect(callsOutOf('revsolver')).toEqual(['graph-sync/graph-sync']);
  expect(danglingCallsOf('revsolver')).toEqual([]);
});
