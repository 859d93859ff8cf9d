/**
 * package-update-job as its CronJob runs it, against PostgreSQL, the Kafka mock and two local
 * indexes (PyPI's JSON API, a PEP 503 Simple API with #sha256 fragments): a package gone (404), a
 * version gone, a stored artifact the index no longer serves, each told once: once the investigator
 * has marked them (as it does on these messages), a second run tells nothing.
 */
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { type FakePackageIndex, startFakePackageIndex } from '../../../test/services/fake-package-index.mjs';
import { knowledgeGraphEnv, runInProcess } from '../../../test/services/job-programs.js';
import { readTopic, startTestKafka, type TestKafka, topicEnd } from '../../../test/services/kafka.js';
import { packageUpdateProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(packageUpdateProgram, 'package-update-job', args, env);
const TYPES = ['missing-package', 'missing-version', 'hash-mismatch'] as const;

test('--help lists what it reads', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of ['THOTH_PACKAGE_UPDATE_SEMAPHORE_LIMIT', 'THOTH_PYTHON_WAREHOUSES', 'KAFKA_BOOTSTRAP_SERVERS', 'KNOWLEDGE_GRAPH_HOST'])
    expect(help.stdout).toContain(variable);
});

describe('against PostgreSQL, Kafka and two indexes', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let pypi: FakePackageIndex;
  let other: FakePackageIndex;
  let env: Record<string, string>;
  let client: pg.Client;
  const topic = (type: (typeof TYPES)[number]) => `${kafka.deploymentName}.${MESSAGE_TYPES[type].base}`;
  const held = async () =>
    Object.fromEntries(await Promise.all(TYPES.map(async (type) => [type, [...(await topicEnd(kafka, topic(type))).values()].reduce((a, b) => a + b, 0)])));

  beforeAll(async () => {
    [database, kafka, pypi, other] = await Promise.all([
      createTestDatabase(),
      startTestKafka(TYPES.map((type) => MESSAGE_TYPES[type].base)),
      startFakePackageIndex(
        new Map([
          [
            'flask',
            new Map([
              [
                '1.0',
                [
                  { filename: 'Flask-1.0.tar.gz', sha256: 'aa' },
                  { filename: 'Flask-1.0-py3-none-any.whl', sha256: 'cc' },
                ],
              ],
              ['2.0', [{ filename: 'Flask-2.0.tar.gz', sha256: 'ee' }]],
            ]),
          ],
        ]),
      ),
      startFakePackageIndex(new Map([['six', new Map([['1.16.0', [{ filename: 'six-1.16.0-py2.py3-none-any.whl', sha256: 'dd' }]]])]])),
    ]);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO python_package_index (id, url, verify_ssl, enabled, only_if_package_seen) VALUES
         (1, $1, TRUE, TRUE, TRUE), (2, $2, TRUE, TRUE, TRUE), (3, 'https://disabled.example/simple', TRUE, FALSE, TRUE)`,
      [`${pypi.url}/simple`, `${other.url}/simple`],
    );
    // Solved versions (one solver each), their entities and artifacts.
    await client.query(`
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
        (1, 'flask', '1.0', 1), (2, 'flask', '0.9', 1), (3, 'gone', '1.0', 1), (4, 'oldgone', '1.0', 1), (5, 'six', '1.16.0', 2), (6, 'hidden', '1.0', 3);
      INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id, is_missing)
        SELECT package_name, package_version, 'rhel', '8', '3.8', id, python_package_index_id, package_name = 'oldgone' FROM python_package_version_entity;
      INSERT INTO python_artifact (id, artifact_hash_sha256, artifact_name) VALUES (1, 'aa', 'Flask-1.0.tar.gz'), (2, 'bb', 'Flask-1.0-py2-none-any.whl'), (3, 'dd', 'six.whl');
      INSERT INTO has_artifact (python_artifact_id, python_package_version_entity_id) VALUES (1, 1), (2, 1), (3, 5);
    `);
    env = {
      THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
      ...knowledgeGraphEnv(database.url),
      THOTH_PYTHON_WAREHOUSES: `${pypi.url}/simple`,
      THOTH_SERVICE_VERSION: '1.2.3',
    };
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await Promise.all([pypi?.stop(), other?.stop(), kafka?.stop()]);
    await database?.drop();
  });

  test('tells each discrepancy once, and nothing again once the investigator has marked them', async () => {
    const first = await run(env);
    expect(first.stderr).toBe('');
    expect(first.exitCode === 0 ? '' : first.stdout).toBe('');
    const read = async (type: (typeof TYPES)[number]) => (await readTopic(kafka, topic(type), 1)).map((value) => JSON.parse(value));
    const index = `${pypi.url}/simple`;
    expect(await read('missing-package')).toEqual([expect.objectContaining({ index_url: index, package_name: 'gone', component_name: 'package-update-job' })]);
    expect(await read('missing-version')).toEqual([expect.objectContaining({ index_url: index, package_name: 'flask', package_version: '0.9' })]);
    expect(await read('hash-mismatch')).toEqual([
      expect.objectContaining({ index_url: index, package_name: 'flask', package_version: '1.0', missing_from_source: ['bb'], missing_from_database: ['cc'] }),
    ]);

    // What the investigator does with these messages (components/investigator/job/infrastructure/postgres-knowledge-graph.ts).
    await client.query(`
      UPDATE python_package_version SET is_missing = TRUE WHERE package_name = 'gone' OR (package_name = 'flask' AND package_version = '0.9');
      UPDATE python_artifact SET present = FALSE WHERE artifact_hash_sha256 = 'bb';
    `);
    const second = await run(env);
    expect(second.exitCode).toBe(0);
    expect(await held()).toEqual({ 'missing-package': 1, 'missing-version': 1, 'hash-mismatch': 1 });
  }, 90_000);
});
