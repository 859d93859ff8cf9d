import { CustomObjectsApi } from '@kubernetes/client-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubeConfigFrom } from '../../../../src/runtime/kubernetes/config.js';
import { WorkflowSubmitter } from '../../../../src/runtime/kubernetes/workflows.js';
import { DEFAULT_NAMESPACES, KubeApiServer } from '../../../../test/services/kube-api-server.js';
import { RunWideFailure } from '../application/schedule-mi.js';
import { dataPaths, kebechetAnalysis, kebechetMerge, repositoryAnalysis } from '../domain/workflows.js';
import { ArgoMiWorkflows } from './argo-workflows.js';

const NAMESPACE = 'thoth-middletier-test';
const WORKFLOWS = { group: 'argoproj.io', version: 'v1alpha1', kind: 'Workflow', plural: 'workflows', namespaced: true } as const;
const paths = dataPaths('thoth-test', '');

let server: KubeApiServer;
let dir: string;
let workflows: ArgoMiWorkflows;

beforeAll(async () => {
  server = new KubeApiServer({ token: 'mi-scheduler-token', namespaces: [...DEFAULT_NAMESPACES, NAMESPACE] });
  server.serve(WORKFLOWS);
  await server.start();
  dir = await mkdtemp(path.join(tmpdir(), 'mi-scheduler-sa-'));
  await writeFile(path.join(dir, 'token'), 'mi-scheduler-token');
  const config = kubeConfigFrom({ KUBERNETES_API_URL: server.url, KUBERNETES_VERIFY_TLS: '0', KUBERNETES_TOKEN_FILE: path.join(dir, 'token') });
  workflows = new ArgoMiWorkflows(new WorkflowSubmitter(config.makeApiClient(CustomObjectsApi)), NAMESPACE);
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const workflow of server.listObjects('argoproj.io/v1alpha1', 'Workflow', NAMESPACE)) {
    server.deleteObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: NAMESPACE, name: workflow.metadata.name });
  }
  server.denials.length = 0;
});

test('an analysis is a Workflow of mi-analysis-workflow, named after what it asks, its name in WORKFLOW_ID; the same one again is already there', async () => {
  const analysis = repositoryAnalysis('thoth-station/adviser', ['PullRequest', 'Issue'], paths);
  const first = await workflows.submit(analysis);
  expect(first).toEqual({ outcome: 'created', name: expect.stringMatching(/^mi-thoth-station-adviser-analysis-[0-9a-f]{16}$/) });
  const [stored] = server.listObjects('argoproj.io/v1alpha1', 'Workflow', NAMESPACE);
  expect(stored).toMatchObject({
    metadata: {
      name: first.name,
      labels: { 'app.kubernetes.io/managed-by': 'mi-scheduler-job', 'workflows.argoproj.io/workflow-template': 'mi-analysis-workflow' },
    },
    spec: {
      workflowTemplateRef: { name: 'mi-analysis-workflow' },
      arguments: {
        parameters: [
          { name: 'REPOSITORY', value: 'thoth-station/adviser' },
          { name: 'ENTITIES', value: 'PullRequest,Issue' },
          { name: 'KNOWLEDGE_PATH', value: 'thoth-test/mi' },
          { name: 'MI_MERGE_PATH', value: '' },
          { name: 'MI_THOTH', value: '0' },
          { name: 'MI_MERGE', value: '0' },
          { name: 'WORKFLOW_ID', value: first.name },
        ],
      },
    },
  });
  expect(await workflows.submit(analysis)).toEqual({ outcome: 'already-exists', name: first.name });
  expect(server.listObjects('argoproj.io/v1alpha1', 'Workflow', NAMESPACE)).toHaveLength(1);
});

test('a Kebechet analysis of the same repository and the merge are other workflows', async () => {
  const names = [];
  for (const workflow of [repositoryAnalysis('thoth-station/adviser', [], paths), kebechetAnalysis('thoth-station/adviser', paths), kebechetMerge(paths)]) {
    const submitted = await workflows.submit(workflow);
    expect(submitted.outcome).toBe('created');
    names.push(submitted.name);
  }
  expect(new Set(names).size).toBe(3);
  expect(names[2]).toMatch(/^mi-merge-thoth-[0-9a-f]{16}$/);
  const merge = server.getObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: NAMESPACE, name: names[2]! });
  expect(merge?.spec).toMatchObject({ workflowTemplateRef: { name: 'mi-merge-workflow' } });
});

test('an API server that refuses the program stops the run: every other submission would be refused too', async () => {
  server.deny({ verb: 'create', group: 'argoproj.io', resource: 'workflows' });
  const refused = workflows.submit(kebechetMerge(paths));
  await expect(refused).rejects.toBeInstanceOf(RunWideFailure);
  await expect(refused).rejects.toThrow(
    /cannot submit workflow mi-merge-thoth-[0-9a-f]+ \(template mi-merge-workflow\) in thoth-middletier-test: 403 .*check the service account's Role/,
  );
});

test('a namespace the API server does not have stops the run too', async () => {
  const elsewhere = new ArgoMiWorkflows(
    new WorkflowSubmitter(
      kubeConfigFrom({ KUBERNETES_API_URL: server.url, KUBERNETES_VERIFY_TLS: '0', KUBERNETES_TOKEN_FILE: path.join(dir, 'token') }).makeApiClient(
        CustomObjectsApi,
      ),
    ),
    'thoth-middletier-nowhere',
  );
  await expect(elsewhere.submit(kebechetMerge(paths))).rejects.toBeInstanceOf(RunWideFailure);
});

test('an answer that may be this workflow’s alone (a server error) is one failure, not the run’s', async () => {
  server.failNext(500, 'InternalError', { method: 'POST', path: /\/workflows$/ });
  const failed = workflows.submit(kebechetMerge(paths));
  await expect(failed).rejects.not.toBeInstanceOf(RunWideFailure);
  await expect(failed).rejects.toThrow(/500/);
});
