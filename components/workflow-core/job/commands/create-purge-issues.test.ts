/**
 * create-purge-issues run as the image runs it (in process), against PostgreSQL with the reference
 * tables and a server that answers as GitHub's REST API does: one issue per repository with Kebechet
 * in the purged environment, private ones included, none twice, one repository's failure not
 * stopping the others.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { FakeGitHub } from '../../../../test/services/fake-github.js';
import { knowledgeGraphEnv, runInProcess } from '../../../../test/services/job-programs.js';
import { purgeIssueTitle } from '../domain/purge-issues.js';
import { workflowTasksProgram } from '../program.js';

const run = (env: Record<string, string>) => runInProcess(workflowTasksProgram, 'workflow-tasks', ['create-purge-issues'], env);

let database: TestDatabase;
let github: FakeGitHub;
let gateway: Server;
let pushed: string[];
let env: Record<string, string>;
const TITLE = purgeIssueTitle({ osName: 'rhel', osVersion: '8', pythonVersion: '3.6' });

beforeAll(async () => {
  database = await createTestDatabase();
  github = new FakeGitHub();
  await github.start();
  github.addToken('kebechet-token', 'sesheta');
  for (const [owner, name, isPrivate] of [
    ['thoth-station', 'storages', false],
    ['thoth-station', 'secret', true],
    ['aicoe', 'other-env', false],
    ['aicoe', 'inactive', false],
  ] as const)
    github.addRepository({ owner, name, private: isPrivate });
  pushed = [];
  gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      pushed.push(`${request.method} ${request.url}\n${body}`);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  await pool.query(`
    INSERT INTO external_software_environment (id, environment_name, os_name, os_version, python_version, environment_type) VALUES
      (1, 'ubi8', 'rhel', '8', '3.6', 'RUNTIME'), (2, 'f35', 'fedora', '35', '3.10', 'RUNTIME');
    INSERT INTO kebechet_github_installations (slug, repo_name, private, installation_id, is_active, external_software_environment_id, runtime_environment_name) VALUES
      ('thoth-station/storages', 'storages', FALSE, '1', TRUE, 1, 'ubi8'),
      ('thoth-station/storages', 'storages', FALSE, '1', TRUE, 1, 'ubi8-dev'),
      ('thoth-station/secret', 'secret', TRUE, '2', TRUE, 1, 'ubi8'),
      ('aicoe/other-env', 'other-env', FALSE, '3', TRUE, 2, 'f35'),
      ('aicoe/inactive', 'inactive', FALSE, '4', FALSE, 1, 'ubi8');
    INSERT INTO ecosystem_solver (ecosystem, solver_name, solver_version, os_name, os_version, python_version) VALUES
      ('python', 'solver-rhel-8-py36', '1.0', 'rhel', '8', '3.6'), ('python', 'solver-fedora-35-py310', '1.0', 'fedora', '35', '3.10');
  `);
  await pool.end();
  env = {
    ...knowledgeGraphEnv(database.url),
    THOTH_DEPLOYMENT_NAME: 'test',
    GITHUB_API_URL: github.url,
    GITHUB_KEBECHET_TOKEN: 'kebechet-token',
    PROMETHEUS_PUSHGATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
    // As the graph's purge names it: ubi is rhel, and rhel's minor version goes.
    PURGE_OS_NAME: 'ubi',
    PURGE_OS_VERSION: '8.6',
    PURGE_PYTHON_VERSION: '3.6',
  };
});
afterAll(async () => {
  await github.stop();
  await new Promise((resolve) => gateway.close(resolve));
  await database.drop();
});

test('an issue in each active repository of the purged environment, private ones too, listing the runtimes left; none twice', async () => {
  const { exitCode } = await run(env);
  expect(exitCode).toBe(0);
  const storages = github.issues('thoth-station', 'storages');
  expect(storages.map((issue) => [issue.title, issue.labels])).toEqual([[purgeIssueTitle({ osName: 'ubi', osVersion: '8.6', pythonVersion: '3.6' }), ['bot']]]);
  expect(storages[0]!.body).toContain('"os_name": "fedora"');
  expect(storages[0]!.body).not.toContain('"os_name": "rhel"');
  // The reference asked ogr for a private issue, which GitHub does not have: private repositories got none.
  expect(github.issues('thoth-station', 'secret')).toHaveLength(1);
  expect([github.issues('aicoe', 'other-env'), github.issues('aicoe', 'inactive')]).toEqual([[], []]);
  expect(pushed.at(-1)).toMatch(/thoth_number_purge_issues_total\{component="workflow-helpers",env="test"\} 2/);

  // Run again (a retried step): the issues are open already.
  expect((await run(env)).exitCode).toBe(0);
  expect([github.issues('thoth-station', 'storages').length, github.issues('thoth-station', 'secret').length]).toEqual([1, 1]);
  expect(pushed.at(-1)).toMatch(/thoth_number_purge_issues_created\{component="workflow-helpers",env="test"\} 2/);
});

test('one repository GitHub refuses does not stop the others; the step fails and the counts show it', async () => {
  // Named as the graph names it this time: another title, which neither repository has open.
  github.failNext({ status: 403, message: 'Resource not accessible by integration', method: 'GET', path: /\/repos\/thoth-station\/secret\/issues/ });
  const { exitCode, stdout } = await run({ ...env, PURGE_OS_NAME: 'rhel', PURGE_OS_VERSION: '8' });
  expect(exitCode).toBe(1);
  expect(stdout).toContain('could not open the purge issue');
  expect(github.issues('thoth-station', 'storages').map((issue) => issue.title)).toContain(TITLE);
  expect(github.issues('thoth-station', 'secret').map((issue) => issue.title)).not.toContain(TITLE);
  expect(pushed.at(-1)).toMatch(/thoth_number_purge_issues_created\{component="workflow-helpers",env="test"\} 1/);
});

test('a purge that names no environment is refused: the reference opened an issue in every repository', async () => {
  const { exitCode, stderr } = await run({ ...env, PURGE_OS_VERSION: '' });
  expect(exitCode).toBe(1);
  expect(stderr).toMatch(/^workflow-tasks: PURGE_OS_VERSION="" is invalid/);
});
