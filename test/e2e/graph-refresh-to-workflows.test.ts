/**
 * End to end, as the images run: a seeded knowledge graph, graph-refresh-job publishing what it
 * lacks, and the investigator turning every message into a Workflow, killed (SIGKILL, nothing
 * committed on the way out) while the API server is busy and started again. Every expected
 * Workflow exists exactly once, nothing else was created, every offset is committed and nothing
 * went to the dead-letter topic. A second graph-refresh run within its window asks for nothing.
 */
import { jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';
import { FakeApiServer } from '../services/fake-api-server.js';
import { buildJobProgram, freePort, knowledgeGraphEnv, ProgramProcess, runProgram, until } from '../services/job-programs.js';
import { startTestKafka, type TestKafka, topicEnd, uncommittedRecords } from '../services/kafka.js';

// Group joins on the mock broker take 3 s, and the restarted consumer waits for the killed one's session to end.
jest.setTimeout(120_000);

const SOLVERS = ['solver-rhel-8-py38', 'solver-fedora-35-py39'];
const PACKAGES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const VERSIONS = ['1.0.0', '1.1.0', '2.0.0', '2.1.0'];
const MIDDLETIER = 'thoth-middletier-e2e';
const GROUP = 'thoth.investigator.middletier';

let database: TestDatabase;
let kafka: TestKafka;
let api: FakeApiServer;
let dir: string;
let graphRefresh: string;
let investigator: string;
let common: Record<string, string>;

beforeAll(async () => {
  [database, kafka] = await Promise.all([createTestDatabase(), startTestKafka([...Object.values(MESSAGE_TYPES).map((type) => type.base), DEAD_LETTER.base])]);
  api = new FakeApiServer();
  await api.start();
  dir = await mkdtemp(path.join(tmpdir(), 'thoth-e2e-'));
  await writeFile(path.join(dir, 'token'), 'investigator-token');
  [graphRefresh, investigator] = await Promise.all([
    buildJobProgram('components/graph-refresh/job/main.ts', dir),
    buildJobProgram('components/investigator/job/main.ts', dir),
  ]);
  common = { ...knowledgeGraphEnv(database.url), THOTH_DEPLOYMENT_NAME: kafka.deploymentName, KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(',') };

  const migrated = await runProgram(graphRefresh, ['migrate'], common);
  expect(migrated.code).toBe(0);
  // Every version on PyPI; the first version of each package already resolved by the rhel solver.
  const pool = new pg.Pool({ connectionString: database.url });
  await pool.query(`INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE)`);
  for (const name of PACKAGES) {
    for (const version of VERSIONS) {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES ($1, $2, 1) RETURNING id',
        [name, version],
      );
      if (version === VERSIONS[0]) {
        await pool.query(
          `INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id) VALUES ($1, $2, 'rhel', '8', '3.8', $3, 1)`,
          [name, version, rows[0]!.id],
        );
      }
    }
  }
  await pool.end();
});

/** Programs a test started: killed after it, whatever happened, their logs shown when it failed. */
const started: ProgramProcess[] = [];
function start(env: Record<string, string>): ProgramProcess {
  const program = new ProgramProcess(investigator, [], env);
  started.push(program);
  return program;
}

afterAll(async () => {
  for (const program of started) program.kill('SIGKILL');
  await Promise.all(started.map((program) => program.exited));
  await api?.stop();
  await kafka?.stop();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

function graphRefreshEnv(): Record<string, string> {
  return { ...common, THOTH_GRAPH_REFRESH_SOLVERS: SOLVERS.join('\n'), THOTH_GRAPH_REFRESH_COUNT: '100' };
}

async function investigatorEnv(): Promise<Record<string, string>> {
  return {
    ...common,
    THOTH_CONSUMER_MODE: '["middletier"]',
    KAFKA_CONSUMER_GROUP_ID: GROUP,
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: '6000',
    THOTH_MIDDLETIER_NAMESPACE: MIDDLETIER,
    THOTH_BACKEND_NAMESPACE: 'thoth-backend-e2e',
    THOTH_INVESTIGATOR_SOLVERS: SOLVERS.join('\n'),
    ARGO_PENDING_WORKFLOW_LIMIT: '1000',
    KUBERNETES_API_URL: api.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
    THOTH_INVESTIGATOR_METRICS_PORT: String(await freePort()),
  };
}

/** Every workflow the seed needs, described by what it does. */
function expectedWorkflows(): string[] {
  const expected: string[] = [];
  for (const name of PACKAGES) {
    for (const version of VERSIONS) {
      for (const solver of SOLVERS) if (!(solver === SOLVERS[0] && version === VERSIONS[0])) expected.push(`solver-workflow ${solver} ${name}===${version}`);
      expected.push(`revsolver-workflow ${name} ${version}`);
      // Security indicators analyse what a solver has resolved: the versions with a row.
      if (version === VERSIONS[0]) expected.push(`security-indicators-workflow ${name} ${version}`);
    }
  }
  return expected.sort();
}

function describeWorkflow(workflow: { spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } } }): string {
  const p = Object.fromEntries(workflow.spec.arguments.parameters.map(({ name, value }) => [name, value]));
  const template = workflow.spec.workflowTemplateRef.name;
  if (template === 'solver-workflow') return `${template} ${p.THOTH_SOLVER_NAME} ${p.THOTH_SOLVER_PACKAGES}`;
  if (template === 'revsolver-workflow') return `${template} ${p.THOTH_REVSOLVER_PACKAGE_NAME} ${p.THOTH_REVSOLVER_PACKAGE_VERSION}`;
  return `${template} ${p.THOTH_SECURITY_INDICATORS_PACKAGE_NAME} ${p.THOTH_SECURITY_INDICATORS_PACKAGE_VERSION}`;
}

const INPUT_TYPES = ['unresolved-package', 'unrevsolved-package', 'si-unanalyzed-package'] as const;

const uncommitted = () =>
  uncommittedRecords(
    kafka,
    GROUP,
    INPUT_TYPES.map((type) => `${kafka.deploymentName}.${MESSAGE_TYPES[type].base}`),
  );

test('graph-refresh → investigator → each Workflow exactly once, through a kill and a restart', async () => {
  const expected = expectedWorkflows();
  const refreshed = await runProgram(graphRefresh, [], graphRefreshEnv());
  expect(refreshed.code).toBe(0);
  expect(refreshed.output).toContain('graph refresh done');

  // Killed when the API server has created its tenth workflow and before the answer reaches it: that
  // record's effect is done but its offset is not committed, so the restart handles it again.
  api.latencyMs = 50;
  const first = start(await investigatorEnv());
  api.onCreated = () => {
    if (api.workflows.size === 10) first.kill('SIGKILL');
  };
  await first.exited;
  api.onCreated = () => {};
  expect(api.workflows.size).toBeLessThan(expected.length);

  const secondEnv = await investigatorEnv();
  const second = start(secondEnv);
  await until(
    () => api.workflows.size >= expected.length,
    () =>
      `all ${expected.length} workflows (have ${api.workflows.size}); the restarted investigator logged:\n${second.lines
        .filter((line) => !line.includes('workflow submitted'))
        .slice(-40)
        .join('\n')}`,
    90_000,
  );
  await until(async () => (await uncommitted()) === 0, 'every offset committed', 30_000);
  const metrics = await (await fetch(`http://127.0.0.1:${secondEnv.THOTH_INVESTIGATOR_METRICS_PORT}/metrics`)).text();
  // The record handled again asked for a workflow that existed: counted, not created twice.
  expect(Number(/^thoth_investigator_workflows_already_submitted_total\{[^}]*\} (\d+)$/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
  second.kill('SIGTERM');
  const { code } = await second.exited;
  expect({ code, stopped: second.messages().includes('investigator stopped') }).toEqual({ code: 0, stopped: true });

  const created = [...api.workflows.values()] as unknown as Parameters<typeof describeWorkflow>[0][];
  expect(created.map(describeWorkflow).sort()).toEqual(expected);
  expect([...api.workflows.keys()].every((key) => key.startsWith(`${MIDDLETIER}/`))).toBe(true);
  expect([...(await topicEnd(kafka, `${kafka.deploymentName}.${DEAD_LETTER.base}`)).values()].reduce((a, b) => a + b, 0)).toBe(0);

  // Within its window, a second graph-refresh run asks for nothing, so nothing more is submitted.
  const again = await runProgram(graphRefresh, [], graphRefreshEnv());
  expect(again.code).toBe(0);
  const summary = JSON.parse(again.output.split('\n').find((line) => line.includes('graph refresh done'))!);
  expect(summary.published).toEqual({});
});

test('the metrics mode counts what graph-refresh published, with no database or API server', async () => {
  const port = await freePort();
  const counter = start({
    THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
    THOTH_CONSUMER_MODE: '["metrics"]',
    KAFKA_CONSUMER_GROUP_ID: 'thoth.message-metrics',
    KAFKA_CONSUMER_AUTO_OFFSET_RESET: 'earliest',
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    THOTH_INVESTIGATOR_METRICS_PORT: String(port),
  });
  const count = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined))?.text();
    return Number(/^message_count_by_version_total\{message_type="unresolved_package",message_version="v1"\} (\d+)$/m.exec(text ?? '')?.[1] ?? 0);
  };
  // The first test's graph-refresh run published 35 unresolved-package requests.
  await until(
    async () => (await count()) === 35,
    () => `35 unresolved-package messages counted; the counter logged:\n${counter.lines.slice(-20).join('\n')}`,
    60_000,
  );
  counter.kill('SIGTERM');
  expect((await counter.exited).code).toBe(0);
});
