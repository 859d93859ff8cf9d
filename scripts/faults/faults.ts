/**
 * The faults of issue 14, each as a cluster produces it, and what counts as harm:
 * - crashes: a program that exits other than 0 (restarted, as the kubelet would, up to 3 times);
 * - zombies: a program that has not exited within its stop bound after SIGTERM;
 * - held back: a request or record that nothing handles within the observation;
 * - lost: input that never had its effect; duplicates: an effect asked for twice where it must not be;
 * - dead letters: records set aside (where the fault is transient, each one is harm).
 */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import pg from 'pg';
import { investigatorStopBoundMs } from '../../components/investigator/job/settings.js';
import { DEAD_LETTER, MESSAGE_TYPES, type MessageTypeName } from '../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../../test/services/database.js';
import { FakeApiServer } from '../../test/services/fake-api-server.js';
import { freePort, knowledgeGraphEnv, ProgramProcess, runProgram, until } from '../../test/services/job-programs.js';
import { metMockSyncRefusal, startTestKafka, type TestKafka, topicEnd, uncommittedRecords } from '../../test/services/kafka.js';
import { startSilentServer } from '../../test/services/silent-server.js';

export interface FaultContext {
  readonly programs: { readonly investigator: string; readonly graphRefresh: string };
  readonly tokenFile: string;
  readonly trials: number;
}

export interface FaultResult {
  readonly trials: number;
  readonly crashes: number;
  readonly zombies: number;
  readonly heldBack: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly deadLetters: number;
  readonly note: string;
}

export interface Fault {
  readonly name: string;
  readonly run: (context: FaultContext) => Promise<FaultResult>;
}

const NO_HARM = { crashes: 0, zombies: 0, heldBack: 0, lost: 0, duplicates: 0, deadLetters: 0 };
const SOLVER = 'solver-rhel-8-py38';
const MIDDLETIER = 'thoth-middletier-faults';
const GROUP = 'thoth.investigator.middletier';
const PYPI = 'https://pypi.org/simple';

/** One fault's world: its own graph, broker and API server, and the investigators it started. */
class World {
  readonly started: ProgramProcess[] = [];
  private producer: Producer | undefined;

  private constructor(
    readonly context: FaultContext,
    readonly database: TestDatabase,
    readonly kafka: TestKafka,
    readonly api: FakeApiServer,
  ) {}

  static async open(context: FaultContext): Promise<World> {
    const [database, kafka] = await Promise.all([
      createTestDatabase(),
      startTestKafka([...Object.values(MESSAGE_TYPES).map((type) => type.base), DEAD_LETTER.base], 2),
    ]);
    const api = new FakeApiServer();
    await api.start();
    const world = new World(context, database, kafka, api);
    const migrated = await runProgram(context.programs.investigator, ['migrate'], knowledgeGraphEnv(database.url));
    if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.output}`);
    await world.query(`INSERT INTO python_package_index (url, enabled, verify_ssl) VALUES ($1, TRUE, TRUE)`, [PYPI]);
    return world;
  }

  topic(type: MessageTypeName | typeof DEAD_LETTER): string {
    return `${this.kafka.deploymentName}.${typeof type === 'string' ? MESSAGE_TYPES[type].base : type.base}`;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query<R>(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  async send(type: MessageTypeName, values: readonly (string | Buffer)[], partition?: number): Promise<void> {
    if (this.producer === undefined) {
      this.producer = new Kafka({ brokers: this.kafka.brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({ topic: this.topic(type), acks: -1, messages: values.map((value, i) => ({ value, partition: partition ?? i % 2 })) });
  }

  async investigatorEnv(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
    return {
      ...knowledgeGraphEnv(this.database.url),
      THOTH_DEPLOYMENT_NAME: this.kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: this.kafka.brokers.join(','),
      THOTH_CONSUMER_MODE: '["middletier"]',
      KAFKA_CONSUMER_GROUP_ID: GROUP,
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
      KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: '6000',
      THOTH_MIDDLETIER_NAMESPACE: MIDDLETIER,
      THOTH_BACKEND_NAMESPACE: 'thoth-backend-faults',
      THOTH_INVESTIGATOR_SOLVERS: SOLVER,
      KUBERNETES_API_URL: this.api.url,
      KUBERNETES_VERIFY_TLS: '0',
      KUBERNETES_TOKEN_FILE: this.context.tokenFile,
      THOTH_INVESTIGATOR_METRICS_PORT: String(await freePort()),
      ...overrides,
    };
  }

  investigator(env: Record<string, string>): ProgramProcess {
    const program = new ProgramProcess(this.context.programs.investigator, [], env);
    this.started.push(program);
    return program;
  }

  /** An investigator with the fault's settings that has joined its group and consumes. */
  async servingInvestigator(): Promise<ProgramProcess> {
    const program = this.investigator(await this.investigatorEnv());
    await until(() => program.messages().includes('investigator serving'), 'the investigator consuming', 60_000);
    return program;
  }

  /** Records of the topic not committed by the investigator's group. */
  async uncommitted(type: MessageTypeName): Promise<number> {
    return uncommittedRecords(this.kafka, GROUP, [this.topic(type)]);
  }

  async deadLetters(): Promise<number> {
    return [...(await topicEnd(this.kafka, this.topic(DEAD_LETTER))).values()].reduce((sum, end) => sum + end, 0);
  }

  /** The packages a revsolver workflow was created for. */
  revsolved(): string[] {
    return this.api.parameterValues('THOTH_REVSOLVER_PACKAGE_NAME');
  }

  async close(): Promise<void> {
    for (const program of this.started) program.kill('SIGKILL');
    await Promise.all(this.started.map((program) => program.exited));
    await this.producer?.disconnect();
    await this.api.stop();
    await this.kafka.stop();
    await this.database.drop();
  }
}

async function inWorld<T>(context: FaultContext, run: (world: World) => Promise<T>): Promise<T> {
  const world = await World.open(context);
  try {
    return await run(world);
  } finally {
    await world.close();
  }
}

const unrevsolved = (name: string) => JSON.stringify({ component_name: 'faults', service_version: '1', package_name: name, package_version: '1.0.0' });
const names = (label: string, count: number) => Array.from({ length: count }, (_, i) => `${label}-${i}`);
const missing = (expected: readonly string[], have: readonly string[]) => expected.filter((name) => !have.includes(name)).length;

/** A 20 KB record nested 10,000 deep, then records that must be handled behind it. */
const poisonPill: Fault = {
  name: 'poison pill (one record nested 10,000 deep)',
  run: (context) =>
    inWorld(context, async (world) => {
      const good = names('behind-poison', 20);
      await world.send('unrevsolved-package', ['['.repeat(10_000) + ']'.repeat(10_000)], 0);
      await world.send('unrevsolved-package', good.map(unrevsolved));
      let crashes = 0;
      // Each crash is a restart, as the kubelet would do, up to three.
      for (let start = 0; start < 4; start++) {
        const program = world.investigator(await world.investigatorEnv());
        const done = until(() => missing(good, world.revsolved()) === 0, 'every record behind the poison pill', 60_000).then(
          () => 'done' as const,
          () => 'stuck' as const,
        );
        const ended = await Promise.race([done, program.exited.then(() => 'exited' as const)]);
        if (ended === 'exited') {
          crashes++;
          continue;
        }
        program.kill('SIGTERM');
        await program.exited;
        break;
      }
      const lost = missing(good, world.revsolved());
      return {
        ...NO_HARM,
        trials: 1,
        crashes,
        lost,
        heldBack: await world.uncommitted('unrevsolved-package'),
        deadLetters: await world.deadLetters(),
        note: 'expected: the pill set aside (1 dead letter), the 20 records behind it handled',
      };
    }),
};

/** SIGTERM 0.6–3 s after start (a rollout catching a starting pod), next to a healthy member. */
const stopDuringJoin: Fault = {
  name: 'SIGTERM during the group join',
  run: (context) =>
    inWorld(context, async (world) => {
      await world.servingInvestigator();
      let zombies = 0;
      let crashes = 0;
      let quirks = 0;
      let heldBack = 0;
      const expected: string[] = [];
      for (let trial = 0; trial < context.trials; trial++) {
        const env = await world.investigatorEnv();
        const member = world.investigator(env);
        await new Promise((resolve) => setTimeout(resolve, 600 + Math.random() * 2_400));
        member.kill('SIGTERM');
        const stoppedAt = Date.now();
        // Records arrive while the stopped member is leaving (or, a zombie, holding partitions).
        const batch = names(`join-${trial}`, 24);
        expected.push(...batch);
        await world.send('unrevsolved-package', batch.map(unrevsolved));
        await until(() => missing(batch, world.revsolved()) === 0, 'the records', 20_000).catch(() => {});
        heldBack += missing(batch, world.revsolved());
        const exit = await member.exitedWithin(Math.max(0, investigatorStopBoundMs(env) - (Date.now() - stoppedAt)));
        if (exit === undefined) {
          zombies++;
          member.kill('SIGKILL');
          await member.exited;
        } else if (exit.code !== 0) {
          if (metMockSyncRefusal(member.lines)) quirks++;
          else crashes++;
        }
      }
      await until(() => missing(expected, world.revsolved()) === 0, 'every record', 30_000).catch(() => {});
      const lost = missing(expected, world.revsolved());
      return {
        ...NO_HARM,
        trials: context.trials,
        zombies,
        crashes,
        heldBack,
        lost,
        deadLetters: await world.deadLetters(),
        note: `24 records sent at each stop; held back: not handled within 20 s${quirks > 0 ? `; ${quirks} stop(s) met the mock broker's SyncGroup refusal` : ''}`,
      };
    }),
};

/** How many times each package was asked for in a topic, read from its beginning. */
async function askedPerPackage(world: World, type: MessageTypeName): Promise<Map<string, number>> {
  const topic = world.topic(type);
  const total = [...(await topicEnd(world.kafka, topic)).values()].reduce((sum, end) => sum + end, 0);
  const counts = new Map<string, number>();
  if (total === 0) return counts;
  const consumer = new Kafka({ brokers: world.kafka.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `faults-reader-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let read = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const name = String((JSON.parse(message.value!.toString()) as { package_name: string }).package_name);
        counts.set(name, (counts.get(name) ?? 0) + 1);
        if (++read === total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return counts;
}

/**
 * graph-refresh SIGKILLed once its claims are recorded and before all are acknowledged (an
 * eviction, an OOM kill); then the lease passes and the next run comes, then one more within the
 * window. Held back: a version never asked for. Duplicates: a request the killed run had
 * acknowledged (the broker had it) sent again within the window.
 */
const killBetweenClaimAndPublish: Fault = {
  name: 'graph-refresh killed between claim and publish',
  run: async (context) => {
    const versions = 20_000;
    let killed = 0;
    let heldBack = 0;
    let duplicates = 0;
    let resent = 0;
    for (let trial = 0; trial < context.trials; trial++) {
      const outcome = await inWorld(context, async (world) => {
        await world.query(
          `INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) SELECT 'pkg-' || n, '1.0.0', 1 FROM generate_series(1, $1::int) AS n`,
          [versions],
        );
        const env = {
          ...knowledgeGraphEnv(world.database.url),
          THOTH_DEPLOYMENT_NAME: world.kafka.deploymentName,
          KAFKA_BOOTSTRAP_SERVERS: world.kafka.brokers.join(','),
          THOTH_GRAPH_REFRESH_SOLVERS: SOLVER,
          THOTH_GRAPH_REFRESH_REVSOLVER: '0',
          THOTH_GRAPH_REFRESH_SECURITY: '0',
          THOTH_GRAPH_REFRESH_COUNT: String(versions),
        };
        const watcher = new pg.Client({ connectionString: world.database.url });
        await watcher.connect();
        try {
          // The ledger's columns as this revision has them (before the lease, no published_at).
          const acknowledgedColumn =
            (await watcher.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'graph_refresh_request' AND column_name = 'published_at'`))
              .rowCount === 1;
          const run = new ProgramProcess(context.programs.graphRefresh, [], env);
          world.started.push(run);
          let wasKilled = false;
          for (;;) {
            const open = acknowledgedColumn ? `count(*) FILTER (WHERE published_at IS NULL)` : 'count(*)';
            const rows = await watcher.query<{ open: string }>(`SELECT ${open} AS open FROM graph_refresh_request`).then(
              (result) => result.rows,
              () => [{ open: '0' }],
            );
            if (Number(rows[0]!.open) > 0) {
              run.kill('SIGKILL');
              wasKilled = true;
              break;
            }
            if ((await run.exitedWithin(2)) !== undefined) break;
          }
          await run.exited;
          const acknowledged = acknowledgedColumn
            ? new Set(
                (
                  await watcher.query<{ package_name: string }>(
                    `SELECT e.package_name FROM graph_refresh_request q JOIN python_package_version_entity e ON e.id = q.entity_id WHERE q.published_at IS NOT NULL`,
                  )
                ).rows.map((row) => row.package_name),
              )
            : new Set<string>();
          // The lease (10 minutes) passes: every recorded time moves back 11, as if the next run came then.
          await watcher.query(`UPDATE graph_refresh_request SET requested_at = requested_at - interval '11 minutes'`);
          for (const each of [1, 2]) {
            const next = await runProgram(context.programs.graphRefresh, [], env);
            if (next.code !== 0) throw new Error(`run ${each} after the kill failed:\n${next.output}`);
          }
          const asked = await askedPerPackage(world, 'unresolved-package');
          return {
            killed: wasKilled,
            heldBack: versions - asked.size,
            duplicates: [...acknowledged].filter((name) => (asked.get(name) ?? 0) > 1).length,
            resent: [...asked].filter(([name, count]) => count > 1 && !acknowledged.has(name)).length,
          };
        } finally {
          await watcher.end();
        }
      });
      if (outcome.killed) killed++;
      heldBack += outcome.heldBack;
      duplicates += outcome.duplicates;
      resent += outcome.resent;
    }
    return {
      ...NO_HARM,
      trials: context.trials,
      heldBack,
      duplicates,
      note: `${killed} run(s) killed with claims open, ${versions} versions each; ${resent} sent again because the broker had them before the kill (at least once; the investigator's workflow names make them no-ops)`,
    };
  },
};

/** 403 for the revsolver workflows for 8 s (a Role a sync wave away), while 120 records arrive. */
const rbacGlitch: Fault = {
  name: '8-second RBAC glitch (403 for one workflow kind)',
  run: (context) =>
    inWorld(context, async (world) => {
      const program = await world.servingInvestigator();
      const until8s = Date.now() + 8_000;
      world.api.fault = (request) =>
        request.method === 'POST' && Date.now() < until8s && JSON.stringify(request.body).includes('revsolver-workflow')
          ? { status: 403, reason: 'Forbidden' }
          : undefined;
      const expected = names('rbac', 120);
      await world.send('unrevsolved-package', expected.map(unrevsolved));
      await until(() => missing(expected, world.revsolved()) === 0, 'every workflow', 60_000).catch(() => {});
      const exit = await program.exitedWithin(0);
      program.kill('SIGTERM');
      await program.exited;
      return {
        ...NO_HARM,
        trials: 1,
        crashes: exit === undefined ? 0 : 1,
        lost: missing(expected, world.revsolved()),
        deadLetters: await world.deadLetters(),
        note: 'expected: 120 workflows, no dead letter (the refusal lasts 8 s)',
      };
    }),
};

/**
 * A registered index that accepts connections and never answers, asked for a package's versions;
 * ten records queue behind it on its partition. Held back: those still waiting after 60 s.
 */
const silentIndex: Fault = {
  name: 'a registered index that does not answer',
  run: (context) =>
    inWorld(context, async (world) => {
      const silent = await startSilentServer();
      try {
        const silentUrl = `http://127.0.0.1:${silent.port}/simple`;
        await world.query(`INSERT INTO python_package_index (url, enabled, verify_ssl) VALUES ($1, TRUE, FALSE)`, [silentUrl]);
        const envelope = { component_name: 'faults', service_version: '1', solver: SOLVER };
        const behind = names('behind-index', 10);
        // All on partition 0: the one asking the silent index first.
        await world.send(
          'unresolved-package',
          [
            JSON.stringify({ ...envelope, package_name: 'stuck', package_version: null, index_url: silentUrl }),
            ...behind.map((name) => JSON.stringify({ ...envelope, package_name: name, package_version: '1.0.0', index_url: PYPI })),
          ],
          0,
        );
        const program = world.investigator(
          await world.investigatorEnv({ THOTH_INVESTIGATOR_RECORD_TIMEOUT: '20', THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT: '2', THOTH_INVESTIGATOR_BACKOFF: '1' }),
        );
        const started = Date.now();
        const solved = () =>
          [...world.api.workflows.values()].map((workflow) => JSON.stringify(workflow)).filter((text) => text.includes('behind-index')).length;
        await until(() => solved() >= behind.length, 'the records behind the silent index', 60_000).catch(() => {});
        const blockedSeconds = Math.round((Date.now() - started) / 1000);
        const exit = await program.exitedWithin(0);
        program.kill('SIGTERM');
        await program.exited;
        const heldBack = behind.length - Math.min(behind.length, solved());
        return {
          ...NO_HARM,
          trials: 1,
          crashes: exit === undefined ? 0 : 1,
          heldBack,
          deadLetters: await world.deadLetters(),
          note: `${heldBack > 0 ? 'records behind it still waiting after the 60 s observed' : `records behind it handled ${blockedSeconds} s after the program started`}; expected: blocked at most the record timeout (20 s; dependency timeout 2 s), the record asking the silent index set aside (timeout)`,
        };
      } finally {
        await silent.close();
      }
    }),
};

export const FAULTS: readonly Fault[] = [poisonPill, stopDuringJoin, killBetweenClaimAndPublish, rbacGlitch, silentIndex];
