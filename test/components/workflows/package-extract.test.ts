/**
 * package-extract (components/package-extract/): the image analyses the investigator and the user
 * API submit (package-extract-workflow, build-analysis-workflow) and the steps they share.
 */
import {
  account,
  argumentsOf,
  accountsOf,
  callsOutOf,
  danglingCallsOf,
  entryContract,
  imagesBuiltBy,
  inputsOf,
  namespaceOfTier,
  specOf,
  templateOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('middletier');
const spec = (name: string) => specOf(workflowTemplate(name, NAMESPACE));

test('renders extract-packages, parse-buildlog and the entries package-extract-workflow and build-analysis-workflow', () => {
  expect(templatesBuiltBy('package-extract')).toEqual(['build-analysis-workflow', 'extract-packages', 'package-extract-workflow', 'parse-buildlog']);
});

test('package-extract-workflow declares what its callers pass, plus THOTH_FORCE_SYNC off; kept 5 minutes', () => {
  expect(entryContract('package-extract')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: { THOTH_FORCE_SYNC: '0' } });
  // Syncing into the graph is opt-in: the document is only stored unless the caller asks.
  expect(argumentsOf(workflowTemplate('package-extract-workflow', NAMESPACE))).toMatchObject({
    THOTH_SYNC_PACKAGE_EXTRACT: '0',
    THOTH_ANALYZER_NO_TLS_VERIFY: '0',
    THOTH_PACKAGE_EXTRACT_METADATA: '{}',
  });
  expect(spec('package-extract-workflow')).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 300 }, activeDeadlineSeconds: 3000 });
});

test('build-analysis-workflow declares what its callers pass, plus THOTH_FORCE_SYNC off; kept 2 hours', () => {
  expect(entryContract('build-analysis')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: { THOTH_FORCE_SYNC: '0' } });
  expect(spec('build-analysis-workflow')).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 7200 }, activeDeadlineSeconds: 3000 });
  // Every input but the job id is optional: each analysis runs only when its input was given.
  const main = templateOf(workflowTemplate('build-analysis-workflow', NAMESPACE), 'main');
  expect(main.dag?.tasks.filter((task) => !('when' in task) && !('depends' in task)).map((task) => task.name)).toEqual([]);
});

test('extract-packages requests 1 GiB and may use 4 GiB, with a writable /var/tmp beside its output', () => {
  const extract = templateOf(workflowTemplate('extract-packages', NAMESPACE), 'extract-packages');
  expect(extract.container?.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '4Gi' } });
  expect((extract.container as { volumeMounts?: { mountPath: string }[] }).volumeMounts?.map((mount) => mount.mountPath)).toContain('/var/tmp');
  expect(inputsOf(extract)).toMatchObject({ THOTH_REGISTRY_CREDENTIALS: '', THOTH_LOG_PACKAGE_EXTRACT: 'INFO' });
});

test('runs package-extract and buildlog-parser at the versions table tags', () => {
  expect(imagesBuiltBy('package-extract')).toEqual([thothImage('buildlog-parser'), thothImage('package-extract')].sort());
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('package-extract')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("syncs analyses with graph-sync's template, which exists in its namespace", () => {
  expect(callsOutOf('package-extract')).toEqual(['graph-sync/graph-sync']);
  expect(danglingCallsOf('package-extract')).toEqual([]);
});

test('build-analysis-workflow parses the build log only when both its document id and the parser id are given (docs/quirks.md Q47)', () => {
  const tasks = templateOf(workflowTemplate('build-analysis-workflow', NAMESPACE), 'main').dag?.tasks as { name: string; when?: string }[];
  expect(tasks.find((task) => task.name === 'parse-buildlog')?.when).toBe(
    "'{{workflow.parameters.THOTH_BUILD_ANALYSIS_BUILDLOG_DOCUMENT_ID}}' != '' && '{{workflow.parameters.THOTH_BUILD_ANALYSIS_BUILDLOG_PARSER_ID}}' != ''",
  );
});
