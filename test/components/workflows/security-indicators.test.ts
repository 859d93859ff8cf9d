/**
 * security-indicators (components/security-indicators/): security-indicators-workflow, which the
 * investigator submits: download a release onto a volume claimed per workflow, run bandit then cloc
 * on it, aggregate, sync; or send the download's message when there is no release.
 */
import {
  account,
  argumentsOf,
  accountsOf,
  callsOutOf,
  containersOf,
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
  workflowTasksImage,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('middletier');
const entry = () => workflowTemplate('security-indicators-workflow', NAMESPACE);

test('renders download-package, bandit, cloc, aggregator and the entry security-indicators-workflow', () => {
  expect(templatesBuiltBy('security-indicators')).toEqual(['aggregator', 'bandit', 'cloc', 'download-package', 'security-indicators-workflow']);
});

test('security-indicators-workflow declares exactly what the investigator passes; the graph keeps what it has unless forced', () => {
  expect(entryContract('security-indicators')).toEqual({ undeclared: [], requiredButNotPassed: [], extras: {} });
  expect(argumentsOf(entry())).toMatchObject({ THOTH_FORCE_SYNC: '0' });
  // Only process_data writes a record the graph sync can store (aggregator.ts).
  const aggregation = specOf(entry()).arguments?.parameters.find((p) => p.name === 'THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION');
  expect(aggregation?.enum).toEqual(['process_data']);
  expect(specOf(entry())).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 25 }, activeDeadlineSeconds: 3000 });
});

test('claims its 2 GiB package volume per workflow and deletes it when the workflow completes (docs/quirks.md Q44)', () => {
  expect(specOf(entry()).volumeClaimTemplates).toEqual([
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'package' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    },
  ]);
  expect(specOf(entry()).volumeClaimGC).toEqual({ strategy: 'OnWorkflowCompletion' });
});

test('bandit and cloc read the package from the volume, one after the other (a ReadWriteOnce volume attaches to one node)', () => {
  const tasks = templateOf(entry(), 'main').dag!.tasks as { name: string; templateRef?: { template: string }; depends?: string }[];
  expect(tasks.find((task) => task.name === 'bandit')).toMatchObject({ templateRef: { template: 'bandit-from-dir' }, depends: 'download-package.Succeeded' });
  expect(tasks.find((task) => task.name === 'cloc')).toMatchObject({ templateRef: { template: 'cloc-from-dir' }, depends: 'bandit.Succeeded' });
  expect(inputsOf(templateOf(workflowTemplate('bandit', NAMESPACE), 'bandit-from-dir'))).toMatchObject({ THOTH_SI_BANDIT_DIR: '/mnt/workdir/package' });
  expect(inputsOf(templateOf(workflowTemplate('cloc', NAMESPACE), 'cloc-from-dir'))).toMatchObject({ THOTH_SI_CLOC_DIR: '/mnt/workdir/package' });
});

test('runs si-bandit, si-cloc and si-aggregator at the versions table tags, download-package on workflow-tasks at its content tag', () => {
  expect(imagesBuiltBy('security-indicators')).toEqual(
    [thothImage('si-aggregator'), thothImage('si-bandit'), thothImage('si-cloc'), workflowTasksImage()].sort(),
  );
  expect(containersOf(workflowTemplate('download-package', NAMESPACE)).map((c) => c.args)).toEqual([['download-package']]);
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('security-indicators')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("calls graph-sync's and workflow-core's templates, which exist in its namespace", () => {
  expect(callsOutOf('security-indicators')).toEqual(['graph-sync/graph-sync', 'send-messages/send-messages']);
  expect(danglingCallsOf('security-indicators')).toEqual([]);
});
