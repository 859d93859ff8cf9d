/**
 * SIGTERM at any moment of the investigator's life, as the image runs it: before it has reached the
 * brokers, while it joins the group, while a handler waits for the API server, while a record waits
 * for its next attempt, and in the middle of a batch, each time next to another member of its group.
 * Each time the stopped process exits 0 within the stop bound its settings give (the bound its pod's
 * grace period is made from), and then nothing stalls: every record of every partition gets its one
 * Workflow and the group commits every offset, with nothing set aside.
 */
import { jest } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { investigatorStopBoundMs } from '../../components/investigator/job/settings.js';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../services/database.js';
import { FakeApiServer } from '../services/fake-api-server.js';
import { buildJobProgram, freePort, knowledgeGraphEnv, ProgramProcess, runProgram, until } from '../services/job-programs.js';
import { metMockSyncRefusal, startTestKafka, type TestKafka, topicEnd, uncommittedRecords } from '../services/kafka.js';
import { startSilentServer } from '../services/silent-server.js';

// Each stop makes the group rebalance twice; a join on the mock broker takes 3 s.
jest.setTimeout(180_000);

const GROUP = 'thoth.investigator.middletier';
const MIDDLETIER = 'thoth-middletier-stop';
const INPUT = MESSAGE_TYPES['unrevsolved-package'];

let database: TestDatabase;
let kafka: TestKafka;
let api: FakeApiServer;
let dir: string;
let investigator: string;
let producer: Producer;
let topic: string;
const started: ProgramProcess[] = [];
/** Set while a scenario's members are being killed: nothing is restarted then. */
let tearingDown = false;
const produced: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  api = new FakeApiServer();
  await api.start();
  dir = await mkdtemp(path.join(tmpdir(), 'thoth-stop-'));
  await writeFile(path.join(dir, 'token'), 'investigator-token');
  investigator = await buildJobProgram('components/investigator/job/main.ts', dir);
  expect((await runProgram(investigator, ['migrate'], knowledgeGraphEnv(database.url))).code).toBe(0);
});

afterAll(async () => {
  await api?.stop();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): ProgramProcess {
  const program = new ProgramProcess(investigator, [], env);
  started.push(program);
  return program;
}

/**
 * Each scenario has a broker of its own (the mock starts in milliseconds), so its group reads only
 * its own records, from the earliest as the Deployments do, and its members end with it.
 */
beforeEach(async () => {
  kafka = await startTestKafka([INPUT.base, DEAD_LETTER.base], 2);
  topic = `${kafka.deploymentName}.${INPUT.base}`;
  producer = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  produced.length = 0;
  tearingDown = false;
});

afterEach(async () => {
  tearingDown = true;
  for (const program of started.splice(0)) {
    program.kill('SIGKILL');
    await program.exited;
  }
  await producer.disconnect();
  await kafka.stop();
});

async function investigatorEnv(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    ...knowledgeGraphEnv(database.url),
    THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
    THOTH_CONSUMER_MODE: '["middletier"]',
    KAFKA_CONSUMER_GROUP_ID: GROUP,
    KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: '6000',
    THOTH_CONSUMER_WORKERS: '2',
    // The stopped member's failed attempt waits 5 s for the next: long enough to be stopped in the middle of the wait.
    THOTH_INVESTIGATOR_BACKOFF: '5',
    THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT: '3',
    THOTH_MIDDLETIER_NAMESPACE: MIDDLETIER,
    THOTH_BACKEND_NAMESPACE: 'thoth-backend-stop',
    THOTH_INVESTIGATOR_SOLVERS: 'solver-rhel-8-py38',
    KUBERNETES_API_URL: api.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: path.join(dir, 'token'),
    THOTH_INVESTIGATOR_METRICS_PORT: String(await freePort()),
    ...overrides,
  };
}

/** `count` unrevsolved-package records over both partitions, each naming a package of its own. */
async function produce(label: string, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `${label}-${i}`);
  produced.push(...names);
  await producer.send({
    topic,
    acks: -1,
    messages: names.map((name, i) => ({
      partition: i % 2,
      value: JSON.stringify({ component_name: 'test', service_version: '1', package_name: name, package_version: '1.0.0' }),
    })),
  });
}

const bound = async () => investigatorStopBoundMs(await investigatorEnv());

/** Sends SIGTERM and measures how long the process takes to end; one still alive past its bound fails, with its log. */
async function stop(program: ProgramProcess): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  program.kill('SIGTERM');
  const limit = (await bound()) + 5_000;
  const exit = await program.exitedWithin(limit);
  if (exit === undefined) throw new Error(`still running ${limit} ms after SIGTERM (a zombie); it logged:\n${program.lines.slice(-15).join('\n')}`);
  return { code: exit.code, ms: Date.now() - sent };
}

/** Every record of the scenario has its workflow, and the group has committed every offset: no partition stalled. */
async function nothingStalls(other: Supervised): Promise<void> {
  const revsolved = () => new Set(api.parameterValues('THOTH_REVSOLVER_PACKAGE_NAME'));
  await until(
    () => produced.every((name) => revsolved().has(name)),
    () =>
      `a workflow for each of ${produced.length} records (missing: ${produced
        .filter((name) => !revsolved().has(name))
        .slice(0, 5)
        .join(', ')}…); the other member logged:\n${other.lines().slice(-15).join('\n')}`,
    60_000,
  );
  await until(async () => (await uncommittedRecords(kafka, GROUP, [topic])) === 0, 'every offset committed', 30_000);
}

/**
 * A member that has joined and consumes. One that meets the mock broker's SyncGroup refusal (a
 * property of the mock: see metMockSyncRefusal) is started again, as the kubelet would restart it.
 */
async function servingMember(env: Record<string, string>): Promise<ProgramProcess> {
  for (let attempt = 1; ; attempt++) {
    const member = start(env);
    const failed = () => member.messages().includes('run failed');
    await until(() => member.messages().includes('investigator serving') || failed(), 'a member consuming', 60_000);
    // A crash while joining still logs "serving" first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!failed()) return member;
    if (attempt === 10 || !metMockSyncRefusal(member.lines)) throw new Error(`the member failed:\n${member.lines.slice(-5).join('\n')}`);
    await member.exited;
  }
}

/**
 * A member that must stay: whenever the mock's SyncGroup refusal crashes it (it is a late follower
 * at every rebalance), it is started again, as the kubelet restarts a pod. Its log spans every run.
 */
class Supervised {
  private readonly runs: ProgramProcess[] = [];

  private constructor(private readonly env: Record<string, string>) {}

  static async start(env: Record<string, string>): Promise<Supervised> {
    const supervised = new Supervised(env);
    supervised.watch(await servingMember(env));
    return supervised;
  }

  lines(): string[] {
    return this.runs.flatMap((run) => run.lines);
  }

  private watch(run: ProgramProcess): void {
    this.runs.push(run);
    void run.exited.then(() => {
      if (!tearingDown && metMockSyncRefusal(run.lines)) this.watch(start(this.env));
    });
  }
}

/**
 * The member to stop joins first, alone, so it is the group's leader (librdkafka's mock elects the
 * oldest member) and never meets the mock's refusal of a late follower; then a second member
 * joins, which must take over everything the stopped one leaves.
 */
async function twoMembers(): Promise<{ member: ProgramProcess; other: Supervised }> {
  const member = await servingMember(await investigatorEnv());
  // The other member retries quickly: it must not be the one still waiting when a fault ends.
  const other = await Supervised.start(await investigatorEnv({ THOTH_INVESTIGATOR_BACKOFF: '0.2' }));
  // The first member rejoins for the second one's arrival; give the rebalance time to settle.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return { member, other };
}

test('stopped before it reaches the brokers: exits 0 at once, the connect is not waited for', async () => {
  // A broker address that accepts connections and never answers: the program is stuck connecting.
  const silent = await startSilentServer();
  try {
    const member = start(await investigatorEnv({ KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${silent.port}` }));
    await until(() => silent.connections() > 0, 'a connection to the silent broker', 20_000);
    const { code, ms } = await stop(member);
    expect({ code, withinBound: ms <= (await bound()) }).toEqual({ code: 0, withinBound: true });
    expect(ms).toBeLessThan(5_000);
  } finally {
    await silent.close();
  }
});

test('stopped while joining next to a healthy member: exits 0 within the bound, never rejoins, nothing stalls', async () => {
  const healthy = await Supervised.start(await investigatorEnv({ THOTH_INVESTIGATOR_BACKOFF: '0.2' }));
  for (let attempt = 1; ; attempt++) {
    const member = start(await investigatorEnv());
    await until(() => member.messages().includes('joining the consumer group'), 'the join', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { code, ms } = await stop(member);
    // A late follower the mock refused before the stop reached it: not the stop's doing; again.
    if (code !== 0 && metMockSyncRefusal(member.lines) && attempt < 10) continue;
    expect({ code, withinBound: ms <= (await bound()) }).toEqual({ code: 0, withinBound: true });
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await produce('joining', 20);
  await nothingStalls(healthy);
});

test('stopped while a handler waits for the API server: the request is cancelled, exit 0, nothing stalls', async () => {
  const { member, other } = await twoMembers();
  const before = api.requests.length;
  api.latencyMs = 10_000;
  try {
    await produce('waiting-for-api', 10);
    // One request in flight per partition, so one of them is the stopped member's.
    await until(() => api.requests.length >= before + 2, 'a request in flight from each member', 30_000);
    const { code, ms } = await stop(member);
    expect({ code, withinBound: ms <= (await bound()) }).toEqual({ code: 0, withinBound: true });
    expect(ms).toBeLessThan(5_000);
  } finally {
    api.latencyMs = 0;
  }
  await nothingStalls(other);
});

test('stopped while a record waits for its next attempt: exit 0 without waiting for it, nothing stalls', async () => {
  const { member, other } = await twoMembers();
  api.fault = (request) => (request.method === 'POST' ? { status: 500, reason: 'InternalError' } : undefined);
  try {
    await produce('retrying', 10);
    await until(() => member.messages().includes('handler failed; retrying'), 'a failed attempt of the member', 30_000);
    const { code, ms } = await stop(member);
    expect({ code, withinBound: ms <= (await bound()) }).toEqual({ code: 0, withinBound: true });
    // The next attempt was 5 s away.
    expect(ms).toBeLessThan(4_000);
  } finally {
    api.fault = () => undefined;
  }
  await nothingStalls(other);
});

test('stopped in the middle of a batch: exit 0, what it finished is committed, the rest is handled by the other', async () => {
  const { member, other } = await twoMembers();
  api.latencyMs = 100;
  try {
    await produce('mid-batch', 60);
    await until(() => member.messages().filter((message) => message === 'workflow submitted').length >= 3, 'the member submitting', 30_000);
    const { code, ms } = await stop(member);
    expect({ code, withinBound: ms <= (await bound()), stopped: member.messages().includes('investigator stopped') }).toEqual({
      code: 0,
      withinBound: true,
      stopped: true,
    });
  } finally {
    api.latencyMs = 0;
  }
  await nothingStalls(other);
  // Nothing was set aside: a record handled twice was answered AlreadyExists, not a failure.
  expect([...(await topicEnd(kafka, `${kafka.deploymentName}.${DEAD_LETTER.base}`)).values()].reduce((a, b) => a + b, 0)).toBe(0);
});
