/**
 * mi-scheduler-job as its CronJobs run it, against GitHub's REST API (test/services/fake-github.ts),
 * the API server (test/services/kube-api-server.ts, strict, serving Workflows), PostgreSQL and a
 * Pushgateway.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { FakeGitHub } from '../../../test/services/fake-github.js';
import { knowledgeGraphEnv, runInProcess, logLines } from '../../../test/services/job-programs.js';
import { DEFAULT_NAMESPACES, type KubeObject, KubeApiServer } from '../../../test/services/kube-api-server.js';
import { miSchedulerProgram } from './program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(miSchedulerProgram, 'mi-scheduler-job', args, env);

const TOKEN = 'ghp_sesheta_mi_scheduler';
const NAMESPACE = 'thoth-middletier-test';
const WORKFLOW = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' } as const;

describe('without any service', () => {
  test('--help lists the commands, and each command’s help the variables it reads', async () => {
    const top = await run(['--help'], {});
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toContain('Usage: mi-scheduler-job [options] [command]');
    for (const command of ['gh-analysis', 'kebechet-analysis', 'kebechet-merge']) expect(top.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(top.stdout).not.toMatch(/^ {2}migrate/m);

    const reads = async (command: string) => (await run([command, '--help'], {})).stdout;
    const everyCommand = [
      'THOTH_DEPLOYMENT_NAME',
      'THOTH_MIDDLETIER_NAMESPACE',
      'SCHEDULE_SUBDIR',
      'KUBERNETES_API_URL',
      'PROMETHEUS_PUSHGATEWAY_URL',
      'THOTH_LOG_MI_SCHEDULER',
    ];
    const gh = await reads('gh-analysis');
    for (const variable of [...everyCommand, 'MI_SCHEDULER_ORGANIZATIONS', 'MI_SCHEDULER_REPOSITORIES', 'MI_ENTITIES', 'GITHUB_ACCESS_TOKEN'])
      expect(gh).toContain(variable);
    expect(gh).not.toContain('KNOWLEDGE_GRAPH_HOST');
    const kebechet = await reads('kebechet-analysis');
    for (const variable of [...everyCommand, 'GITHUB_ACCESS_TOKEN', 'KNOWLEDGE_GRAPH_HOST']) expect(kebechet).toContain(variable);
    expect(kebechet).not.toContain('MI_SCHEDULER_ORGANIZATIONS');
    const merge = await reads('kebechet-merge');
    for (const variable of everyCommand) expect(merge).toContain(variable);
    expect(merge).not.toContain('GITHUB_ACCESS_TOKEN');
    expect(merge).not.toContain('KNOWLEDGE_GRAPH_HOST');
  });

  test('without a command it prints its usage and exits 1', async () => {
    const { exitCode, stderr } = await run([], {});
    expect(exitCode).toBe(1);
    expect(stderr).toContain('Usage: mi-scheduler-job [options] [command]');
  });

  test.each([
    [
      'gh-analysis',
      'no THOTH_DEPLOYMENT_NAME',
      { MI_SCHEDULER_ORGANIZATIONS: 'thoth-station', GITHUB_ACCESS_TOKEN: TOKEN, THOTH_MIDDLETIER_NAMESPACE: NAMESPACE },
      'mi-scheduler-job: THOTH_DEPLOYMENT_NAME is not set; expected the deployment: first segment of the data paths passed to mi, and the `env` label of the metrics pushed\n',
    ],
    [
      'gh-analysis',
      'neither organisations nor repositories',
      { THOTH_DEPLOYMENT_NAME: 'thoth-test', THOTH_MIDDLETIER_NAMESPACE: NAMESPACE, GITHUB_ACCESS_TOKEN: TOKEN, MI_SCHEDULER_ORGANIZATIONS: ' , ' },
      'mi-scheduler-job: MI_SCHEDULER_ORGANIZATIONS=" , " is invalid; expected GitHub organisations, comma-separated, or repositories in MI_SCHEDULER_REPOSITORIES: with neither there is nothing to analyse\n',
    ],
    [
      'gh-analysis',
      'no GITHUB_ACCESS_TOKEN',
      { THOTH_DEPLOYMENT_NAME: 'thoth-test', THOTH_MIDDLETIER_NAMESPACE: NAMESPACE, MI_SCHEDULER_REPOSITORIES: 'openshift/origin' },
      'mi-scheduler-job: GITHUB_ACCESS_TOKEN is not set; expected the GitHub token (a secret, never logged)\n',
    ],
    [
      'gh-analysis',
      'a repository that is not owner/name',
      { THOTH_DEPLOYMENT_NAME: 'thoth-test', THOTH_MIDDLETIER_NAMESPACE: NAMESPACE, GITHUB_ACCESS_TOKEN: TOKEN, MI_SCHEDULER_REPOSITORIES: 'openshift origin' },
      'mi-scheduler-job: MI_SCHEDULER_REPOSITORIES="openshift origin" is invalid; expected item "openshift origin" of a ","-separated list: expected a repository as owner/name\n',
    ],
    [
      'kebechet-analysis',
      'no knowledge graph',
      { THOTH_DEPLOYMENT_NAME: 'thoth-test', THOTH_MIDDLETIER_NAMESPACE: NAMESPACE, GITHUB_ACCESS_TOKEN: TOKEN },
      'mi-scheduler-job: KNOWLEDGE_GRAPH_HOST is not set; expected the knowledge graph host (pgbouncer in the cluster)\n',
    ],
    [
      'kebechet-merge',
      'a subdirectory outside the deployment',
      { THOTH_DEPLOYMENT_NAME: 'thoth-test', THOTH_MIDDLETIER_NAMESPACE: NAMESPACE, SCHEDULE_SUBDIR: '../elsewhere' },
      'mi-scheduler-job: SCHEDULE_SUBDIR="../elsewhere" is invalid; expected a relative path without "." or ".." segments, such as daily/2024\n',
    ],
  ])('%s with %s: one line naming the variable, exit 1, nothing asked of any service', async (command, _mistake, env, message) => {
    const { exitCode, stderr, stdout } = await run([command], env);
    expect({ exitCode, stderr, stdout }).toEqual({ exitCode: 1, stderr: message, stdout: '' });
  });
});

describe('against GitHub, the API server, PostgreSQL and a Pushgateway', () => {
  let github: FakeGitHub;
  let api: KubeApiServer;
  let database: TestDatabase;
  let gateway: Server;
  let dir: string;
  const pushes: { method: string; url: string; body: string }[] = [];
  let common: Record<string, string>;

  beforeAll(async () => {
    github = new FakeGitHub();
    api = new KubeApiServer({ token: 'mi-scheduler-sa-token', namespaces: [...DEFAULT_NAMESPACES, NAMESPACE] });
    api.serve({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Workflow', plural: 'workflows', namespaced: true });
    gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        pushes.push({ method: request.method!, url: request.url!, body });
        response.writeHead(200).end();
      });
    });
    [database] = await Promise.all([
      createTestDatabase(),
      github.start(),
      api.start(),
      new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve)),
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'mi-scheduler-'));
    await writeFile(path.join(dir, 'token'), 'mi-scheduler-sa-token');
    github.addToken(TOKEN, 'sesheta');
    for (const name of ['adviser', 'solver', 'old-solver']) github.addRepository({ owner: 'thoth-station', name, archived: name === 'old-solver' });
    github.addRepository({ owner: 'openshift', name: 'origin' });
    github.addRepository({ owner: 'openshift', name: 'retired', archived: true });
    github.addRepository({ owner: 'AICoE', name: 'elyra-aidevsecops-tutorial' });
    common = {
      THOTH_DEPLOYMENT_NAME: 'thoth-test',
      THOTH_MIDDLETIER_NAMESPACE: NAMESPACE,
      GITHUB_ACCESS_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
      KUBERNETES_API_URL: api.url,
      KUBERNETES_VERIFY_TLS: '0',
      KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
      PROMETHEUS_PUSHGATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
    };
  });
  afterAll(async () => {
    gateway?.close();
    await Promise.all([github?.stop(), api?.stop(), database?.drop()]);
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const workflow of workflows()) api.deleteObject({ ...WORKFLOW, namespace: NAMESPACE, name: workflow.metadata.name });
    pushes.length = 0;
    github.requests.length = 0;
    api.requests.length = 0;
  });

  const workflows = (): KubeObject[] => api.listObjects(WORKFLOW.apiVersion, WORKFLOW.kind, NAMESPACE);
  /** Each workflow as the template it runs and its parameters. */
  const submitted = () =>
    workflows()
      .map((workflow) => {
        const spec = workflow.spec as { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
        const parameters = Object.fromEntries(spec.arguments.parameters.map(({ name, value }) => [name, value]));
        expect(parameters.WORKFLOW_ID).toBe(workflow.metadata.name);
        const described: Record<string, string | undefined> = { template: spec.workflowTemplateRef.name, ...parameters, WORKFLOW_ID: undefined };
        return described;
      })
      .sort((a, b) => a.REPOSITORY!.localeCompare(b.REPOSITORY!));

  const ghEnv = () => ({
    ...common,
    MI_SCHEDULER_ORGANIZATIONS: 'thoth-station,no-such-org',
    MI_SCHEDULER_REPOSITORIES: 'openshift/origin,openshift/retired,openshift/unknown,THOTH-STATION/adviser,AICoE/elyra-aidevsecops-tutorial',
    MI_ENTITIES: 'PullRequest,Issue',
  });

  test('gh-analysis: one mi analysis per repository, archived and unknown ones skipped with a warning; its metrics pushed; a second run submits nothing new', async () => {
    const first = await run(['gh-analysis'], ghEnv());
    expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const analysis = (repository: string) => ({
      template: 'mi-analysis-workflow',
      REPOSITORY: repository,
      ENTITIES: 'PullRequest,Issue',
      KNOWLEDGE_PATH: 'thoth-test/mi',
      MI_MERGE_PATH: '',
      MI_THOTH: '0',
      MI_MERGE: '0',
      WORKFLOW_ID: undefined,
    });
    expect(submitted()).toEqual(
      ['AICoE/elyra-aidevsecops-tutorial', 'openshift/origin', 'thoth-station/adviser', 'thoth-station/solver']
        .map(analysis)
        .sort((a, b) => a.REPOSITORY.localeCompare(b.REPOSITORY)),
    );
    const lines = logLines(first.stdout);
    expect(lines.filter((line) => line.level === 40).map((line) => [line.name, line.reason])).toEqual([
      ['thoth-station/old-solver', 'archived'],
      ['no-such-org', 'unknown organisation'],
      ['openshift/retired', 'archived'],
      ['openshift/unknown', 'unknown repository'],
    ]);
    expect(lines.at(-1)).toMatchObject({ msg: 'mi workflows scheduled', repositories: 4, skipped: 4, created: 4, alreadySubmitted: 0, failed: 0 });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ method: 'POST', url: '/metrics/job/mi-scheduler-gh' });
    expect(pushes[0]!.body).toContain('thoth_job_items_processed{kind="repository",env="thoth-test"} 4');
    expect(pushes[0]!.body).toContain('thoth_job_items_processed{kind="workflow-created",env="thoth-test"} 4');
    expect(pushes[0]!.body).toContain('thoth_job_last_run_failed{env="thoth-test"} 0');

    const names = workflows().map((workflow) => workflow.metadata.name);
    const again = await run(['gh-analysis'], ghEnv());
    expect(again.exitCode).toBe(0);
    expect(workflows().map((workflow) => workflow.metadata.name)).toEqual(names);
    expect(logLines(again.stdout).at(-1)).toMatchObject({ msg: 'mi workflows scheduled', created: 0, alreadySubmitted: 4, failed: 0 });
    expect(pushes[1]!.body).toContain('thoth_job_items_processed{kind="workflow-already-submitted",env="thoth-test"} 4');
  });

  test('gh-analysis: a repository GitHub fails on is reported, every other one is still submitted, and the run exits 1', async () => {
    github.failNext({ status: 451, message: 'Repository access blocked', path: '/repos/openshift/origin' });
    const result = await run(['gh-analysis'], ghEnv());
    expect(result.exitCode).toBe(1);
    expect(submitted().map((workflow) => workflow.REPOSITORY)).toEqual(['AICoE/elyra-aidevsecops-tutorial', 'thoth-station/adviser', 'thoth-station/solver']);
    const lines = logLines(result.stdout);
    expect(lines.filter((line) => line.level === 50).map((line) => line.target ?? line.msg)).toEqual(['openshift/origin', 'run failed']);
    expect(lines.find((line) => line.target === 'openshift/origin')).toMatchObject({
      error: 'cannot read the repository openshift/origin: 451 Repository access blocked',
    });
    expect(lines.at(-1)).toMatchObject({
      msg: 'run failed',
      err: { message: '1 failed (openshift/origin); everything else was scheduled' },
    });
    expect(pushes[0]!.body).toContain('thoth_job_items_processed{kind="failed",env="thoth-test"} 1');
    expect(pushes[0]!.body).toContain('thoth_job_last_run_failed{env="thoth-test"} 1');
    expect(pushes[0]!.body).not.toContain('thoth_job_last_success_timestamp_seconds');
  });

  test('gh-analysis: a token GitHub refuses stops the run before anything is submitted', async () => {
    const result = await run(['gh-analysis'], { ...ghEnv(), GITHUB_ACCESS_TOKEN: 'ghp_revoked' });
    expect(result.exitCode).toBe(1);
    expect(workflows()).toEqual([]);
    // Refused once: the other organisation and the repositories are not asked with it.
    expect(github.requests).toHaveLength(1);
    expect(logLines(result.stdout).at(-1)).toMatchObject({ msg: 'run failed', err: { message: expect.stringContaining('401 Bad credentials') } });
  });

  test('kebechet-analysis: one analysis with Kebechet metrics per active installation’s repository, each once, checked on GitHub', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query(`
      INSERT INTO kebechet_github_installations (slug, repo_name, private, installation_id, is_active, runtime_environment_name) VALUES
        ('thoth-station/adviser', 'adviser', FALSE, '1', TRUE, 'ubi8'),
        ('thoth-station/adviser', 'adviser', FALSE, '1', TRUE, 'fedora'),
        ('thoth-station/old-solver', 'old-solver', FALSE, '1', TRUE, NULL),
        ('AICoE/elyra-aidevsecops-tutorial', 'elyra-aidevsecops-tutorial', FALSE, '2', TRUE, NULL),
        ('openshift/origin', 'origin', FALSE, '3', FALSE, NULL)
    `);
    await pool.end();
    const result = await run(['kebechet-analysis'], { ...common, ...knowledgeGraphEnv(database.url), SCHEDULE_SUBDIR: 'daily' });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const analysis = (repository: string) => ({
      template: 'mi-analysis-workflow',
      REPOSITORY: repository,
      ENTITIES: 'PullRequest,Issue',
      KNOWLEDGE_PATH: 'thoth-test/mi/daily',
      MI_MERGE_PATH: 'thoth-test/daily/thoth-sli-metrics/kebechet-update-manager',
      MI_THOTH: '1',
      MI_MERGE: '0',
      WORKFLOW_ID: undefined,
    });
    expect(submitted()).toEqual([analysis('AICoE/elyra-aidevsecops-tutorial'), analysis('thoth-station/adviser')]);
    expect(pushes[0]).toMatchObject({ url: '/metrics/job/mi-scheduler-kebechet-analyse' });
    expect(pushes[0]!.body).toContain('thoth_job_items_processed{kind="repository-skipped",env="thoth-test"} 1');
  });

  test('kebechet-merge: one merge, once however often it runs; GitHub is not asked', async () => {
    for (const _ of [1, 2]) expect((await run(['kebechet-merge'], { ...common, GITHUB_ACCESS_TOKEN: '' })).exitCode).toBe(0);
    expect(submitted()).toEqual([
      {
        template: 'mi-merge-workflow',
        REPOSITORY: '',
        ENTITIES: '',
        KNOWLEDGE_PATH: 'thoth-test/mi',
        MI_MERGE_PATH: 'thoth-test/thoth-sli-metrics/kebechet-update-manager',
        MI_THOTH: '1',
        MI_MERGE: '1',
        WORKFLOW_ID: undefined,
      },
    ]);
    expect(github.requests).toEqual([]);
    expect(pushes.map((push) => push.url)).toEqual(['/metrics/job/mi-scheduler-kebechet-merge', '/metrics/job/mi-scheduler-kebechet-merge']);
    expect(pushes[1]!.body).toContain('thoth_job_items_processed{kind="workflow-already-submitted",env="thoth-test"} 1');
  });

  test('a service account without the right to submit stops the run at the first workflow, with the API server’s answer', async () => {
    api.deny({ verb: 'create', group: 'argoproj.io', resource: 'workflows' });
    try {
      const result = await run(['gh-analysis'], ghEnv());
      expect(result.exitCode).toBe(1);
      const attempts = api.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/workflows'));
      expect(attempts.map((request) => request.status)).toEqual([403]);
      expect(logLines(result.stdout).at(-1)).toMatchObject({
        msg: 'run failed',
        err: { message: expect.stringContaining("check the service account's Role") },
      });
      expect(logLines(result.stdout).filter((line) => line.msg === 'failed; going on with the others')).toEqual([]);
    } finally {
      api.denials.length = 0;
    }
  });
});
