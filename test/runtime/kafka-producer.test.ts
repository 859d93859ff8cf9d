import type { Producer } from 'kafkajs';
import { MESSAGE_TYPES } from '../../src/messages/catalogue.js';
import { kafkaSettings } from '../../src/runtime/kafka/config.js';
import { connectProducer } from '../../src/runtime/kafka/connect.js';
import { InvalidMessageError, MessageProducer } from '../../src/runtime/kafka/producer.js';
import { readTopic, startTestKafka, type TestKafka, topicEnd } from '../services/kafka.js';

let kafka: TestKafka;
let producer: Producer;
let messages: MessageProducer;
const identity = { componentName: 'graph-refresh-job', serviceVersion: '0.1.0' };

beforeAll(async () => {
  kafka = await startTestKafka([MESSAGE_TYPES['unresolved-package'].base, MESSAGE_TYPES['solved-package'].base], 2);
  const settings = kafkaSettings(
    { KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','), THOTH_DEPLOYMENT_NAME: kafka.deploymentName, KAFKA_MESSAGE_MAX_BYTES: '2000' },
    () => '',
  );
  producer = await connectProducer(settings);
  messages = new MessageProducer(producer, settings, identity);
});
afterAll(async () => {
  await producer?.disconnect();
  await kafka?.stop();
});

test("sends enveloped, validated messages to the deployment's topic, without key", async () => {
  const topic = messages.topicOf('unresolved-package');
  expect(topic).toBe(`${kafka.deploymentName}.thoth.investigator.unresolved-package`);
  const sent = [
    { package_name: 'flask', package_version: '2.0.0', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' },
    { package_name: 'django', package_version: '4.2', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' },
  ];
  await messages.send('unresolved-package', sent);
  const received = (await readTopic(kafka, topic, 2)).map((value) => JSON.parse(value));
  expect(received.sort((a, b) => a.package_name.localeCompare(b.package_name))).toEqual(
    [...sent]
      .sort((a, b) => a.package_name.localeCompare(b.package_name))
      .map((fields) => ({ component_name: 'graph-refresh-job', service_version: '0.1.0', version: 'v1', ...fields })),
  );
});

test('an invalid message stops the whole send before anything is sent', async () => {
  const good = { package_name: 'flask', package_version: '2.0.0', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' };
  const attempt = messages.send('solved-package', [good, { ...good, solver: 7 }] as never);
  await expect(attempt).rejects.toThrow(InvalidMessageError);
  await expect(messages.send('solved-package', [{ ...good, colour: 'red' }] as never)).rejects.toThrow('unknown field "colour"');
  expect([...(await topicEnd(kafka, messages.topicOf('solved-package'))).values()]).toEqual([0, 0]);
});

test('a message larger than KAFKA_MESSAGE_MAX_BYTES is refused with its size', async () => {
  const big = { package_name: 'x'.repeat(3000), package_version: '1', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' };
  await expect(messages.send('unresolved-package', [big])).rejects.toThrow(/message is \d+ bytes, more than the 2000 allowed \(KAFKA_MESSAGE_MAX_BYTES\)/);
});
