/**
 * pulp-pypi-sync-job as its CronJob runs it, against a local server that answers as Pulp's REST API
 * does (basic authentication, two pages of pulp-python distributions) and PostgreSQL: the new indexes
 * registered, a known one left as it is, refused credentials one line naming them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { knowledgeGraphEnv, runInProcess } from '../../../test/services/job-programs.js';
import { pulpPypiSyncProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(pulpPypiSyncProgram, 'pulp-pypi-sync-job', args, env);
const AUTHORIZATION = `Basic ${Buffer.from('sesheta:secret').toString('base64')}`;

test('--help lists what it reads', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of [
    'THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE',
    'THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME',
    'THOTH_PULP_REPOSITORIES_ONLY_PACKAGES_SEEN',
    'KNOWLEDGE_GRAPH_HOST',
  ])
    expect(help.stdout).toContain(variable);
});

describe('against a Pulp API and PostgreSQL', () => {
  let database: TestDatabase;
  let pulp: Server;
  let root: string;
  let env: Record<string, string>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    pulp = createServer((request, response) => {
      if (request.headers.authorization !== AUTHORIZATION) return response.writeHead(401).end('{"detail":"Invalid username/password."}');
      const url = new URL(request.url!, root);
      if (url.pathname !== '/pulp/api/v3/distributions/python/pypi/') return response.writeHead(404).end();
      const page = url.searchParams.get('offset') === '2' ? 2 : 1;
      const results =
        page === 1
          ? [{ base_url: 'https://content.example/pypi/team-a/' }, { base_url: 'https://content.example/pypi/known/' }]
          : [{ base_url: 'https://content.example/pypi/team-b' }];
      response
        .writeHead(200, { 'content-type': 'application/json' })
        // As a Pulp behind a proxy answers: `next` on an internal host, where the credentials must not go.
        .end(
          JSON.stringify({
            count: 3,
            next: page === 1 ? 'http://pulp-internal.invalid:24817/pulp/api/v3/distributions/python/pypi/?limit=2&offset=2' : null,
            results,
          }),
        );
    });
    await new Promise<void>((resolve) => pulp.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(pulp.address() as AddressInfo).port}`;
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('INSERT INTO python_package_index (url, verify_ssl, enabled, only_if_package_seen) VALUES ($1, TRUE, FALSE, TRUE)', [
      `${root}/pypi/known/simple`,
    ]);
    env = {
      ...knowledgeGraphEnv(database.url),
      THOTH_DEPLOYMENT_NAME: 'ocp4-test',
      THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE: root,
      THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME: 'sesheta',
      THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD: 'secret',
      THOTH_PULP_REPOSITORIES_ONLY_PACKAGES_SEEN: 'true',
    };
  }, 30_000);

  afterAll(async () => {
    await client?.end();
    pulp?.close();
    await database?.drop();
  });

  test('registers every page’s new indexes (each page asked of the instance itself), enabled, and leaves a known one as it is', async () => {
    const result = await run(env);
    expect(result.exitCode === 0 ? '' : result.stdout).toBe('');
    const { rows } = await client.query('SELECT url, enabled, only_if_package_seen, verify_ssl FROM python_package_index ORDER BY url');
    expect(rows).toEqual([
      { url: `${root}/pypi/known/simple`, enabled: false, only_if_package_seen: true, verify_ssl: true },
      { url: `${root}/pypi/team-a/simple`, enabled: true, only_if_package_seen: true, verify_ssl: true },
      { url: `${root}/pypi/team-b/simple`, enabled: true, only_if_package_seen: true, verify_ssl: true },
    ]);
    expect((await run(env)).exitCode).toBe(0);
    expect((await client.query('SELECT count(*)::int AS n FROM python_package_index')).rows).toEqual([{ n: 3 }]);
  }, 30_000);

  test('credentials the instance refuses: exit 1, one line naming them', async () => {
    const result = await run({ ...env, THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD: 'wrong' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr + result.stdout).toContain('THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME="sesheta" is invalid');
  }, 30_000);
});
