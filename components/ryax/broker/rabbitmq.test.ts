/**
 * The broker topology a Ryax environment renders, applied to a real RabbitMQ (the machine's, or
 * RABBITMQ_URL; scripts/ensure-rabbitmq.sh starts one where none runs) as the Messaging Topology
 * Operator declares it: a deployment order the studio publishes reaches the runner's queue, one of
 * another kind does not, a build order goes from the repository to the action-builder and its result back, and a service that declared the same exchange otherwise (not durable) would
 * be refused by the broker.
 */
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { manifestsOf, renderReal } from '../../../test/helpers.js';

type Spec = { name: string; type: string; durable: boolean; autoDelete: boolean; source: string; destination: string; routingKey: string };
const URL_ = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

let connection: ChannelModel;
let channel: Channel;
let topology: { kind: string; spec: Spec }[];

beforeAll(async () => {
  topology = manifestsOf(await renderReal('ryax-dev'))
    .filter((manifest) => manifest.apiVersion === 'rabbitmq.com/v1beta1' && manifest.kind !== 'RabbitmqCluster')
    .map((manifest) => ({ kind: manifest.kind, spec: (manifest as unknown as { spec: Spec }).spec }));
  connection = await amqp.connect(URL_);
  channel = await connection.createChannel();
  // As the operator does: exchanges, then queues, then bindings.
  for (const { spec } of topology.filter((object) => object.kind === 'Exchange')) {
    await channel.assertExchange(spec.name, spec.type, { durable: spec.durable, autoDelete: spec.autoDelete });
  }
  for (const { spec } of topology.filter((object) => object.kind === 'Queue')) {
    await channel.assertQueue(spec.name, {
      durable: spec.durable,
      autoDelete: spec.autoDelete,
      arguments: { 'x-queue-type': (spec as { type?: string }).type },
    });
  }
  for (const { spec } of topology.filter((object) => object.kind === 'Binding')) await channel.bindQueue(spec.destination, spec.source, spec.routingKey);
}, 30_000);

afterAll(async () => {
  const cleanup = await connection?.createChannel();
  for (const { kind, spec } of topology ?? []) {
    if (kind === 'Queue') await cleanup?.deleteQueue(spec.name);
    if (kind === 'Exchange') await cleanup?.deleteExchange(spec.name);
  }
  await connection?.close();
});

test('the topology is what the services need: the studio’s exchanges, the runner’s queue bound to the deployment orders', () => {
  expect(
    topology
      .map(({ kind, spec }) => (kind === 'Binding' ? `Binding ${spec.source} → ${spec.destination} (${spec.routingKey})` : `${kind} ${spec.name}`))
      .sort(),
  ).toEqual([
    'Binding ryax.action-builder → ryax.repository.build-results (build.#)',
    'Binding ryax.repository → ryax.action-builder.builds (build.#)',
    'Binding ryax.studio → ryax.runner.deployments (deployment.#)',
    'Exchange ryax.action-builder',
    'Exchange ryax.repository',
    'Exchange ryax.runner',
    'Exchange ryax.studio',
    'Queue ryax.action-builder.builds',
    'Queue ryax.repository.build-results',
    'Queue ryax.runner.deployments',
  ]);
});

test('a deployment order the studio publishes reaches the runner’s queue; a build order does not', async () => {
  const order = Buffer.from(JSON.stringify({ workflow: 'wf-1', action: 'deploy' }));
  expect(channel.publish('ryax.studio', 'deployment.create', order, { persistent: true })).toBe(true);
  expect(channel.publish('ryax.studio', 'build.start', Buffer.from('not for the runner'), { persistent: true })).toBe(true);
  let received: amqp.GetMessage | false = false;
  for (let attempt = 0; attempt < 50 && received === false; attempt++) {
    received = await channel.get('ryax.runner.deployments', { noAck: true });
    if (received === false) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(received === false ? undefined : { key: received.fields.routingKey, body: received.content.toString() }).toEqual({
    key: 'deployment.create',
    body: order.toString(),
  });
  expect((await channel.checkQueue('ryax.runner.deployments')).messageCount).toBe(0);
});

/** The next message of `queue`, waiting up to five seconds for it. */
async function nextMessage(queue: string): Promise<{ key: string; body: string } | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const received = await channel.get(queue, { noAck: true });
    if (received !== false) return { key: received.fields.routingKey, body: received.content.toString() };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

test('a build order the repository publishes reaches the action-builder, and its result comes back to the repository', async () => {
  const order = JSON.stringify({ action: 'a-1', revision: 'r-1' });
  expect(channel.publish('ryax.repository', 'build.start', Buffer.from(order), { persistent: true })).toBe(true);
  expect(await nextMessage('ryax.action-builder.builds')).toEqual({ key: 'build.start', body: order });
  const result = JSON.stringify({ action: 'a-1', status: 'built' });
  expect(channel.publish('ryax.action-builder', 'build.done', Buffer.from(result), { persistent: true })).toBe(true);
  expect(await nextMessage('ryax.repository.build-results')).toEqual({ key: 'build.done', body: result });
  // The runner's queue takes deployment orders only.
  expect((await channel.checkQueue('ryax.runner.deployments')).messageCount).toBe(0);
});

test('a service declaring the studio’s exchange otherwise is refused by the broker (406 PRECONDITION_FAILED)', async () => {
  const other = await connection.createChannel();
  other.on('error', () => {});
  await expect(other.assertExchange('ryax.studio', 'topic', { durable: false })).rejects.toThrow(/PRECONDITION_FAILED/);
});
