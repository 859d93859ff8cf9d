/**
 * End to end, as the images run, the companion of solver-to-workflows.test.ts: each step a process
 * of workflow-tasks in a step directory of its own, then send-messages, Kafka, the investigator and
 * the Workflows at the API server.
 *
 * 1. Two adviser documents that stopped on unresolved packages: parse-adviser-output turns each into
 *    unresolved-package messages (one for the solver of its runtime environment, one for every solver:
 *    its environment has no Python version), the middletier investigator into solver Workflows for the
 *    versions the knowledge graph lacks, a specifier selecting versions from a local package index,
 *    a requirement pinned to a second source solved from that source. send-messages is killed after
 *    the broker acknowledged and before its record reached S3, and retried.
 * 2. kebechet-administrator for a solved release and for a missing package, over Kebechet
 *    installations in the knowledge graph: the backend investigator turns its kebechet-run-url-trigger
 *    messages into kebechet-run-url Workflows. Each run is killed once (SIGKILL) while its query is at
 *    PostgreSQL or its answer on the way back, and retried in a fresh step directory.
 *
 * Every expected Workflow exists exactly once, nothing else was created, every offset is committed,
 * nothing went to the dead-letter topic and the investigators stop on SIGTERM with exit 0.
 */
import { jest } from '@jest/globals';
import { lt, valid } from '@renovatebot/pep440';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { S3DocumentStore } from '../../src/runtime/s3/documents.js';
import { s3Config } from '../../src/runtime/s3/settings.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';
import { FakeApiServer } from '../services/fake-api-server.js';
import { buildJobProgram, freePort, knowledgeGraphEnv, logged, metric, ProgramProcess, runProgram, until } from '../services/job-programs.js';
import { S3Proxy } from '../services/s3-proxy.js';
import { startTestKafka, type TestKafka, topicEnd, uncommittedRecords } from '../services/kafka.js';

// A group join on the mock broker takes 3 s; each scenario's body stays well under 40 s.
jest.setTimeout(60_000);

const MIDDLETIER = 'thoth-middletier-e2e';
const BACKEND = 'thoth-backend-e2e';
const GROUPS = { middletier: 'thoth.investigator.middletier', backend: 'thoth.investigator.backend' } as const;
const SERVICE_VERSION = '0.1.0-e2e';
/** The deployment's solvers (the `solvers` ConfigMap). */
const SOLVERS = ['solver-rhel-8-py38', 'solver-rhel-9-py39', 'solver-fedora-38-py311'] as const;
/** THOTH_INVESTIGATOR_MAX_VERSIONS: the newest matching versions scheduled for a specifier. */
const MAX_VERSIONS = 3;
const PYPI = 'https://pypi.org/simple';
/** Registered in the graph and disabled: never a dependency index. */
const LEGACY = 'https://legacy.example/simple';

/**
 * The local package index the investigator reads (its client asks the message's index URL, Simple
 * API): two sources, each under its own path. flask in JSON (PEP 691, with PEP 700's versions), six
 * in HTML (PEP 503): the versions of its file names.
 */
const INDEX_PAGES: Readonly<Record<string, { type: string; body: string }>> = {
  '/primary/simple/flask/': {
    type: 'application/vnd.pypi.simple.v1+json',
    body: JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'flask', versions: ['1.1.4', '2.0.0', '2.2.5', '2.3.2', '3.0.0'], files: [] }),
  },
  '/primary/simple/six/': {
    type: 'text/html',
    body: '<html><body><a href="/f/six-1.15.0.tar.gz">six-1.15.0.tar.gz</a><a href="/f/a.whl">six-1.16.0-py2.py3-none-any.whl</a><a href="/f/b">six-1.16.0.tar.gz</a></body></html>',
  },
};
/**
 * What a specifier selects from those pages, by the documented rule (docs/quirks.md Q30): the
 * matching versions, newest first, at most MAX_VERSIONS. flask `>=2.0` matches 2.0.0 too, past the limit.
 */
const SELECTED: Readonly<Record<string, readonly string[]>> = { flask: ['3.0.0', '2.3.2', '2.2.5'], six: ['1.16.0', '1.15.0'] };

type IndexName = 'primary' | 'internal' | 'pypi';

/** Solver results in the graph: these (version, index, environment) pairs need no solver. */
const SOLVED: readonly { name: string; version: string; index: IndexName; solver: (typeof SOLVERS)[number] }[] = [
  { name: 'flask', version: '3.0.0', index: 'primary', solver: 'solver-rhel-8-py38' },
  // The same release from the second source: not the release asked for.
  { name: 'flask', version: '2.3.2', index: 'internal', solver: 'solver-rhel-8-py38' },
  { name: 'numpy', version: '1.26.0', index: 'primary', solver: 'solver-fedora-38-py311' },
];

/** The environment a solver resolves for, as its rows in the graph record it. */
function environmentOf(solver: string): { os: string; version: string; python: string } {
  const [, os, version, major, minor] = /^solver-([a-z]+)-([0-9]+)-py([0-9])([0-9]+)$/.exec(solver)!;
  return { os: os!, version: version!, python: `${major}.${minor}` };
}

interface AdviserRun {
  /** The adviser workflow's id: its document's, and the steps' workflow uid. */
  readonly id: string;
  /** The solver of the runtime environment; undefined: every solver. */
  readonly solver: string | undefined;
  readonly document: Record<string, unknown>;
  /** What parse-adviser-output asks for, as the Pipfile spells it. */
  readonly asked: readonly { package_name: string; package_version: string; index_url: string }[];
  readonly skipped: readonly { package: string; reason: string }[];
}

/** An adviser document as thoth-station/adviser v0.56.3 writes one that found no resolution. */
function adviserDocument(id: string, unresolved: string[], requirements: Record<string, unknown>, runtimeEnvironment: Record<string, unknown>) {
  return {
    metadata: { analyzer: 'thoth-adviser', analyzer_version: '0.56.3', document_id: id },
    result: {
      error: true,
      report: { ERROR: 'Resolver failed: no dependencies found', _ERROR_DETAILS: { unresolved }, stack_info: [] },
      parameters: { project: { requirements, requirements_locked: null, runtime_environment: runtimeEnvironment } },
    },
  };
}

function adviserRuns(urls: Readonly<Record<IndexName, string>>): AdviserRun[] {
  return [
    {
      id: 'adviser-e2e-ubi8-py38',
      // ubi is rhel, its minor version dropped, Python without its dot: the solvers' names.
      solver: 'solver-rhel-8-py38',
      document: adviserDocument(
        'adviser-e2e-ubi8-py38',
        ['flask', 'internal-lib', 'local-tool', 'markupsafe'],
        {
          source: [
            { name: 'primary', url: urls.primary, verify_ssl: true },
            { name: 'internal', url: urls.internal, verify_ssl: true },
          ],
          packages: {
            Flask: '>=2.0',
            internal_lib: { version: '==1.2.0', index: 'internal' },
            requests: '*',
            'local-tool': { path: './tools', editable: true },
          },
        },
        { operating_system: { name: 'ubi', version: '8.6' }, python_version: '3.8' },
      ),
      asked: [
        { package_name: 'Flask', package_version: '>=2.0', index_url: urls.primary },
        { package_name: 'internal_lib', package_version: '==1.2.0', index_url: urls.internal },
      ],
      skipped: [
        { package: 'local-tool', reason: 'installed from a repository or a path, not an index' },
        { package: 'markupsafe', reason: 'not a requirement of the Pipfile' },
      ],
    },
    {
      id: 'adviser-e2e-no-python',
      solver: undefined,
      document: adviserDocument(
        'adviser-e2e-no-python',
        ['flask', 'Six', 'numpy'],
        {
          source: [{ name: 'mirror', url: urls.primary, verify_ssl: true }],
          packages: { flask: '>=2.0', numpy: '==1.26.0' },
          'dev-packages': { six: '*' },
        },
        { operating_system: { name: 'rhel', version: '9' }, python_version: null },
      ),
      asked: [
        { package_name: 'flask', package_version: '>=2.0', index_url: urls.primary },
        { package_name: 'six', package_version: '*', index_url: urls.primary },
        { package_name: 'numpy', package_version: '==1.26.0', index_url: urls.primary },
      ],
      skipped: [],
    },
  ];
}

// ---------------------------------------------------------------- Kebechet installations

const ENVIRONMENTS = {
  ubi8: { id: 1, os: 'rhel', version: '8', python: '3.8' },
  fedora: { id: 2, os: 'fedora', version: '38', python: '3.11' },
} as const;

interface Installation {
  readonly id: number;
  readonly slug: string;
  readonly environment: keyof typeof ENVIRONMENTS | null;
  readonly private?: true;
  readonly inactive?: true;
  /** The packages its lock file pins: name, version, index (null: an entity without one). */
  readonly locks: readonly (readonly [string, string, IndexName | null])[];
}

/** Each installation has a stack of its own whose lock file pins `locks`; the GitHub installation id is 40000 + id. */
const INSTALLATIONS: readonly Installation[] = [
  {
    id: 1,
    slug: 'acme/older',
    environment: 'ubi8',
    locks: [
      ['flask', '2.0.0', 'pypi'],
      ['urllib3', '1.26.0', 'pypi'],
    ],
  },
  { id: 2, slug: 'acme/equal', environment: 'ubi8', locks: [['flask', '2.3.2', 'pypi']] },
  {
    id: 3,
    slug: 'acme/newer',
    environment: 'ubi8',
    locks: [
      ['flask', '3.0.0', 'pypi'],
      ['urllib3', '2.0.0', 'pypi'],
    ],
  },
  {
    id: 4,
    slug: 'acme/private',
    environment: 'ubi8',
    private: true,
    locks: [
      ['flask', '1.1.4', 'pypi'],
      ['urllib3', '2.0.0', 'pypi'],
    ],
  },
  {
    id: 5,
    slug: 'acme/fedora',
    environment: 'fedora',
    locks: [
      ['flask', '1.1.4', 'pypi'],
      ['urllib3', '1.26.0', 'pypi'],
    ],
  },
  { id: 6, slug: 'acme/second-source', environment: 'ubi8', locks: [['flask', '1.0.0', 'internal']] },
  { id: 7, slug: 'acme/unknown-index', environment: 'ubi8', locks: [['flask', '1.1.0', null]] },
  {
    id: 8,
    slug: 'acme/inactive',
    environment: 'ubi8',
    inactive: true,
    locks: [
      ['flask', '2.0.0', 'pypi'],
      ['urllib3', '1.26.0', 'pypi'],
    ],
  },
  // One repository, two installations (two runtime environments): one locks the release, one an older one.
  { id: 9, slug: 'acme/monorepo', environment: 'ubi8', locks: [['flask', '2.3.2', 'pypi']] },
  { id: 10, slug: 'acme/monorepo', environment: 'ubi8', locks: [['flask', '1.1.4', 'pypi']] },
  {
    id: 11,
    slug: 'acme/no-environment',
    environment: null,
    locks: [
      ['flask', '2.0.0', 'pypi'],
      ['urllib3', '1.26.0', 'pypi'],
    ],
  },
  { id: 12, slug: 'acme/not-pep440', environment: 'ubi8', locks: [['flask', 'dev-main', 'pypi']] },
];
const installationId = (installation: Installation) => String(40_000 + installation.id);

interface KebechetEvent {
  readonly type: 'solved-package' | 'missing-package';
  readonly name: string;
  readonly version?: string;
  readonly index: string;
  readonly solver?: string;
}

const SOLVED_RELEASE: KebechetEvent = { type: 'solved-package', name: 'flask', version: '2.3.2', index: PYPI, solver: 'solver-rhel-8-py38' };
const MISSING_PACKAGE: KebechetEvent = { type: 'missing-package', name: 'urllib3', index: PYPI };
/** thoth-common InternalTriggerEnum, by event (docs/quirks.md Q51). */
const JUSTIFICATION = { 'solved-package': 5, 'missing-package': 3 } as const;

/**
 * The repositories an event concerns, by the documented rules (kebechet-administrator.ts, docs/quirks.md
 * Q51) applied to the seeded rows: active installations whose lock pins the package from the event's
 * index or from none; a solved release concerns installations in the solver's environment locking an
 * older version by PEP 440, a missing package every locked version in any environment; all of a
 * repository's rows count, a repository with a private installation among them is skipped, the
 * installation id is the smallest qualifying one; ordered by slug.
 */
function concernedRepositories(event: KebechetEvent, urls: Readonly<Record<IndexName, string>>) {
  const solverEnvironment = event.solver === undefined ? undefined : environmentOf(event.solver);
  const rows = INSTALLATIONS.flatMap((installation) => {
    if (installation.inactive) return [];
    if (solverEnvironment !== undefined) {
      const environment = installation.environment === null ? undefined : ENVIRONMENTS[installation.environment];
      if (
        environment === undefined ||
        environment.os !== solverEnvironment.os ||
        environment.version !== solverEnvironment.version ||
        environment.python !== solverEnvironment.python
      )
        return [];
    }
    return installation.locks
      .filter(([name, , index]) => name === event.name && (index === null || urls[index] === event.index))
      .map(([, locked]) => ({ installation, locked }));
  });
  const slugs = [...new Set(rows.map((row) => row.installation.slug))].sort();
  const triggered: { slug: string; installationId: string }[] = [];
  let privateSkipped = 0;
  for (const slug of slugs) {
    const ofSlug = rows.filter((row) => row.installation.slug === slug);
    const qualifying = ofSlug.filter(({ locked }) =>
      event.type === 'solved-package' ? valid(locked) !== null && lt(locked, event.version!) : event.version === undefined || locked === event.version,
    );
    if (qualifying.length === 0) continue;
    if (ofSlug.some((row) => row.installation.private)) {
      privateSkipped += 1;
      continue;
    }
    triggered.push({ slug, installationId: qualifying.map((row) => installationId(row.installation)).sort()[0]! });
  }
  return { triggered, privateSkipped };
}

/** The messages file kebechet-administrator writes for an event. */
function kebechetMessages(event: KebechetEvent, urls: Readonly<Record<IndexName, string>>) {
  return concernedRepositories(event, urls).triggered.map((repository) => ({
    topic_name: MESSAGE_TYPES['kebechet-run-url-trigger'].base,
    message_contents: {
      component_name: 'kebechet-administrator',
      service_version: SERVICE_VERSION,
      version: 'v2',
      url: `https://github.com/${repository.slug}`,
      service_name: 'github',
      installation_id: repository.installationId,
      metadata: {
        message_justification: JUSTIFICATION[event.type],
        package_name: event.name,
        package_version: event.version ?? null,
        package_index: event.index,
      },
    },
  }));
}

// ---------------------------------------------------------------- services shared by both scenarios

let database: TestDatabase;
let kafka: TestKafka;
let api: FakeApiServer;
let s3Proxy: S3Proxy;
let pgProxy: PostgresProxy;
let index: Server;
let gateway: Server;
let dir: string;
let workflowTasks: string;
let investigator: string;
let store: S3DocumentStore;
let s3Env: Record<string, string>;
let common: Record<string, string>;
let urls: Record<IndexName, string>;
/** The paths the investigator asked the package index for. */
const indexRequests: string[] = [];
/** What the steps pushed to the Pushgateway. */
const pushes: string[] = [];

beforeAll(async () => {
  [database, kafka] = await Promise.all([createTestDatabase(), startTestKafka([...Object.values(MESSAGE_TYPES).map((type) => type.base), DEAD_LETTER.base])]);
  api = new FakeApiServer();
  await api.start();
  s3Env = {
    THOTH_S3_ENDPOINT_URL: process.env.THOTH_TEST_S3_ENDPOINT!,
    THOTH_CEPH_BUCKET: process.env.THOTH_TEST_S3_BUCKET!,
    THOTH_CEPH_BUCKET_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
    THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
    THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
  };
  s3Proxy = new S3Proxy(s3Env.THOTH_S3_ENDPOINT_URL!);
  await s3Proxy.start();
  const graph = new URL(database.url);
  pgProxy = new PostgresProxy(graph.hostname, Number(graph.port || '5432'));
  await pgProxy.start();
  index = createServer((request, response) => {
    indexRequests.push(request.url!);
    const page = INDEX_PAGES[request.url!];
    if (page === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      pushes.push(body);
      response.writeHead(200).end();
    });
  });
  await Promise.all([index, gateway].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  const indexUrl = `http://127.0.0.1:${(index.address() as AddressInfo).port}`;
  urls = { primary: `${indexUrl}/primary/simple`, internal: `${indexUrl}/internal/simple`, pypi: PYPI };

  dir = await mkdtemp(path.join(tmpdir(), 'thoth-e2e-adviser-kebechet-'));
  await writeFile(path.join(dir, 'token'), 'investigator-token');
  [workflowTasks, investigator] = await Promise.all([
    buildJobProgram('components/workflow-core/job/main.ts', dir),
    buildJobProgram('components/investigator/job/main.ts', dir),
  ]);
  common = { ...knowledgeGraphEnv(database.url), THOTH_DEPLOYMENT_NAME: kafka.deploymentName, THOTH_SERVICE_VERSION: SERVICE_VERSION };
  store = new S3DocumentStore(s3Config({ ...s3Env, THOTH_DEPLOYMENT_NAME: kafka.deploymentName }));

  const migrated = await runProgram(investigator, ['migrate'], common);
  expect(migrated.code).toBe(0);
  await seedGraph();
});

/** The indexes, the solver results and the Kebechet installations, as graph-sync and Kebechet leave them. */
async function seedGraph(): Promise<void> {
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  await pool.query(
    `INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, $1, TRUE, TRUE), (2, $2, TRUE, TRUE), (3, $3, TRUE, TRUE), (4, $4, FALSE, TRUE)`,
    [urls.primary, urls.internal, PYPI, LEGACY],
  );
  const indexId: Record<IndexName, number> = { primary: 1, internal: 2, pypi: 3 };
  const entities = new Map<string, number>();
  const entity = async (name: string, version: string, index: IndexName | null) => {
    const key = JSON.stringify([name, version, index]);
    if (!entities.has(key)) {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES ($1, $2, $3) RETURNING id',
        [name, version, index === null ? null : indexId[index]],
      );
      entities.set(key, rows[0]!.id);
    }
    return entities.get(key)!;
  };
  for (const solved of SOLVED) {
    const environment = environmentOf(solved.solver);
    await pool.query(
      `INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        solved.name,
        solved.version,
        environment.os,
        environment.version,
        environment.python,
        await entity(solved.name, solved.version, solved.index),
        indexId[solved.index],
      ],
    );
  }
  for (const [name, environment] of Object.entries(ENVIRONMENTS)) {
    await pool.query(
      `INSERT INTO external_software_environment (id, environment_name, os_name, os_version, python_version, environment_type) VALUES ($1, $2, $3, $4, $5, 'RUNTIME')`,
      [environment.id, name, environment.os, environment.version, environment.python],
    );
  }
  for (const installation of INSTALLATIONS) {
    const { id } = installation;
    await pool.query('INSERT INTO external_python_requirements_lock (id, requirements_lock_hash) VALUES ($1, $2)', [id, `lock-${id}`]);
    await pool.query('INSERT INTO external_python_software_stack (id, external_python_requirements_lock_id) VALUES ($1, $1)', [id]);
    for (const [name, version, index] of installation.locks) {
      await pool.query('INSERT INTO has_external_python_requirement_lock VALUES ($1, $2)', [id, await entity(name, version, index)]);
    }
    await pool.query(
      `INSERT INTO kebechet_github_installations (id, slug, repo_name, private, installation_id, is_active, runtime_environment_name,
                                                 external_python_software_stack_id, external_software_environment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $1, $8)`,
      [
        id,
        installation.slug,
        installation.slug.split('/')[1],
        installation.private === true,
        installationId(installation),
        installation.inactive !== true,
        installation.environment === null ? null : `${installation.environment}-${id}`,
        installation.environment === null ? null : ENVIRONMENTS[installation.environment].id,
      ],
    );
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
  await s3Proxy?.stop();
  await pgProxy?.stop();
  for (const server of [index, gateway]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await api?.stop();
  await kafka?.stop();
  await database?.drop();
  store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A step's pod: fresh directories for its input and output artifacts (/mnt/output, /mnt/workdir). */
async function stepDirectory(name: string): Promise<{ output: string; messages: string }> {
  const step = path.join(dir, name);
  await mkdir(path.join(step, 'output'), { recursive: true });
  await mkdir(path.join(step, 'workdir'), { recursive: true });
  return { output: path.join(step, 'output'), messages: path.join(step, 'workdir', 'messages_to_be_sent.json') };
}

/** What every task that writes messages gets from the `thoth` and `prometheus` ConfigMaps. */
const taskEnv = () => ({
  THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
  THOTH_SERVICE_VERSION: SERVICE_VERSION,
  PROMETHEUS_PUSHGATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
});

function parseAdviserOutput(step: { output: string; messages: string }): ProgramProcess {
  return start(workflowTasks, ['parse-adviser-output'], {
    ...taskEnv(),
    THOTH_ADVISER_DOCUMENT_PATH: path.join(step.output, 'document.json'),
    THOTH_MESSAGES_FILE: step.messages,
  });
}

/** The step reaches PostgreSQL through the proxy, where the test sees (and cuts) its queries. */
function kebechetAdministrator(event: KebechetEvent, step: { messages: string }): ProgramProcess {
  return start(workflowTasks, ['kebechet-administrator'], {
    ...taskEnv(),
    ...knowledgeGraphEnv(database.url),
    KNOWLEDGE_GRAPH_HOST: '127.0.0.1',
    KNOWLEDGE_GRAPH_PORT: String(pgProxy.port),
    // The investigator's parameters; a missing-package has neither version nor solver, passed empty.
    THOTH_MESSAGE_TYPE: MESSAGE_TYPES[event.type].base,
    THOTH_PACKAGE_NAME: event.name,
    THOTH_PACKAGE_VERSION: event.version ?? '',
    THOTH_PACKAGE_INDEX: event.index,
    THOTH_SOLVER_NAME: event.solver ?? '',
    THOTH_MESSAGES_FILE: step.messages,
  });
}

/** send-messages in a step directory of its own, the messages file its input artifact; S3 through the proxy. */
async function sendStep(name: string, messages: string): Promise<string> {
  const step = path.join(dir, name);
  await mkdir(step, { recursive: true });
  const file = path.join(step, 'messages_to_be_sent.json');
  await copyFile(messages, file);
  return file;
}

function sendMessages(file: string, workflowUid: string): ProgramProcess {
  return start(workflowTasks, ['send-messages'], {
    ...s3Env,
    THOTH_S3_ENDPOINT_URL: s3Proxy.url,
    THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
    THOTH_SERVICE_VERSION: SERVICE_VERSION,
    KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
    THOTH_MESSAGING_FROM_FILE: file,
    THOTH_WORKFLOW_UID: workflowUid,
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
    THOTH_INVESTIGATOR_SOLVERS: `${SOLVERS.join('\n')}\n`,
    THOTH_INVESTIGATOR_MAX_VERSIONS: String(MAX_VERSIONS),
    ARGO_PENDING_WORKFLOW_LIMIT: '1000',
    KUBERNETES_API_URL: api.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
    THOTH_INVESTIGATOR_METRICS_PORT: String(port),
  });
  return { program, port };
}

async function stopInvestigator({ program }: { program: ProgramProcess }): Promise<void> {
  program.kill('SIGTERM');
  const { code } = await program.exited;
  expect({ code, stopped: program.messages().includes('investigator stopped') }).toEqual({ code: 0, stopped: true });
}

interface Summary {
  readonly namespace: string;
  readonly template: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The parameter that receives each template's derived name, and the name's start. */
const NAME_PARAMETERS: Readonly<Record<string, { parameter: string; prefix: string }>> = {
  'solver-workflow': { parameter: 'THOTH_SOLVER_WORKFLOW_ID', prefix: 'solver-' },
  'kebechet-run-url-workflow': { parameter: 'WORKFLOW_ID', prefix: 'kebechet-run-url-' },
};

type StoredWorkflow = {
  metadata: { name: string; namespace: string };
  spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
};

/** A created workflow as the expectation describes it: its derived name must be in its name parameter. */
function summarize(workflow: StoredWorkflow): Summary {
  const template = workflow.spec.workflowTemplateRef.name;
  const parameters: Record<string, unknown> = Object.fromEntries(workflow.spec.arguments.parameters.map(({ name, value }) => [name, value]));
  const naming = NAME_PARAMETERS[template];
  if (naming !== undefined) {
    expect({ [naming.parameter]: parameters[naming.parameter] }).toEqual({ [naming.parameter]: workflow.metadata.name });
    expect(workflow.metadata.name.startsWith(naming.prefix)).toBe(true);
    delete parameters[naming.parameter];
  }
  if (typeof parameters.KEBECHET_METADATA === 'string') parameters.KEBECHET_METADATA = JSON.parse(parameters.KEBECHET_METADATA);
  return { namespace: workflow.metadata.namespace, template, parameters };
}

const describeSummary = (summary: Summary) => JSON.stringify([summary.namespace, summary.template, summary.parameters]);
const byDescription = (a: Summary, b: Summary) => (describeSummary(a) < describeSummary(b) ? -1 : describeSummary(a) > describeSummary(b) ? 1 : 0);
/** The workflows created since `before` (the keys the API server held then). */
const createdSince = (before: ReadonlySet<string>) =>
  [...api.workflows.entries()]
    .filter(([key]) => !before.has(key))
    .map(([, workflow]) => summarize(workflow as unknown as StoredWorkflow))
    .sort(byDescription);

const topicOf = (type: keyof typeof MESSAGE_TYPES) => `${kafka.deploymentName}.${MESSAGE_TYPES[type].base}`;
const records = async (topic: string) => [...(await topicEnd(kafka, topic)).values()].reduce((sum, high) => sum + high, 0);
const deadLetters = () => records(`${kafka.deploymentName}.${DEAD_LETTER.base}`);
async function ledger(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list('send-messages')) keys.push(key);
  return keys;
}

/** The count a push carried for a metric and message type; one entry per push that carried it. */
function pushedCounts(metricName: string, messageType: string): number[] {
  const line = new RegExp(`^${metricName}\\{[^}]*message_type="${messageType.replaceAll('.', '\\.')}"[^}]*\\} (\\d+)$`, 'm');
  return pushes.flatMap((body) => {
    const match = line.exec(body);
    return match === null ? [] : [Number(match[1])];
  });
}

const readMessages = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { topic_name: string; message_contents: Record<string, unknown> }[];

/** Every solver Workflow the adviser runs call for: the requested solvers the graph has no result of, per selected version. */
function expectedSolverWorkflows(runs: readonly AdviserRun[]): Summary[] {
  // Enabled indexes, in the graph's order: where a solver may look dependencies up.
  const dependencyIndexes = [urls.primary, urls.internal, PYPI].join(',');
  const unique = new Map<string, Summary>();
  for (const run of runs) {
    for (const asked of run.asked) {
      const name = asked.package_name.toLowerCase().replace(/[-_.]+/g, '-');
      const versions = asked.package_version.startsWith('==') ? [asked.package_version.slice(2)] : SELECTED[name]!;
      for (const version of versions) {
        for (const solver of run.solver === undefined ? SOLVERS : [run.solver]) {
          const solved = SOLVED.some((row) => row.name === name && row.version === version && urls[row.index] === asked.index_url && row.solver === solver);
          if (solved) continue;
          const summary: Summary = {
            namespace: MIDDLETIER,
            template: 'solver-workflow',
            parameters: {
              THOTH_SOLVER_NAME: solver,
              THOTH_SOLVER_PACKAGES: `${name}===${version}`,
              THOTH_SOLVER_NO_TRANSITIVE: '1',
              THOTH_SOLVER_INDEXES: asked.index_url,
              THOTH_SOLVER_DEPENDENCY_INDEXES: dependencyIndexes,
              THOTH_FORCE_SYNC: '0',
              THOTH_LOG_SOLVER: 'INFO',
            },
          };
          unique.set(describeSummary(summary), summary);
        }
      }
    }
  }
  return [...unique.values()].sort(byDescription);
}

test('adviser documents with unresolved packages → parse-adviser-output → send-messages (killed after the broker acknowledged, retried) → middletier investigator → each solver Workflow exactly once', async () => {
  const runs = adviserRuns(urls);
  const [pinned, anyPython] = runs as [AdviserRun, AdviserRun];
  const expected = expectedSolverWorkflows(runs);
  // 3 for the first run (flask 3.0.0 is solved there), 16 for the second, of which 2 are the first's.
  expect(expected).toHaveLength(17);
  const before = new Set(api.workflows.keys());
  const ledgerBefore = (await ledger()).length;
  pushes.length = 0;
  indexRequests.length = 0;
  const unresolvedTopic = topicOf('unresolved-package');
  const recordsBefore = await records(unresolvedTopic);

  // The middletier deployment joins its group while the steps run.
  const middletier = await startInvestigator('middletier');

  // Each adviser workflow's parse-adviser-output, the advise step's document as its input artifact.
  const files: Record<string, string> = {};
  for (const run of runs) {
    const step = await stepDirectory(`${run.id}/parse-adviser-output`);
    await writeFile(path.join(step.output, 'document.json'), JSON.stringify(run.document));
    const parse = parseAdviserOutput(step);
    expect((await parse.exited).code).toBe(0);
    expect(await readMessages(step.messages)).toEqual(
      run.asked.map((asked) => ({
        topic_name: MESSAGE_TYPES['unresolved-package'].base,
        message_contents: { component_name: 'adviser', service_version: SERVICE_VERSION, version: 'v1', ...asked, solver: run.solver ?? null },
      })),
    );
    expect(logged(parse).filter((fields) => fields.msg === 'unresolved package not asked for')).toEqual(
      run.skipped.map((skipped) => expect.objectContaining(skipped)),
    );
    files[run.id] = step.messages;
  }
  // Each parse pushed its count once.
  expect(pushedCounts('thoth_adviser_messages_sent_total', MESSAGE_TYPES['unresolved-package'].base)).toEqual(runs.map((run) => run.asked.length));

  // The first run's send-messages, killed when the broker has acknowledged its messages and before its record of the file reaches S3.
  const pinnedFile = await sendStep(`${pinned.id}/send-messages`, files[pinned.id]!);
  const firstSend = sendMessages(pinnedFile, pinned.id);
  s3Proxy.hold = (method, key) => {
    if (method !== 'PUT' || !key.includes('/send-messages/')) return false;
    firstSend.kill('SIGKILL');
    return true;
  };
  expect(await firstSend.exitedWithin(20_000)).toEqual({ code: null, signal: 'SIGKILL' });
  s3Proxy.hold = () => false;
  expect(await records(unresolvedTopic)).toBe(recordsBefore + pinned.asked.length);
  expect(await ledger()).toHaveLength(ledgerBefore);

  // Argo's retry, same workflow uid and file: without a record it sends the file again ...
  const secondSend = sendMessages(pinnedFile, pinned.id);
  expect((await secondSend.exited).code).toBe(0);
  expect(logged(secondSend).find((fields) => 'counts' in fields)?.counts).toEqual({ 'unresolved-package': pinned.asked.length });
  expect(await records(unresolvedTopic)).toBe(recordsBefore + 2 * pinned.asked.length);
  expect(await ledger()).toHaveLength(ledgerBefore + 1);
  // ... and once more, it finds its record and sends nothing.
  const thirdSend = sendMessages(pinnedFile, pinned.id);
  expect((await thirdSend.exited).code).toBe(0);
  expect(thirdSend.messages()).toContain('this workflow sent these messages already: nothing sent');
  expect(await records(unresolvedTopic)).toBe(recordsBefore + 2 * pinned.asked.length);

  // The second run's send-messages.
  const anyPythonSend = sendMessages(await sendStep(`${anyPython.id}/send-messages`, files[anyPython.id]!), anyPython.id);
  expect((await anyPythonSend.exited).code).toBe(0);
  const sent = recordsBefore + 2 * pinned.asked.length + anyPython.asked.length;
  expect(await records(unresolvedTopic)).toBe(sent);

  await until(
    async () => createdSince(before).length >= expected.length && (await uncommittedRecords(kafka, GROUPS.middletier, [unresolvedTopic])) === 0,
    () =>
      `${expected.length} workflows (have ${createdSince(before).length}) and every offset committed; the investigator logged:\n${middletier.program.lines.slice(-30).join('\n')}`,
    25_000,
  );
  // Every submission after a workflow's first was AlreadyExists: the first run's messages came twice,
  // and the runs share the rhel-8 solvers of flask 2.3.2 and 2.2.5.
  const submissions = (runs: number, run: AdviserRun) => expectedSolverWorkflows([run]).length * runs;
  const submitted = submissions(2, pinned) + submissions(1, anyPython);
  expect(await metric(middletier.port, 'thoth_investigator_scheduled_workflows_total')).toBe(expected.length);
  expect(await metric(middletier.port, 'thoth_investigator_workflows_already_submitted_total')).toBe(submitted - expected.length);
  await stopInvestigator(middletier);

  expect(createdSince(before)).toEqual(expected);
  // A specifier asks the index; a pin does not.
  expect([...new Set(indexRequests)].sort()).toEqual(['/primary/simple/flask/', '/primary/simple/six/']);
  expect(await deadLetters()).toBe(0);
});

test('kebechet-administrator (killed at PostgreSQL, retried) for a solved release and a missing package → send-messages → backend investigator → each kebechet-run-url Workflow exactly once', async () => {
  const events = [
    // Killed while its query is at PostgreSQL (held by the proxy, never run).
    { event: SOLVED_RELEASE, workflow: 'kebechet-administrator-e2e-solved', cut: 'hold' as const },
    // Killed once PostgreSQL has answered, before the step has the answer.
    { event: MISSING_PACKAGE, workflow: 'kebechet-administrator-e2e-missing', cut: 'hold-answer' as const },
  ];
  const expectedMessages = events.map(({ event }) => kebechetMessages(event, urls));
  // From the rows: flask 2.3.2 concerns acme/monorepo, acme/older, acme/unknown-index; urllib3 four repositories.
  expect(expectedMessages.map((messages) => messages.length)).toEqual([3, 4]);
  const expected: Summary[] = expectedMessages
    .flat()
    .map(({ message_contents: message }) => ({
      namespace: BACKEND,
      template: 'kebechet-run-url-workflow',
      parameters: { KEBECHET_REPO_URL: message.url, KEBECHET_SERVICE_NAME: 'github', KEBECHET_METADATA: message.metadata },
    }))
    .sort(byDescription);
  const before = new Set(api.workflows.keys());
  pushes.length = 0;
  const triggerTopic = topicOf('kebechet-run-url-trigger');
  const recordsBefore = await records(triggerTopic);

  const backend = await startInvestigator('backend');

  const files: string[] = [];
  for (const [i, { event, workflow, cut }] of events.entries()) {
    // The first attempt, killed at PostgreSQL.
    const firstStep = await stepDirectory(`${workflow}/kebechet-administrator-1`);
    const first = kebechetAdministrator(event, firstStep);
    pgProxy.decide = (sql) => (sql.includes('kebechet_github_installations') ? cut : 'pass');
    pgProxy.onHeld = () => first.kill('SIGKILL');
    expect(await first.exitedWithin(20_000)).toEqual({ code: null, signal: 'SIGKILL' });
    pgProxy.decide = () => 'pass';
    expect(first.messages()).toContain('kebechet-administrator triggered');
    expect(first.messages()).not.toContain('Kebechet run triggers written');
    await expect(readFile(firstStep.messages)).rejects.toMatchObject({ code: 'ENOENT' });

    // Argo's retry: a new pod, a fresh step directory.
    const secondStep = await stepDirectory(`${workflow}/kebechet-administrator-2`);
    const second = kebechetAdministrator(event, secondStep);
    expect((await second.exited).code).toBe(0);
    expect(await readMessages(secondStep.messages)).toEqual(expectedMessages[i]);
    expect(logged(second).find((fields) => fields.msg === 'Kebechet run triggers written')).toMatchObject({
      repositories: expectedMessages[i]!.length,
      privateSkipped: concernedRepositories(event, urls).privateSkipped,
    });
    // acme/not-pep440's locked version cannot be ordered against the release: a warning, no trigger.
    expect(logged(second).filter((fields) => 'lockedVersions' in fields)).toEqual(
      event.type === 'solved-package' ? [expect.objectContaining({ package: 'flask', lockedVersions: ['dev-main'] })] : [],
    );
    files.push(await sendStep(`${workflow}/send-messages`, secondStep.messages));
  }
  // Only the completed runs pushed their counts.
  expect(pushedCounts('thoth_kebechet_administrator_messages_sent_total', MESSAGE_TYPES['kebechet-run-url-trigger'].base)).toEqual([3, 4]);

  for (const [i, file] of files.entries()) {
    const send = sendMessages(file, events[i]!.workflow);
    expect((await send.exited).code).toBe(0);
    expect(logged(send).find((fields) => 'counts' in fields)?.counts).toEqual({ 'kebechet-run-url-trigger': expectedMessages[i]!.length });
  }
  expect(await records(triggerTopic)).toBe(recordsBefore + expected.length);

  await until(
    async () => createdSince(before).length >= expected.length && (await uncommittedRecords(kafka, GROUPS.backend, [triggerTopic])) === 0,
    () =>
      `${expected.length} workflows (have ${createdSince(before).length}) and every offset committed; the investigator logged:\n${backend.program.lines.slice(-30).join('\n')}`,
    25_000,
  );
  expect(await metric(backend.port, 'thoth_investigator_scheduled_workflows_total')).toBe(expected.length);
  expect(await metric(backend.port, 'thoth_investigator_workflows_already_submitted_total')).toBe(0);
  await stopInvestigator(backend);

  expect(createdSince(before)).toEqual(expected);
  expect(await deadLetters()).toBe(0);
});

/**
 * A pass-through TCP proxy in front of PostgreSQL. For each chunk a client sends, `decide` says
 * whether to pass it on, hold it (PostgreSQL never gets it) or pass it and hold PostgreSQL's answer
 * (the query has run; the client never hears). Once something is held the connection carries nothing
 * more, and `onHeld` is called.
 */
class PostgresProxy {
  decide: (chunk: string) => 'pass' | 'hold' | 'hold-answer' = () => 'pass';
  onHeld: () => void = () => {};
  private server: TcpServer | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    this.server = createTcpServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) this.sockets.add(socket);
      let held = false;
      let holdAnswer = false;
      const hold = () => {
        held = true;
        this.onHeld();
      };
      client.on('data', (chunk) => {
        if (held) return;
        // The protocol's text (a query's SQL) as bytes: enough to recognise a statement.
        const decision = this.decide(chunk.toString('latin1'));
        if (decision === 'hold') return hold();
        if (decision === 'hold-answer') holdAnswer = true;
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (held) return;
        if (holdAnswer) return hold();
        client.write(chunk);
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        socket.on('close', close);
        socket.on('error', close);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
