/**
 * package-releases-job as its CronJob runs it, against PostgreSQL, the Kafka mock and two local
 * indexes that answer as PyPI's JSON API and a PEP 503 Simple API do: a yanked release, a version
 * only as wheels, a release without files, a project the index does not know (404), one that answers
 * 429 with Retry-After first, and one that fails; every new version recorded once, with the rules
 * that apply, and announced once, in its normal form.
 */
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../../../test/services/database.js';
import { type FakePackageIndex, type IndexFileSpec, startFakePackageIndex } from '../../../test/services/fake-package-index.mjs';
import { knowledgeGraphEnv, runInProcess, logLines, type Pushgateway, startPushgateway } from '../../../test/services/job-programs.js';
import { readTopic, startTestKafka, type TestKafka, topicEnd } from '../../../test/services/kafka.js';
import { packageReleasesProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(packageReleasesProgram, 'package-releases-job', args, env);

const files = (...names: string[]): IndexFileSpec[] => names.map((filename) => ({ filename }));

test('--help lists what it reads', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of [
    'THOTH_PACKAGE_RELEASES_CHUNK_SIZE',
    'THOTH_PYTHON_WAREHOUSES',
    'KAFKA_BOOTSTRAP_SERVERS',
    'KNOWLEDGE_GRAPH_HOST',
    'PROMETHEUS_PUSHGATEWAY_URL',
  ])
    expect(help.stdout).toContain(variable);
});

describe('against PostgreSQL, Kafka, two indexes and a Pushgateway', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let pypi: FakePackageIndex;
  let other: FakePackageIndex;
  let gateway: Pushgateway;
  let env: Record<string, string>;
  let client: pg.Client;
  const topic = () => `${kafka.deploymentName}.${MESSAGE_TYPES['package-released'].base}`;

  beforeAll(async () => {
    [database, kafka, pypi, other] = await Promise.all([
      createTestDatabase(),
      startTestKafka([MESSAGE_TYPES['package-released'].base]),
      startFakePackageIndex(
        new Map([
          [
            'flask',
            new Map([
              ['1.0', files('Flask-1.0.tar.gz')],
              ['2.0', [{ filename: 'Flask-2.0.tar.gz', yanked: true }] as IndexFileSpec[]],
              ['2.1rc1', files('Flask-2.1rc1-py3-none-any.whl')],
              ['3.0', []],
            ]),
          ],
          ['six', new Map([['1.16.0', files('six-1.16.0-py2.py3-none-any.whl')]])],
          ['busy', new Map([['0.1', files('busy-0.1.tar.gz')]])],
          ['broken', new Map([['9.9', files('broken-9.9.tar.gz')]])],
        ]),
      ),
      startFakePackageIndex(
        new Map([
          [
            'private-pkg',
            new Map([
              ['1.0', files('private_pkg-1.0.tar.gz')],
              ['1.1', files('private_pkg-1.1-py3-none-any.whl')],
            ]),
          ],
        ]),
      ),
    ]);
    pypi.busy('busy', 1);
    gateway = await startPushgateway();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // PyPI's stand-in (a warehouse: THOTH_PYTHON_WAREHOUSES names it), asked for the known packages;
    // another index asked for all its projects; a disabled one, never asked.
    await client.query(
      `INSERT INTO python_package_index (id, url, warehouse_api_url, verify_ssl, enabled, only_if_package_seen) VALUES
         (1, $1, NULL, TRUE, TRUE, TRUE), (2, $2, NULL, TRUE, TRUE, FALSE), (3, 'https://disabled.example/simple', NULL, TRUE, FALSE, TRUE)`,
      [`${pypi.url}/simple`, `${other.url}/simple`],
    );
    await client.query(
      `INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES
         ('flask', '1.0', 1), ('six', '1.0', 1), ('gone', '1.0', 1), ('busy', '0.0', 1);
       INSERT INTO python_package_version_entity_rule (id, package_name, version_range, python_package_index_id, description) VALUES
         (1, 'flask', '>=2', NULL, 'any index'), (2, 'flask', '<1', NULL, 'none'), (3, 'flask', '', 2, 'the other index only');`,
    );
    env = {
      THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
      ...knowledgeGraphEnv(database.url),
      THOTH_PYTHON_WAREHOUSES: `https://pypi.org/simple,${pypi.url}/simple`,
      THOTH_PACKAGE_RELEASES_CHUNK_SIZE: '4',
      THOTH_SERVICE_VERSION: '1.2.3',
      PROMETHEUS_PUSHGATEWAY_URL: gateway.url,
    };
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    gateway?.stop();
    await Promise.all([pypi?.stop(), other?.stop(), kafka?.stop()]);
    await database?.drop();
  });

  test('records and announces every new release once; a package the index fails for fails the run after the others', async () => {
    pypi.broken('broken');
    await client.query("INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES ('broken', '1.0', 1)");
    const first = await run(env);
    expect(first.exitCode).toBe(1);
    const failure = logLines(first.stdout).find((line) => line.msg === 'run failed');
    expect(failure?.err.message).toBe('1 package(s) could not be read from their index; the next run asks again');

    const { rows } = await client.query(
      'SELECT package_name, package_version, python_package_index_id AS index FROM python_package_version_entity ORDER BY package_name, package_version, index',
    );
    expect(rows).toEqual([
      { package_name: 'broken', package_version: '1.0', index: 1 },
      { package_name: 'busy', package_version: '0.0', index: 1 },
      { package_name: 'busy', package_version: '0.1', index: 1 },
      { package_name: 'flask', package_version: '1.0', index: 1 },
      { package_name: 'flask', package_version: '2.0', index: 1 },
      { package_name: 'flask', package_version: '2.1rc1', index: 1 },
      { package_name: 'gone', package_version: '1.0', index: 1 },
      { package_name: 'private-pkg', package_version: '1.0', index: 2 },
      { package_name: 'private-pkg', package_version: '1.1', index: 2 },
      { package_name: 'six', package_version: '1.0', index: 1 },
      { package_name: 'six', package_version: '1.16.0', index: 1 },
    ]);
    const rules = await client.query(
      `SELECT e.package_version, a.python_package_version_entity_rule_id AS rule FROM python_package_version_entity_rules_association a
         JOIN python_package_version_entity e ON e.id = a.python_package_version_entity_id ORDER BY 1, 2`,
    );
    expect(rules.rows).toEqual([
      { package_version: '2.0', rule: 1 },
      { package_version: '2.1rc1', rule: 1 },
    ]);
    const messages = (await readTopic(kafka, topic(), 6)).map((value) => JSON.parse(value));
    expect(
      messages
        .map((message) => `${message.index_url.replace(pypi.url, 'pypi').replace(other.url, 'other')} ${message.package_name} ${message.package_version}`)
        .sort(),
    ).toEqual([
      'other/simple private-pkg 1.0',
      'other/simple private-pkg 1.1',
      'pypi/simple busy 0.1',
      'pypi/simple flask 2.0',
      'pypi/simple flask 2.1rc1',
      'pypi/simple six 1.16.0',
    ]);
    expect(messages[0]).toMatchObject({ component_name: 'thoth-package-releases-job', service_version: '1.2.3', version: 'v1' });
    const metrics = gateway.pushes.map((push) => push.body).join('\n');
    expect(metrics).toMatch(
      new RegExp(`^thoth_package_release_job_messages_sent_total\\{message_type="${topic()}",env="${kafka.deploymentName}",version="1.2.3"\\} 6$`, 'm'),
    );
    expect(metrics).toMatch(/^thoth_database_schema_revision_script\{component="thoth-package-releases-job",/m);

    // Again, without the package the index fails for: nothing new, nothing announced.
    await client.query("DELETE FROM python_package_version_entity WHERE package_name = 'broken'");
    gateway.pushes.length = 0;
    const second = await run(env);
    expect(second.exitCode).toBe(0);
    expect(logLines(second.stdout).find((line) => line.msg === 'package releases scanned')).toMatchObject({ released: 0, failed: 0, indexes: 2 });
    expect([...(await topicEnd(kafka, topic())).values()].reduce((sum, high) => sum + high, 0)).toBe(6);
  }, 90_000);
});
