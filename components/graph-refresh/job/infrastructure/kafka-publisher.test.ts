import type { Producer } from 'kafkajs';
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { kafkaSettings } from '../../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import { migrate } from '../../../../src/runtime/postgres/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { readTopic, startTestKafka, type TestKafka } from '../../../../test/services/kafka.js';
import { refreshGraph } from '../application/refresh-graph.js';
import { parseSolver } from '../../../../src/runtime/python/solver.js';
import { KafkaRequestPublisher } from './kafka-publisher.js';
import { PostgresGraph } from './postgres-graph.js';

let database: TestDatabase;
let pool: pg.Pool;
let kafka: TestKafka;
let producer: Producer;
let messages: MessageProducer;

beforeAll(async () => {
  [database, kafka] = await Promise.all([
    createTestDatabase(),
    startTestKafka([MESSAGE_TYPES['unresolved-package'].base, MESSAGE_TYPES['unrevsolved-package'].base]),
  ]);
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const client = await pool.connect();
  await migrate(client);
  client.release();
  await pool.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES (1, 'flask', '2.0.0', 1), (2, 'django', '4.2', 1);
  `);
  const settings = kafkaSettings({ KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','), THOTH_DEPLOYMENT_NAME: kafka.deploymentName }, () => '');
  producer = await connectProducer(settings);
  messages = new MessageProducer(producer, settings, { componentName: 'graph-refresh-job', serviceVersion: '0.1.0' });
});
afterAll(async () => {
  await producer?.disconnect();
  await pool?.end();
  await Promise.all([database?.drop(), kafka?.stop()]);
});

test('one run publishes each unsolved version per solver and each release once; a second run within the window publishes nothing', async () => {
  const graph = new PostgresGraph(pool);
  const ports = { graph, ledger: graph, publisher: new KafkaRequestPublisher(messages) };
  const settings = {
    solvers: ['solver-rhel-8-py38', 'solver-fedora-34-py39'].map(parseSolver),
    limit: 10,
    windowMs: 6 * 3_600_000,
    leaseMs: 600_000,
    solver: true,
    revsolver: true,
    security: false,
  };
  const now = new Date('2026-11-24T12:00:00Z');

  expect(await refreshGraph(ports, settings, now)).toEqual({
    candidates: 4,
    published: { 'unresolved-package': 4, 'unrevsolved-package': 2 },
    alreadyRequested: 0,
  });
  expect(await refreshGraph(ports, settings, new Date(now.getTime() + 3_600_000))).toEqual({ candidates: 0, published: {}, alreadyRequested: 0 });

  const unresolved = (await readTopic(kafka, messages.topicOf('unresolved-package'), 4)).map((value) => JSON.parse(value));
  expect(unresolved.map((message) => `${message.solver} ${message.package_name}==${message.package_version}`).sort()).toEqual([
    'solver-fedora-34-py39 django==4.2',
    'solver-fedora-34-py39 flask==2.0.0',
    'solver-rhel-8-py38 django==4.2',
    'solver-rhel-8-py38 flask==2.0.0',
  ]);
  expect(unresolved[0]).toMatchObject({ component_name: 'graph-refresh-job', version: 'v1', index_url: 'https://pypi.org/simple' });
  const unrevsolved = (await readTopic(kafka, messages.topicOf('unrevsolved-package'), 2)).map((value) => JSON.parse(value));
  expect(unrevsolved.map((message) => message.package_name).sort()).toEqual(['django', 'flask']);
});
