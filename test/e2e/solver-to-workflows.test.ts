/**
 * End to end, as the images run: a solver document on S3, the solver workflow's last steps
 * (parse-solver-output, send-messages) run as processes of workflow-tasks in step directories of
 * their own, Kafka, and the investigator's two deployments (middletier, backend) turning the
 * messages into Workflows. The knowledge graph holds Kebechet adviser runs waiting for packages;
 * the one this result unblocks is asked for again. Failures as Argo and Kubernetes make them:
 * parse-solver-output killed (SIGKILL) once S3 has stored the re-run's request and retried in a
 * fresh step directory; send-messages killed after the broker acknowledged every message and before
 * its record of the file, retried with the same workflow uid and file, then retried once more, which
 * sends nothing; the middletier investigator killed in its first record and started again. Every
 * expected Workflow exists exactly once, nothing else was created, every offset is committed and
 * nothing went to the dead-letter topic.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { reRunJobId } from '../../components/workflow-core/job/domain/adviser-re-run.js';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { S3DocumentStore } from '../../src/runtime/s3/documents.js';
import { s3Config } from '../../src/runtime/s3/settings.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';
import { FakeApiServer } from '../services/fake-api-server.js';
import { buildJobProgram, freePort, knowledgeGraphEnv, logged, metric, ProgramProcess, runProgram, until } from '../services/job-programs.js';
import { S3Proxy } from '../services/s3-proxy.js';
import { startTestKafka, type TestKafka, topicEnd, uncommittedRecords } from '../services/kafka.js';
import { insertSiAggregatedRuns } from '../services/reference-schema.mjs';

// Group joins on the mock broker take 3 s, and the restarted consumer waits for the killed one's session to end.
jest.setTimeout(90_000);

const PYPI = 'https://pypi.org/simple';
const SOLVER = 'solver-rhel-8-py38';
/** The solver workflow's id: its document's id on S3, and the steps' workflow uid. */
const SOLVER_WORKFLOW = 'solver-rhel-8-py38-e2e0000000000001';
const MIDDLETIER = 'thoth-middletier-e2e';
const BACKEND = 'thoth-backend-e2e';
const GROUPS = { middletier: 'thoth.investigator.middletier', backend: 'thoth.investigator.backend' } as const;

/** The knowledge graph's package versions (its normal form: PEP 503 names), all on PyPI. */
const VERSIONS: Readonly<Record<string, string>> = { flask: '2.3.2', werkzeug: '2.3.7', itsdangerous: '2.1.2', numpy: '1.26.0', scipy: '1.11.3' };
/** What the solve step wrote, as the solver spells it: Flask with PyPI's old host, which the graph knows as PyPI. */
const TREE = [
  { package_name: 'Flask', package_version: '2.3.2', package_version_requested: '2.3.2', index_url: 'https://pypi.python.org/simple', name: 'flask' },
  { package_name: 'Werkzeug', package_version: '2.3.7', package_version_requested: '2.3.7', index_url: PYPI, name: 'werkzeug' },
  { package_name: 'itsdangerous', package_version: '2.1.2', package_version_requested: '2.1.2', index_url: PYPI, name: 'itsdangerous' },
];
/** Resolved by some solver before this result. */
const SOLVED_BEFORE = ['numpy'];
/** With a successful security-indicator aggregation in the graph. */
const SECURITY_ANALYSED = ['itsdangerous'];
/** Adviser runs that stopped on unresolved packages (adviser_run.need_re_run, has_unresolved). */
const ADVISER_RUNS = [
  { id: 'adviser-kebechet-waiting', source: 'KEBECHET', waitsFor: ['flask', 'numpy'] },
  { id: 'adviser-kebechet-still-waiting', source: 'KEBECHET', waitsFor: ['werkzeug', 'scipy'] },
  { id: 'adviser-cli-waiting', source: 'CLI', waitsFor: ['flask'] },
] as const;

/** The request document the user API stored for each run (`adviser/<id>.request`), GitHub fields included. */
function adviserRequest(run: (typeof ADVISER_RUNS)[number]): Record<string, unknown> {
  const kebechet = run.source === 'KEBECHET';
  return {
    job_id: run.id,
    recommendation_type: 'stable',
    source_type: run.source,
    origin: kebechet ? `https://github.com/thoth-station/${run.id}` : null,
    dev: false,
    debug: false,
    count: 1,
    limit: 5,
    limit_latest_versions: null,
    kebechet_metadata: kebechet ? { message_justification: 2, package_name: null, package_version: null, package_index: null } : null,
    github_event_type: kebechet ? 'push' : null,
    github_installation_id: kebechet ? 4242 : null,
    application_stack: { requirements: '[packages]\nflask = "*"\n', requirements_lock: null },
  };
}

let database: TestDatabase;
let kafka: TestKafka;
let api: FakeApiServer;
let proxy: S3Proxy;
let dir: string;
let workflowTasks: string;
let investigator: string;
let store: S3DocumentStore;
let s3: S3Client;
let s3Env: Record<string, string>;
let common: Record<string, string>;

const s3Settings = () => ({
  THOTH_S3_ENDPOINT_URL: process.env.THOTH_TEST_S3_ENDPOINT!,
  THOTH_CEPH_BUCKET: process.env.THOTH_TEST_S3_BUCKET!,
  THOTH_CEPH_BUCKET_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
  THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
  THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
});

beforeAll(async () => {
  [database, kafka] = await Promise.all([createTestDatabase(), startTestKafka([...Object.values(MESSAGE_TYPES).map((type) => type.base), DEAD_LETTER.base])]);
  api = new FakeApiServer();
  await api.start();
  s3Env = s3Settings();
  proxy = new S3Proxy(s3Env.THOTH_S3_ENDPOINT_URL!);
  await proxy.start();
  dir = await mkdtemp(path.join(tmpdir(), 'thoth-e2e-solver-'));
  await writeFile(path.join(dir, 'token'), 'investigator-token');
  [workflowTasks, investigator] = await Promise.all([
    buildJobProgram('components/workflow-core/job/main.ts', dir),
    buildJobProgram('components/investigator/job/main.ts', dir),
  ]);
  common = { ...knowledgeGraphEnv(database.url), THOTH_DEPLOYMENT_NAME: kafka.deploymentName };
  const config = s3Config({ ...s3Env, THOTH_DEPLOYMENT_NAME: kafka.deploymentName });
  store = new S3DocumentStore(config);
  s3 = new S3Client({ endpoint: config.endpoint, region: config.region, credentials: config.credentials, forcePathStyle: true });

  const migrated = await runProgram(investigator, ['migrate'], common);
  expect(migrated.code).toBe(0);
  await seedGraph();
  // What the solve step stored, and what the user API stored for each advise.
  await store.put('solver', SOLVER_WORKFLOW, {
    metadata: { analyzer: 'thoth-solver', analyzer_version: '1.15.0', document_id: SOLVER_WORKFLOW },
    result: {
      environment: { os_name: 'rhel', os_version: '8', python_version: '3.8' },
      errors: [],
      unparsed: [],
      unresolved: [],
      tree: TREE.map(({ name: _, ...entry }) => ({ ...entry, dependencies: [] })),
    },
  });
  for (const run of ADVISER_RUNS) await store.put('adviser', `${run.id}.request`, adviserRequest(run));
});

/** The graph as graph-sync leaves it when parse-solver-output runs (it syncs the result first). */
async function seedGraph(): Promise<void> {
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  await pool.query(`INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE)`);
  const entity = new Map<string, number>();
  const version = new Map<string, number>();
  for (const [name, v] of Object.entries(VERSIONS)) {
    const { rows } = await pool.query<{ id: number }>(
      'INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES ($1, $2, 1) RETURNING id',
      [name, v],
    );
    entity.set(name, rows[0]!.id);
    if (SOLVED_BEFORE.includes(name) || TREE.some((pkg) => pkg.name === name)) {
      const solved = await pool.query<{ id: number }>(
        `INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
         VALUES ($1, $2, 'rhel', '8', '3.8', $3, 1) RETURNING id`,
        [name, v, rows[0]!.id],
      );
      version.set(name, solved.rows[0]!.id);
    }
  }
  await pool.query(insertSiAggregatedRuns(SECURITY_ANALYSED.map((_, i) => [i + 1, `security-indicator-${i + 1}`, false] as const)));
  for (const [i, name] of SECURITY_ANALYSED.entries()) {
    await pool.query('INSERT INTO si_aggregated VALUES ($1, $2, $3)', [i + 1, entity.get(name), version.get(name)]);
  }
  for (const [i, run] of ADVISER_RUNS.entries()) {
    await pool.query(
      `INSERT INTO adviser_run (id, adviser_document_id, datetime, adviser_version, adviser_name, debug, need_re_run, adviser_error, recommendation_type,
                                requirements_format, advised_configuration_changes, additional_stack_info, source_type)
       VALUES ($1, $2, now(), '1.0', 'adviser', FALSE, TRUE, FALSE, 'STABLE', 'PIPENV', FALSE, FALSE, $3)`,
      [i + 1, run.id, run.source],
    );
    for (const name of run.waitsFor) await pool.query('INSERT INTO has_unresolved VALUES ($1, $2)', [i + 1, entity.get(name)]);
  }
  await pool.end();
}

/** Programs a test started: killed after it, whatever happened. */
const started: ProgramProcess[] = [];
function start(bundle: string, args: string[], env: Record<string, string>): ProgramProcess {
  const program = new ProgramProcess(bundle, args, env);
  started.push(program);
  return program;
}

afterAll(async () => {
  for (const program of started) program.kill('SIGKILL');
  await Promise.all(started.map((program) => program.exited));
  await proxy?.stop();
  await api?.stop();
  await kafka?.stop();
  await database?.drop();
  store?.close();
  s3?.destroy();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A step's pod: fresh directories for its input and output artifacts (/mnt/output, /mnt/workdir),
 * the solver document downloaded into it as Argo's input artifact is.
 */
async function stepDirectory(name: string): Promise<{ document: string; messages: string }> {
  const step = path.join(dir, name);
  await mkdir(path.join(step, 'output'), { recursive: true });
  await mkdir(path.join(step, 'workdir'), { recursive: true });
  const document = path.join(step, 'output', 'document.json');
  const answer = await s3.send(new GetObjectCommand({ Bucket: s3Env.THOTH_CEPH_BUCKET, Key: store.key('solver', SOLVER_WORKFLOW) }));
  await writeFile(document, await answer.Body!.transformToByteArray());
  return { document, messages: path.join(step, 'workdir', 'messages_to_be_sent.json') };
}

/** The steps reach S3 through the proxy, where the test sees (and cuts) their requests. */
function stepS3Env(): Record<string, string> {
  return { ...s3Env, THOTH_S3_ENDPOINT_URL: proxy.url };
}

function parseSolverOutput(step: { document: string; messages: string }): ProgramProcess {
  return start(workflowTasks, ['parse-solver-output'], {
    ...common,
    ...stepS3Env(),
    THOTH_SOLVER_DOCUMENT_PATH: step.document,
    THOTH_SOLVER_NAME: SOLVER,
    THOTH_MESSAGING_COMPONENT_NAME: 'solver',
    THOTH_MESSAGES_FILE: step.messages,
  });
}

function sendMessages(file: string): ProgramProcess {
  return start(workflowTasks, ['send-messages'], {
    ...stepS3Env(),
    THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
    THOTH_MESSAGING_FROM_FILE: file,
    THOTH_WORKFLOW_UID: SOLVER_WORKFLOW,
  });
}

async function startInvestigator(mode: keyof typeof GROUPS): Promise<{ program: ProgramProcess; port: number }> {
  const port = await freePort();
  const program = start(investigator, [], {
    ...common,
    KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
    THOTH_CONSUMER_MODE: `["${mode}"]`,
    KAFKA_CONSUMER_GROUP_ID: GROUPS[mode],
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: '6000',
    THOTH_MIDDLETIER_NAMESPACE: MIDDLETIER,
    THOTH_BACKEND_NAMESPACE: BACKEND,
    THOTH_INVESTIGATOR_SOLVERS: SOLVER,
    THOTH_INVESTIGATOR_SCHEDULE_SECURITY: '1',
    THOTH_INVESTIGATOR_KEBECHET_ADMINISTRATOR: '1',
    ARGO_PENDING_WORKFLOW_LIMIT: '1000',
    KUBERNETES_API_URL: api.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
    THOTH_INVESTIGATOR_METRICS_PORT: String(port),
  });
  return { program, port };
}

interface Summary {
  readonly namespace: string;
  readonly template: string;
  /** The name, where the request's own id makes it (an adviser's job id); else derived, and not asserted. */
  readonly name?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The parameter that receives a derived name. */
const NAME_PARAMETERS: Readonly<Record<string, string>> = {
  'kebechet-administrator-workflow': 'WORKFLOW_ID',
  'security-indicators-workflow': 'THOTH_SECURITY_INDICATORS_JOB_ID',
};

/** Every workflow the inputs call for, from the rules of parse-solver-output and the investigator. */
function expectedWorkflows(): Summary[] {
  const solved = new Set(TREE.map((pkg) => pkg.name));
  const expected: Summary[] = [];
  for (const { name } of TREE) {
    const pkg = { name, version: VERSIONS[name]!, index: PYPI };
    // solved-package: Kebechet's repositories that use the package are told (backend) ...
    expected.push({
      namespace: BACKEND,
      template: 'kebechet-administrator-workflow',
      parameters: {
        THOTH_PACKAGE_NAME: pkg.name,
        THOTH_PACKAGE_VERSION: pkg.version,
        THOTH_PACKAGE_INDEX: pkg.index,
        THOTH_SOLVER_NAME: SOLVER,
        THOTH_MESSAGE_TYPE: MESSAGE_TYPES['solved-package'].base,
      },
    });
    // ... and the version's security indicators run when the graph has none (middletier).
    if (!SECURITY_ANALYSED.includes(name)) {
      expected.push({
        namespace: MIDDLETIER,
        template: 'security-indicators-workflow',
        parameters: {
          THOTH_SECURITY_INDICATORS_PACKAGE_NAME: pkg.name,
          THOTH_SECURITY_INDICATORS_PACKAGE_VERSION: pkg.version,
          THOTH_SECURITY_INDICATORS_PACKAGE_INDEX: pkg.index,
          THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION: 'process_data',
          THOTH_FORCE_SYNC: '0',
        },
      });
    }
  }
  // A Kebechet run is advised again once this result solved one of its packages and every other is solved.
  for (const run of reRunsExpected(solved)) {
    const request = adviserRequest(run);
    const id = reRunJobId(run.id);
    expected.push({
      namespace: BACKEND,
      template: 'adviser-workflow',
      name: id,
      parameters: {
        THOTH_ADVISER_JOB_ID: id,
        THOTH_ADVISER_RECOMMENDATION_TYPE: request.recommendation_type,
        THOTH_ADVISER_DEV: '0',
        THOTH_LOG_ADVISER: 'INFO',
        // A re-run is authenticated, as Kebechet's runs are.
        THOTH_AUTHENTICATED_ADVISE: '1',
        THOTH_ADVISER_PREDICTOR_CONFIG: '{}',
        THOTH_ADVISER_METADATA: {
          origin: request.origin,
          re_run_adviser_id: run.id,
          source_type: 'KEBECHET',
          kebechet_metadata: request.kebechet_metadata,
          'thoth.adviser': { justification: null, stack_info: null },
        },
        THOTH_ADVISER_LIMIT: String(request.limit),
        THOTH_ADVISER_COUNT: String(request.count),
      },
    });
  }
  return expected.sort(byDescription);
}

function reRunsExpected(solved: ReadonlySet<string>) {
  return ADVISER_RUNS.filter(
    (run) =>
      run.source === 'KEBECHET' &&
      run.waitsFor.some((name) => solved.has(name)) &&
      run.waitsFor.every((name) => solved.has(name) || SOLVED_BEFORE.includes(name)),
  );
}

const describeSummary = (summary: Summary) => JSON.stringify([summary.namespace, summary.template, summary.parameters]);
const byDescription = (a: Summary, b: Summary) => (describeSummary(a) < describeSummary(b) ? -1 : describeSummary(a) > describeSummary(b) ? 1 : 0);

type StoredWorkflow = {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
};

/** A created workflow as the expectation describes it; a derived name must be in its name parameter. */
function summarize(workflow: StoredWorkflow): Summary {
  const template = workflow.spec.workflowTemplateRef.name;
  const parameters: Record<string, unknown> = Object.fromEntries(workflow.spec.arguments.parameters.map(({ name, value }) => [name, value]));
  const nameParameter = NAME_PARAMETERS[template];
  if (nameParameter !== undefined) {
    expect({ [nameParameter]: parameters[nameParameter] }).toEqual({ [nameParameter]: workflow.metadata.name });
    delete parameters[nameParameter];
  }
  if (typeof parameters.THOTH_ADVISER_METADATA === 'string') parameters.THOTH_ADVISER_METADATA = JSON.parse(parameters.THOTH_ADVISER_METADATA);
  return {
    namespace: workflow.metadata.namespace,
    template,
    ...(nameParameter === undefined ? { name: workflow.metadata.name } : {}),
    parameters,
  };
}

const topicOf = (type: keyof typeof MESSAGE_TYPES) => `${kafka.deploymentName}.${MESSAGE_TYPES[type].base}`;
const records = async (topic: string) => [...(await topicEnd(kafka, topic)).values()].reduce((sum, high) => sum + high, 0);
const sentRecords = async () => ({ solved: await records(topicOf('solved-package')), triggers: await records(topicOf('adviser-trigger')) });

test('a solver result → parse-solver-output → send-messages → investigator → each Workflow exactly once, through kills and retries', async () => {
  const expected = expectedWorkflows();
  const reRun = reRunJobId(ADVISER_RUNS[0].id);
  expect(reRunsExpected(new Set(TREE.map((pkg) => pkg.name))).map((run) => run.id)).toEqual([ADVISER_RUNS[0].id]);

  // The investigator's two deployments, each its own consumer group; they join while the steps run.
  api.latencyMs = 50;
  const middletier = await startInvestigator('middletier');
  const backend = await startInvestigator('backend');
  // The middletier one is killed when the API server has created its first workflow, before the
  // answer reaches it: that record's effect is done and its offset not committed.
  api.onCreated = (workflow) => {
    if (workflow.metadata.labels?.['thoth-station.ninja/message-type'] === 'solved-package') middletier.program.kill('SIGKILL');
  };

  // parse-solver-output, killed once S3 has stored the re-run's request and before the step has the answer.
  const firstStep = await stepDirectory('parse-solver-output-1');
  const firstParse = parseSolverOutput(firstStep);
  proxy.onAnswered = async (method, key) => {
    if (method === 'PUT' && key.endsWith(`/adviser/${reRun}.request`)) {
      firstParse.kill('SIGKILL');
      await firstParse.exited;
    }
  };
  expect(await firstParse.exitedWithin(20_000)).toEqual({ code: null, signal: 'SIGKILL' });
  proxy.onAnswered = async () => {};
  // It was killed partway: the request is stored, the messages file not written.
  expect(await store.get('adviser', `${reRun}.request`)).toEqual({ found: true, document: { ...adviserRequest(ADVISER_RUNS[0]), job_id: reRun } });
  await expect(readFile(firstStep.messages)).rejects.toMatchObject({ code: 'ENOENT' });

  // Argo's retry: a new pod, a fresh step directory.
  const secondStep = await stepDirectory('parse-solver-output-2');
  const secondParse = parseSolverOutput(secondStep);
  expect((await secondParse.exited).code).toBe(0);
  expect(logged(secondParse).find((fields) => 'solvedPackages' in fields)).toMatchObject({ solvedPackages: TREE.length, adviserReRuns: 1 });
  const file = JSON.parse(await readFile(secondStep.messages, 'utf8')) as { topic_name: string; message_contents: Record<string, unknown> }[];
  expect(file.map((entry) => entry.topic_name)).toEqual([...TREE.map(() => MESSAGE_TYPES['solved-package'].base), MESSAGE_TYPES['adviser-trigger'].base]);
  expect(file.map((entry) => entry.message_contents.package_name ?? entry.message_contents.job_id)).toEqual([...TREE.map((pkg) => pkg.name), reRun]);
  // The other runs: one still waits for scipy, the other is no Kebechet run.
  expect(await store.exists('adviser', `${reRunJobId(ADVISER_RUNS[1].id)}.request`)).toBe(false);
  expect(await store.exists('adviser', `${reRunJobId(ADVISER_RUNS[2].id)}.request`)).toBe(false);

  // send-messages gets the file as its input artifact, in a step directory of its own; killed when the
  // broker has acknowledged every message and before its record of the file reaches S3.
  const sendStep = path.join(dir, 'send-messages');
  await mkdir(sendStep);
  const messagesFile = path.join(sendStep, 'messages_to_be_sent.json');
  await copyFile(secondStep.messages, messagesFile);
  const firstSend = sendMessages(messagesFile);
  proxy.hold = (method, key) => {
    if (method !== 'PUT' || !key.includes('/send-messages/')) return false;
    firstSend.kill('SIGKILL');
    return true;
  };
  expect(await firstSend.exitedWithin(20_000)).toEqual({ code: null, signal: 'SIGKILL' });
  proxy.hold = () => false;
  expect(await sentRecords()).toEqual({ solved: TREE.length, triggers: 1 });
  const ledger = async () => {
    const keys: string[] = [];
    for await (const key of store.list('send-messages')) keys.push(key);
    return keys;
  };
  expect(await ledger()).toEqual([]);

  // The middletier investigator met the messages and was killed in its first record; it starts again.
  expect(await middletier.program.exitedWithin(30_000)).toEqual({ code: null, signal: 'SIGKILL' });
  // Creations the killed process had sent before it died may still be in the API server's hands when
  // its exit is seen (a busy machine): counted once the count has stopped changing.
  const createdBeforeRestart = await steadyValue(
    () => [...api.workflows.values()].filter((w) => w.metadata.labels?.['thoth-station.ninja/message-type'] === 'solved-package').length,
  );
  // Killed at its first Workflow: the records in flight beside it (up to 8 of a partition) may have made theirs too.
  expect(createdBeforeRestart).toBeGreaterThanOrEqual(1);
  expect(createdBeforeRestart).toBeLessThanOrEqual(8);
  api.onCreated = () => {};
  const restarted = await startInvestigator('middletier');

  // Retried with the same workflow uid and file: without a record, it sends the file again ...
  const secondSend = sendMessages(messagesFile);
  expect((await secondSend.exited).code).toBe(0);
  expect(logged(secondSend).find((fields) => 'counts' in fields)?.counts).toEqual({ 'solved-package': TREE.length, 'adviser-trigger': 1 });
  expect(await sentRecords()).toEqual({ solved: 2 * TREE.length, triggers: 2 });
  const recorded = await ledger();
  expect(recorded).toHaveLength(1);
  // ... and retried once more, it finds the record and sends nothing.
  const thirdSend = sendMessages(messagesFile);
  expect((await thirdSend.exited).code).toBe(0);
  expect(logged(thirdSend).filter((fields) => 'counts' in fields || 'key' in fields)).toEqual([expect.objectContaining({ key: recorded[0] })]);
  expect(await sentRecords()).toEqual({ solved: 2 * TREE.length, triggers: 2 });

  const uncommitted = async () =>
    (await uncommittedRecords(kafka, GROUPS.middletier, [topicOf('solved-package')])) +
    (await uncommittedRecords(kafka, GROUPS.backend, [topicOf('adviser-trigger')]));
  await until(
    async () => api.workflows.size >= expected.length && (await uncommitted()) === 0,
    () =>
      `${expected.length} workflows (have ${api.workflows.size}) and every offset committed; the restarted investigator logged:\n${restarted.program.lines.slice(-30).join('\n')}`,
    45_000,
  );

  // Each solved-package arrived twice (the file sent again) and the restarted consumer handled the
  // killed one's record again: every submission after the first of a workflow was AlreadyExists.
  const middletierWorkflows = expected.filter((workflow) => workflow.template !== 'adviser-workflow').length;
  expect(await metric(restarted.port, 'thoth_investigator_scheduled_workflows_total')).toBe(middletierWorkflows - createdBeforeRestart);
  expect(await metric(restarted.port, 'thoth_investigator_workflows_already_submitted_total')).toBe(middletierWorkflows + createdBeforeRestart);
  expect(await metric(backend.port, 'thoth_investigator_scheduled_workflows_total')).toBe(1);
  expect(await metric(backend.port, 'thoth_investigator_workflows_already_submitted_total')).toBe(1);
  for (const { program } of [restarted, backend]) {
    program.kill('SIGTERM');
    const { code } = await program.exited;
    expect({ code, stopped: program.messages().includes('investigator stopped') }).toEqual({ code: 0, stopped: true });
  }

  const created = ([...api.workflows.values()] as unknown as StoredWorkflow[]).map(summarize).sort(byDescription);
  expect(created).toEqual(expected);
  expect(api.workflows.has(`${BACKEND}/${reRun}`)).toBe(true);
  expect(await records(`${kafka.deploymentName}.${DEAD_LETTER.base}`)).toBe(0);
});

/** `read`'s value once it has not changed for `quietMs` (at most `timeoutMs` of waiting). */
async function steadyValue<T>(read: () => T, quietMs = 500, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = read();
    if (now !== value) [value, since] = [now, Date.now()];
  }
  return value;
}
