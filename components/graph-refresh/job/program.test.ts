import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { REFERENCE_SCHEMA } from '../../../src/runtime/postgres/migrations.js';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { readTopic, startTestKafka, type TestKafka } from '../../../test/services/kafka.js';
import { knowledgeGraphEnv, runInProcess } from '../../../test/services/job-programs.js';
import { graphRefreshProgram } from './program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(graphRefreshProgram, 'graph-refresh-job', args, env);

test('--help describes the program and every variable it reads', async () => {
  const { exitCode, stdout } = await run(['--help'], {});
  expect(exitCode).toBe(0);
  expect(stdout).toContain('Usage: graph-refresh-job [options] [command]');
  expect(stdout).toContain('migrate');
  for (const variable of [
    'THOTH_GRAPH_REFRESH_SOLVERS',
    'THOTH_GRAPH_REFRESH_COUNT',
    'KAFKA_BOOTSTRAP_SERVERS',
    'KNOWLEDGE_GRAPH_HOST',
    'PROMETHEUS_PUSHGATEWAY_URL',
  ]) {
    expect(stdout).toContain(variable);
  }
});

test('migrate on a graph that alembic has not created is one line and exit 1, and creates nothing', async () => {
  const empty = await createTestDatabase({ empty: true });
  try {
    const { exitCode, stderr } = await run(['migrate'], knowledgeGraphEnv(empty.url));
    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      "graph-refresh-job: the knowledge graph has no reference schema (no alembic_version table): run the graph-schema-update job, which applies thoth-storages' migrations, then migrate again\n",
    );
  } finally {
    await empty.drop();
  }
});

test('a bad setting is one line naming the variable, exit 1, before connecting to anything', async () => {
  const { exitCode, stderr, stdout } = await run([], { THOTH_GRAPH_REFRESH_COUNT: '0', THOTH_GRAPH_REFRESH_SOLVERS: 'solver-rhel-8-py38' });
  expect(exitCode).toBe(1);
  expect(stderr).toBe('graph-refresh-job: THOTH_GRAPH_REFRESH_COUNT="0" is invalid; expected a whole number of at least 1\n');
  expect(stdout).toBe('');
});

describe('against PostgreSQL, Kafka and a Pushgateway', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let gateway: Server;
  const pushes: { method: string; url: string; body: string }[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    [database, kafka] = await Promise.all([
      createTestDatabase(),
      startTestKafka([MESSAGE_TYPES['unresolved-package'].base, MESSAGE_TYPES['unrevsolved-package'].base, MESSAGE_TYPES['si-unanalyzed-package'].base]),
    ]);
    gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        pushes.push({ method: request.method!, url: request.url!, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    env = {
      THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
      ...knowledgeGraphEnv(database.url),
      THOTH_GRAPH_REFRESH_SOLVERS: 'solver-rhel-8-py38\n\nsolver-fedora-34-py39\n',
      THOTH_SERVICE_VERSION: '1.2.3',
      PROMETHEUS_PUSHGATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
    };
  });
  afterAll(async () => {
    gateway?.close();
    await Promise.all([database?.drop(), kafka?.stop()]);
  });

  test('migrate, then a run publishes, logs its summary as JSON and pushes its metrics', async () => {
    const migrated = await run(['migrate'], env);
    expect(migrated.exitCode).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ level: 30, component: 'graph-refresh-job', msg: 'knowledge graph migrated' });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`
      INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES (1, 'flask', '2.0.0', 1);
      INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
        VALUES ('flask', '2.0.0', 'rhel', '8', '3.8', 1, 1);
    `);
    await client.end();

    const result = await run([], env);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({
      msg: 'graph refresh done',
      candidates: 2,
      published: { 'unresolved-package': 1, 'unrevsolved-package': 1, 'si-unanalyzed-package': 1 },
    });
    const [unresolved] = (await readTopic(kafka, `${kafka.deploymentName}.${MESSAGE_TYPES['unresolved-package'].base}`, 1)).map((value) => JSON.parse(value));
    expect(unresolved).toEqual({
      component_name: 'graph-refresh-job',
      service_version: '1.2.3',
      version: 'v1',
      package_name: 'flask',
      package_version: '2.0.0',
      index_url: 'https://pypi.org/simple',
      solver: 'solver-fedora-34-py39',
    });
    await readTopic(kafka, `${kafka.deploymentName}.${MESSAGE_TYPES['si-unanalyzed-package'].base}`, 1);

    expect(pushes).toHaveLength(1);
    const [push] = pushes;
    expect(push).toMatchObject({ method: 'POST', url: '/metrics/job/graph-refresh' });
    expect(push!.body).toContain(`thoth_job_messages_sent{message_type="unresolved-package",env="${kafka.deploymentName}"} 1`);
    expect(push!.body).toContain(`thoth_job_last_run_failed{env="${kafka.deploymentName}"} 0`);
    expect(push!.body).toMatch(/thoth_job_last_success_timestamp_seconds\{env="[^"]+"\} \d+/);
    expect(push!.body).toContain(`thoth_database_schema_revision_script{component="graph-refresh",revision="${REFERENCE_SCHEMA.alembicHead}"`);
  });

  test('a failed run exits 1, logs why and pushes the failure without a success time', async () => {
    pushes.length = 0;
    const result = await run([], { ...env, KNOWLEDGE_GRAPH_DATABASE: 'no_such_database' });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      level: 50,
      msg: 'run failed',
      err: { message: expect.stringContaining('no_such_database') },
    });
    expect(pushes[0]!.body).toContain('thoth_job_last_run_failed');
    expect(pushes[0]!.body).not.toContain('thoth_job_last_success_timestamp_seconds');
  });
});
