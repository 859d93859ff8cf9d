/**
 * trigger-integration and send-webhooks run as the image runs them (in process): the output
 * parameters written; each callback the user API kept called once over HTTP, failures tried again,
 * and the callback Secret deleted at a strict local API server.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInProcess } from '../../../../test/services/job-programs.js';
import { KubeApiServer } from '../../../../test/services/kube-api-server.js';
import { workflowTasksProgram } from '../program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(workflowTasksProgram, 'workflow-tasks', args, env);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workflow-tasks-webhooks-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('trigger-integration writes the three output parameters, empty where the advise has none', async () => {
  const metadata = JSON.stringify({ source_type: 'KEBECHET', origin: 'https://github.com/thoth-station/s2i' });
  expect((await run(['trigger-integration'], { THOTH_ADVISER_METADATA: metadata, THOTH_INTEGRATION_OUTPUT_DIR: dir })).exitCode).toBe(0);
  const read = (name: string) => readFile(path.join(dir, name), 'utf8');
  expect([await read('source_type'), await read('metadata_origin'), await read('git_service')]).toEqual([
    'KEBECHET',
    'https://github.com/thoth-station/s2i',
    'github',
  ]);
  expect((await run(['trigger-integration'], { THOTH_INTEGRATION_OUTPUT_DIR: dir })).exitCode).toBe(0);
  expect([await read('source_type'), await read('metadata_origin'), await read('git_service')]).toEqual(['', '', '']);
  const bad = await run(['trigger-integration'], { THOTH_ADVISER_METADATA: '{', THOTH_INTEGRATION_OUTPUT_DIR: dir });
  expect([bad.exitCode, bad.stderr.startsWith('workflow-tasks: THOTH_ADVISER_METADATA')]).toEqual([1, true]);
});

describe('send-webhooks', () => {
  const NAMESPACE = 'thoth-backend';
  let api: KubeApiServer;
  let receiver: Server;
  let received: { path: string; authorization: string | undefined; contentType: string | undefined; body: unknown }[];
  /** Status codes the receiver answers, in order, then 200. */
  let answers: number[];
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = new KubeApiServer({ namespaces: [NAMESPACE] });
    await api.start();
    receiver = createServer((request: IncomingMessage, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          body: JSON.parse(text),
        });
        response.writeHead(answers.shift() ?? 200, { 'retry-after': '0' }).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  beforeEach(async () => {
    received = [];
    answers = [];
    await writeFile(path.join(dir, 'token'), api.token);
    env = {
      WEBHOOK_DIR: path.join(dir, 'callback'),
      DOCUMENT_ID: 'adviser-1',
      THOTH_BACKEND_NAMESPACE: NAMESPACE,
      KUBERNETES_API_URL: api.url,
      KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
      // Plain http to the local server: no certificate to verify.
      KUBERNETES_VERIFY_TLS: '0',
      THOTH_WEBHOOK_TIMEOUT_SECONDS: '5',
    };
    await mkdir(env.WEBHOOK_DIR!);
    // As the kubelet mounts a Secret: its own `..data` entries beside one file per key.
    await mkdir(path.join(env.WEBHOOK_DIR!, '..data'));
    api.putObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'callback-adviser-1', namespace: NAMESPACE }, data: {} });
  });

  const callback = (name: string, entry: object) => writeFile(path.join(env.WEBHOOK_DIR!, name), JSON.stringify(entry));
  const secretExists = () => api.getObject({ apiVersion: 'v1', kind: 'Secret', namespace: NAMESPACE, name: 'callback-adviser-1' }) !== undefined;

  test('calls each webhook with the analysis id and its client data as JSON, then deletes the Secret', async () => {
    await callback('aaa', { callbackurl: `${base}/one`, Authorization: 'Basic abc', client_data: { nested: { list: [1, 2] } } });
    await callback('bbb', { callbackurl: `${base}/two`, Authorization: null, client_data: null });
    expect((await run(['send-webhooks'], env)).exitCode).toBe(0);
    expect(received.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      {
        path: '/one',
        authorization: 'Basic abc',
        contentType: 'application/json',
        body: { document_id: 'adviser-1', client_data: { nested: { list: [1, 2] } } },
      },
      { path: '/two', authorization: undefined, contentType: 'application/json', body: { document_id: 'adviser-1', client_data: null } },
    ]);
    expect(secretExists()).toBe(false);
    // Retried after the Secret is gone (and its volume empty): nothing called, no error.
    await rm(env.WEBHOOK_DIR!, { recursive: true });
    await mkdir(env.WEBHOOK_DIR!);
    expect((await run(['send-webhooks'], env)).exitCode).toBe(0);
    expect(received).toHaveLength(2);
  });

  test('a 503 is tried again; a 404 is final: the others are still called, the Secret deleted, and the step fails', async () => {
    answers = [503];
    await callback('aaa', { callbackurl: `${base}/flaky`, client_data: {} });
    const attempts = { ...env, THOTH_WEBHOOK_ATTEMPTS: '2' };
    expect((await run(['send-webhooks'], attempts)).exitCode).toBe(0);
    expect(received.map((call) => call.path)).toEqual(['/flaky', '/flaky']);

    received = [];
    answers = [404];
    api.putObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'callback-adviser-1', namespace: NAMESPACE }, data: {} });
    await callback('bbb', { callbackurl: `${base}/fine`, client_data: {} });
    const { exitCode, stdout } = await run(['send-webhooks'], attempts);
    expect(exitCode).toBe(1);
    expect(received).toHaveLength(2);
    expect(stdout).toContain('answered 404');
    expect(secretExists()).toBe(false);
  });

  test('a callback file that is not a webhook stops the step before any is called', async () => {
    await callback('aaa', { callbackurl: `${base}/one` });
    await writeFile(path.join(env.WEBHOOK_DIR!, 'bbb'), 'not json');
    expect((await run(['send-webhooks'], env)).exitCode).toBe(1);
    expect(received).toEqual([]);
    expect(secretExists()).toBe(true);
  });
});
