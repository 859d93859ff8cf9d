import { CustomObjectsApi } from '@kubernetes/client-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubeConfigFrom } from '../../src/runtime/kubernetes/config.js';
import type { RequestLimits } from '../../src/runtime/request-limits.js';
import { type WorkflowRequest, WorkflowSubmitError, WorkflowSubmitter, workflowName } from '../../src/runtime/kubernetes/workflows.js';
import { FakeApiServer } from '../services/fake-api-server.js';
import { type SilentServer, startSilentServer } from '../services/silent-server.js';

let server: FakeApiServer;
let submitter: WorkflowSubmitter;
let dir: string;

const solve: WorkflowRequest = {
  template: 'solver-workflow',
  namespace: 'thoth-middletier-prod',
  prefix: 'solver-rhel-8-py38',
  nameParameter: 'THOTH_SOLVER_WORKFLOW_ID',
  parameters: { THOTH_SOLVER_NAME: 'solver-rhel-8-py38', THOTH_SOLVER_PACKAGES: 'flask===2.0.0', THOTH_SOLVER_INDEXES: 'https://pypi.org/simple' },
};

beforeAll(async () => {
  server = new FakeApiServer();
  await server.start();
  dir = await mkdtemp(path.join(tmpdir(), 'thoth-sa-'));
  await writeFile(path.join(dir, 'token'), 'service-account-token');
  const config = kubeConfigFrom({
    KUBERNETES_API_URL: server.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
    KUBERNETES_CA_FILE: path.join(dir, 'ca.crt'),
  });
  submitter = new WorkflowSubmitter(config.makeApiClient(CustomObjectsApi));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  server.workflows.clear();
});

test('the name comes from the inputs: same request, same name; any other input, another name', () => {
  const name = workflowName(solve);
  expect(name).toMatch(/^solver-rhel-8-py38-[0-9a-f]{16}$/);
  expect(workflowName({ ...solve, parameters: { ...solve.parameters } })).toBe(name);
  expect(workflowName({ ...solve, parameters: { ...solve.parameters, THOTH_SOLVER_PACKAGES: 'flask===2.0.1' } })).not.toBe(name);
  expect(workflowName({ ...solve, namespace: 'thoth-middletier-stage' })).not.toBe(name);
  // The parameter that receives the name does not change it.
  expect(workflowName({ ...solve, parameters: { ...solve.parameters, THOTH_SOLVER_WORKFLOW_ID: 'anything' } })).toBe(name);
  const long = workflowName({ ...solve, prefix: 'Kebechet_Administrator for a very long repository name indeed' });
  expect(long.length).toBeLessThanOrEqual(63);
  expect(long).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
});

test('with identity parameters, only they make the name', () => {
  const identified = { ...solve, identity: ['THOTH_SOLVER_NAME', 'THOTH_SOLVER_PACKAGES'] };
  const name = workflowName(identified);
  expect(workflowName({ ...identified, parameters: { ...solve.parameters, THOTH_LOG_SOLVER: 'DEBUG', THOTH_SOLVER_INDEXES: 'elsewhere' } })).toBe(name);
  expect(workflowName({ ...identified, parameters: { ...solve.parameters, THOTH_SOLVER_PACKAGES: 'flask===2.0.1' } })).not.toBe(name);
});

test('a request with its own id is named after it; an id Kubernetes would refuse is a permanent error', () => {
  expect(workflowName({ ...solve, name: 'adviser-241124101010-0123abcd' })).toBe('adviser-241124101010-0123abcd');
  for (const name of ['Adviser_1', 'a'.repeat(64), '-adviser']) {
    expect(() => workflowName({ ...solve, name })).toThrow(
      expect.objectContaining({ retryable: false, message: expect.stringContaining(`"${name}" cannot name a workflow`) }),
    );
  }
});

test('201: creates a Workflow of the template, with the service-account token, its name in the id parameter', async () => {
  const result = await submitter.submit(solve);
  expect(result.outcome).toBe('created');
  const [request] = server.requests;
  expect(request).toMatchObject({
    method: 'POST',
    path: '/apis/argoproj.io/v1alpha1/namespaces/thoth-middletier-prod/workflows',
    authorization: 'Bearer service-account-token',
  });
  expect(request!.body).toEqual({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      name: result.name,
      namespace: 'thoth-middletier-prod',
      labels: { 'app.kubernetes.io/managed-by': 'thoth-investigator', 'workflows.argoproj.io/workflow-template': 'solver-workflow' },
    },
    spec: {
      workflowTemplateRef: { name: 'solver-workflow' },
      arguments: {
        parameters: [
          { name: 'THOTH_SOLVER_NAME', value: 'solver-rhel-8-py38' },
          { name: 'THOTH_SOLVER_PACKAGES', value: 'flask===2.0.0' },
          { name: 'THOTH_SOLVER_INDEXES', value: 'https://pypi.org/simple' },
          { name: 'THOTH_SOLVER_WORKFLOW_ID', value: result.name },
        ],
      },
    },
  });
});

test('409 AlreadyExists: the second submission of the same request is reported, not repeated', async () => {
  const first = await submitter.submit(solve);
  const second = await submitter.submit(solve);
  expect(second).toEqual({ outcome: 'already-exists', name: first.name });
  expect(server.workflows.size).toBe(1);
});

test('403 Forbidden: a refusal for now (the Role may be a sync wave away) that points at the Role; 404: the CRD', async () => {
  server.failNext(403, 'Forbidden');
  const attempt = submitter.submit(solve);
  await expect(attempt).rejects.toBeInstanceOf(WorkflowSubmitError);
  await expect(attempt).rejects.toMatchObject({ status: 403, retryable: 'for-a-while' });
  server.failNext(403, 'Forbidden');
  await expect(submitter.submit(solve)).rejects.toThrow(
    /^cannot submit workflow solver-rhel-8-py38-[0-9a-f]{16} \(template solver-workflow\) in thoth-middletier-prod: 403 injected 403 \(check the service account's Role\)$/,
  );
  server.failNext(404, 'NotFound');
  await expect(submitter.submit(solve)).rejects.toMatchObject({
    status: 404,
    retryable: 'for-a-while',
    message: expect.stringMatching(/\(is the Workflow CRD installed\?\)$/),
  });
});

test('requests share one kept-alive connection (client-node would open one per request)', async () => {
  await submitter.submit(solve);
  await submitter.submit({ ...solve, parameters: { ...solve.parameters, THOTH_SOLVER_PACKAGES: 'flask===9' } });
  await submitter.countPending('thoth-middletier-prod');
  expect(new Set(server.requests.map((request) => request.clientPort)).size).toBe(1);
});

test('5xx and no answer at all are retryable', async () => {
  server.failNext(503, 'ServiceUnavailable');
  await expect(submitter.submit(solve)).rejects.toMatchObject({ status: 503, retryable: true });
  const offline = new WorkflowSubmitter(
    kubeConfigFrom({ KUBERNETES_API_URL: 'http://127.0.0.1:9', KUBERNETES_VERIFY_TLS: '0', KUBERNETES_TOKEN_FILE: path.join(dir, 'token') }).makeApiClient(
      CustomObjectsApi,
    ),
  );
  await expect(offline.submit(solve)).rejects.toMatchObject({ status: undefined, retryable: true });
});

test('422 Invalid is permanent', async () => {
  server.failNext(422, 'Invalid');
  await expect(submitter.submit(solve)).rejects.toMatchObject({ status: 422, retryable: false });
});

test('pending: unfinished workflows that have not started', async () => {
  await submitter.submit(solve);
  await submitter.submit({ ...solve, parameters: { ...solve.parameters, THOTH_SOLVER_PACKAGES: 'django===4.2' } });
  await submitter.submit({ ...solve, parameters: { ...solve.parameters, THOTH_SOLVER_PACKAGES: 'numpy===2.0' } });
  const [running, finished] = [...server.workflows.values()];
  running!.status = { startedAt: '2026-11-24T12:00:00Z' };
  finished!.metadata.labels!['workflows.argoproj.io/completed'] = 'true';
  expect(await submitter.countPending('thoth-middletier-prod')).toBe(1);
  expect(server.requests.at(-1)!.query.get('labelSelector')).toBe('workflows.argoproj.io/completed!=true');
});

describe('an API server that never answers', () => {
  let silent: SilentServer;
  let url: string;
  beforeAll(async () => {
    silent = await startSilentServer();
    url = `http://127.0.0.1:${silent.port}`;
  });
  afterAll(() => silent.close());
  const submitterFor = (limits: RequestLimits) =>
    new WorkflowSubmitter(
      kubeConfigFrom({ KUBERNETES_API_URL: url, KUBERNETES_VERIFY_TLS: '0', KUBERNETES_TOKEN_FILE: path.join(dir, 'token') }).makeApiClient(CustomObjectsApi),
      limits,
    );

  test('fails the attempt after the request timeout, retryable, instead of holding the record', async () => {
    const started = Date.now();
    await expect(submitterFor({ timeoutMs: 300 }).submit(solve)).rejects.toMatchObject({
      status: undefined,
      retryable: true,
      message: expect.stringContaining('no answer within 0.3 s'),
    });
    await expect(submitterFor({ timeoutMs: 300 }).countPending('thoth-middletier-prod')).rejects.toMatchObject({ retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("the program's stop cancels the request in flight at once", async () => {
    const stop = new AbortController();
    const started = Date.now();
    const submitting = submitterFor({ timeoutMs: 60_000, signal: stop.signal }).submit(solve);
    setTimeout(() => stop.abort(), 100);
    await expect(submitting).rejects.toBeInstanceOf(WorkflowSubmitError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
