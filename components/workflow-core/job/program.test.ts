/**
 * The workflow-tasks program run as its image runs it (in process), against PostgreSQL with the
 * reference tables, a real S3-protocol server and a Kafka broker: a solver result becomes a messages
 * file, which send-messages publishes once per workflow.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { s3Config } from '../../../src/runtime/s3/settings.js';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { readTopic, startTestKafka, topicEnd, type TestKafka } from '../../../test/services/kafka.js';
import { knowledgeGraphEnv, runInProcess } from '../../../test/services/job-programs.js';
import { WORKFLOW_TASKS_CONTRACT } from './contract.js';
import { reRunJobId } from './domain/adviser-re-run.js';
import { workflowTasksProgram } from './program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(workflowTasksProgram, 'workflow-tasks', args, env);

const s3Env = {
  THOTH_S3_ENDPOINT_URL: process.env.THOTH_TEST_S3_ENDPOINT!,
  THOTH_CEPH_BUCKET: process.env.THOTH_TEST_S3_BUCKET!,
  THOTH_CEPH_BUCKET_PREFIX: `test-${randomBytes(6).toString('hex')}`,
  THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
  THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
};

test('--help lists its commands; without one it prints its usage and exits 1', async () => {
  const help = await run(['--help'], {});
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toContain('parse-solver-output');
  for (const command of Object.keys(WORKFLOW_TASKS_CONTRACT.modes.variants)) expect(help.stdout).toContain(command);
  expect(help.stdout).not.toContain('migrate');
  const none = await run([], {});
  expect(none.exitCode).toBe(1);
  expect(none.stderr).toContain('Usage: workflow-tasks [options] [command]');
  const task = await run(['send-messages', '--help'], {});
  expect(task.stdout).toContain('THOTH_WORKFLOW_UID');
  expect(task.stdout).toContain('KAFKA_BOOTSTRAP_SERVERS');
});

test('a missing setting is one line naming the variable, exit 1', async () => {
  const { exitCode, stderr } = await run(['parse-solver-output'], {});
  expect(exitCode).toBe(1);
  expect(stderr).toMatch(/^workflow-tasks: THOTH_SOLVER_DOCUMENT_PATH is not set/);
});

describe('a solver result through parse-solver-output and send-messages', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let dir: string;
  let env: Record<string, string>;
  const solvedTopic = () => `${kafka.deploymentName}.${MESSAGE_TYPES['solved-package'].base}`;
  const triggerTopic = () => `${kafka.deploymentName}.${MESSAGE_TYPES['adviser-trigger'].base}`;

  beforeAll(async () => {
    [database, kafka] = await Promise.all([
      createTestDatabase(),
      startTestKafka([MESSAGE_TYPES['solved-package'].base, MESSAGE_TYPES['adviser-trigger'].base]),
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'workflow-tasks-'));
    env = {
      ...knowledgeGraphEnv(database.url),
      ...s3Env,
      THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
      THOTH_SOLVER_DOCUMENT_PATH: path.join(dir, 'document.json'),
      THOTH_SOLVER_NAME: 'solver-rhel-8-py38',
      THOTH_MESSAGING_COMPONENT_NAME: 'solver',
      THOTH_MESSAGES_FILE: path.join(dir, 'messages.json'),
      THOTH_MESSAGING_FROM_FILE: path.join(dir, 'messages.json'),
      THOTH_WORKFLOW_UID: 'uid-1',
    };
    // A Kebechet advise waiting for flask 2.3.2, whose other package (numpy) is solved already.
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query(`
      INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES (1, 'flask', '2.3.2', 1), (2, 'numpy', '1.26.0', 1);
      INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id) VALUES
        ('numpy', '1.26.0', 'rhel', '8', '3.8', 2, 1);
      INSERT INTO adviser_run (id, adviser_document_id, datetime, adviser_version, adviser_name, debug, need_re_run, adviser_error, recommendation_type,
                               requirements_format, advised_configuration_changes, additional_stack_info, source_type)
        VALUES (1, 'adviser-waiting', now(), '1.0', 'adviser', FALSE, TRUE, FALSE, 'STABLE', 'PIPENV', FALSE, FALSE, 'KEBECHET');
      INSERT INTO has_unresolved VALUES (1, 1), (1, 2);
    `);
    await pool.end();
    const store = new S3DocumentStore(s3Config({ ...s3Env, THOTH_DEPLOYMENT_NAME: kafka.deploymentName }));
    await store.put('adviser', 'adviser-waiting.request', {
      job_id: 'adviser-waiting',
      recommendation_type: 'stable',
      source_type: 'KEBECHET',
      origin: 'https://github.com/o/r',
    });
    store.close();
    await writeFile(
      env.THOTH_SOLVER_DOCUMENT_PATH!,
      JSON.stringify({
        metadata: { analyzer_version: '1.15.0' },
        result: { tree: [{ package_name: 'Flask', package_version_requested: '2.3.2', index_url: 'https://pypi.org/simple' }] },
      }),
    );
  });
  afterAll(async () => {
    await kafka.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  test("parse-solver-output writes a solved-package and the unblocked advise's re-run; send-messages publishes them, then, retried, nothing", async () => {
    const parsed = await run(['parse-solver-output'], env);
    expect(parsed.exitCode).toBe(0);
    const file = JSON.parse(await readFile(env.THOTH_MESSAGES_FILE!, 'utf8'));
    expect(file.map((entry: { topic_name: string }) => entry.topic_name)).toEqual(['thoth.solver.solved-package', 'thoth.adviser-trigger']);

    const sent = await run(['send-messages'], env);
    expect(sent.exitCode).toBe(0);
    const [solved] = await readTopic(kafka, solvedTopic(), 1);
    expect(JSON.parse(solved!)).toMatchObject({ component_name: 'solver', service_version: '1.15.0', package_name: 'flask', solver: 'solver-rhel-8-py38' });
    const [trigger] = await readTopic(kafka, triggerTopic(), 1);
    expect(JSON.parse(trigger!)).toMatchObject({
      job_id: reRunJobId('adviser-waiting'),
      re_run_adviser_id: 'adviser-waiting',
      origin: 'https://github.com/o/r',
    });

    // The step retried (a pod killed after the broker's acknowledgement): the file is recorded as sent.
    const again = await run(['send-messages'], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('nothing sent');
    const records = async (topic: string) => [...(await topicEnd(kafka, topic)).values()].reduce((sum, high) => sum + high, 0);
    expect([await records(solvedTopic()), await records(triggerTopic())]).toEqual([1, 1]);
  });

  test('a file with an invalid message sends none of it and names the entry', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ topic_name: 'thoth.solver.solved-package', message_contents: { package_name: 'x' } }]));
    const { exitCode, stdout } = await run(['send-messages'], { ...env, THOTH_MESSAGING_FROM_FILE: bad, THOTH_WORKFLOW_UID: 'uid-2' });
    expect(exitCode).toBe(1);
    expect(stdout).toContain('entry 0 (solved-package): message: missing field');
  });

  test('send-message sends the one message its variables give, checked, once per workflow', async () => {
    const records = async () => [...(await topicEnd(kafka, solvedTopic())).values()].reduce((sum, high) => sum + high, 0);
    const before = await records();
    const contents = { package_name: 'six', package_version: '1.16.0', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' };
    const single = {
      ...env,
      THOTH_MESSAGING_TOPIC_NAME: 'thoth.solver.solved-package',
      THOTH_MESSAGING_MESSAGE_CONTENTS: JSON.stringify(contents),
      THOTH_WORKFLOW_UID: 'uid-3',
    };
    expect((await run(['send-message'], single)).exitCode).toBe(0);
    const retried = await run(['send-message'], single);
    expect([retried.exitCode, retried.stdout.includes('nothing sent')]).toEqual([0, true]);
    expect(await records()).toBe(before + 1);

    const invalid = await run(['send-message'], { ...single, THOTH_MESSAGING_MESSAGE_CONTENTS: '{"package_name": "six"}', THOTH_WORKFLOW_UID: 'uid-4' });
    expect(invalid.exitCode).toBe(1);
    const unknown = await run(['send-message'], { ...single, THOTH_MESSAGING_TOPIC_NAME: 'thoth.nothing' });
    expect([unknown.exitCode, unknown.stderr.startsWith('workflow-tasks: THOTH_MESSAGING_TOPIC_NAME')]).toEqual([1, true]);
    expect(await records()).toBe(before + 1);
  });
});

describe('the document parsers and the inspection message write checked messages, appended to what the file holds', () => {
  let dir: string;
  let base: Record<string, string>;
  const messages = async () =>
    JSON.parse(await readFile(base.THOTH_MESSAGES_FILE!, 'utf8')) as { topic_name: string; message_contents: Record<string, unknown> }[];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'workflow-tasks-parsers-'));
    base = { THOTH_DEPLOYMENT_NAME: 'test', THOTH_SERVICE_VERSION: '2.0.0', THOTH_MESSAGES_FILE: path.join(dir, 'messages.json') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test("parse-adviser-output: an unresolved-package per unresolved requirement, for the runtime environment's solver", async () => {
    const document = path.join(dir, 'adviser.json');
    await writeFile(
      document,
      JSON.stringify({
        result: {
          error: true,
          report: { _ERROR_DETAILS: { unresolved: ['flask'] } },
          parameters: {
            project: {
              requirements: { source: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }], packages: { flask: '>=2.0' } },
              runtime_environment: { operating_system: { name: 'rhel', version: '8' }, python_version: '3.8' },
            },
          },
        },
      }),
    );
    const { exitCode } = await run(['parse-adviser-output'], { ...base, THOTH_ADVISER_DOCUMENT_PATH: document });
    expect(exitCode).toBe(0);
    expect(await messages()).toEqual([
      {
        topic_name: 'thoth.investigator.unresolved-package',
        message_contents: {
          component_name: 'adviser',
          service_version: '2.0.0',
          version: 'v1',
          package_name: 'flask',
          package_version: '>=2.0',
          index_url: 'https://pypi.org/simple',
          solver: 'solver-rhel-8-py38',
        },
      },
    ]);
  });

  test('parse-provenance-checker-output: an unresolved-package for every solver per package missing from its index; an empty report writes an empty list', async () => {
    const document = path.join(dir, 'provenance.json');
    const finding = { id: 'MISSING-PACKAGE', package_name: 'six', package_version: '==1.16.0', source: { url: 'https://pypi.org/simple' } };
    await writeFile(document, JSON.stringify({ result: { report: [finding] } }));
    expect((await run(['parse-provenance-checker-output'], { ...base, THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH: document })).exitCode).toBe(0);
    expect((await messages())[0]!.message_contents).toMatchObject({ component_name: 'provenance-checker', package_version: '1.16.0', solver: null });

    await rm(base.THOTH_MESSAGES_FILE!);
    await writeFile(document, JSON.stringify({ result: { report: [] } }));
    expect((await run(['parse-provenance-checker-output'], { ...base, THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH: document })).exitCode).toBe(0);
    expect(await messages()).toEqual([]);
  });

  test('create-inspection-complete-message: the inspection-completed message, after what the file held', async () => {
    await writeFile(base.THOTH_MESSAGES_FILE!, JSON.stringify([{ topic_name: 'thoth.inspection-completed', message_contents: { inspection_id: 'earlier' } }]));
    const env = { ...base, THOTH_AMUN_INSPECTION_ID: 'inspection-1', THOTH_FORCE_SYNC: '1' };
    expect((await run(['create-inspection-complete-message'], env)).exitCode).toBe(0);
    expect((await messages()).map((entry) => entry.message_contents)).toEqual([
      { inspection_id: 'earlier' },
      {
        component_name: 'workflow_helper.create_inspection_complete_message',
        service_version: '2.0.0',
        version: 'v1',
        inspection_id: 'inspection-1',
        force_sync: true,
      },
    ]);
    const bad = await run(['create-inspection-complete-message'], { ...env, THOTH_FORCE_SYNC: 'yes' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^workflow-tasks: THOTH_FORCE_SYNC/);
  });

  test('a document that is not where the step before puts it names the variable; one that is not JSON names the file', async () => {
    const missing = await run(['parse-adviser-output'], { ...base, THOTH_ADVISER_DOCUMENT_PATH: path.join(dir, 'none.json') });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^workflow-tasks: THOTH_ADVISER_DOCUMENT_PATH/);
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{');
    const notJson = await run(['parse-provenance-checker-output'], { ...base, THOTH_PROVENANCE_CHECKER_DOCUMENT_PATH: broken });
    expect(notJson.exitCode).toBe(1);
    expect(notJson.stdout).toContain('broken.json: (document) is not JSON');
  });
});
