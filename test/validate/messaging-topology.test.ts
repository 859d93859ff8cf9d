/**
 * The messaging rule, both ways, on what a topology renders: an exchange is declared by its emitter
 * alone, a binding's exchange is one some party emits to, and a binding is its queue's consumer's; a
 * topology that keeps the rule has no finding. And end to end: a Ryax environment without the studio
 * leaves the runner bound to an exchange nobody emits, which validate reports.
 */
import { App, Chart } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { parseEnvironment } from '../../src/config/load.js';
import { type MessagingParty, MessagingTopology } from '../../src/platform/messaging-topology.js';
import { checkEnvironment } from '../../src/validate/index.js';
import { topologyProblems } from '../../src/validate/messaging-topology.js';
import { renderEnvironment } from '../../src/synth/render.js';
import type { Manifest } from '../../src/synth/manifest.js';
import { RYAX } from '../../platforms/ryax/platform.js';

function rendered(parties: readonly MessagingParty[], extra: readonly Manifest[] = []) {
  const chart = new Chart(new App(), 'topology');
  new MessagingTopology(chart, 'Topology', { namespace: 'broker', cluster: 'rabbit', parties });
  const manifests = [...(chart.toJson() as Manifest[]), ...extra];
  return {
    applications: [
      { name: 'backbone', objects: manifests.map((manifest, index) => ({ manifest, application: 'backbone', file: `${index}.yaml`, constructPath: 'x' })) },
    ],
  };
}
const problems = (parties: readonly MessagingParty[], extra: readonly Manifest[] = []) =>
  topologyProblems(rendered(parties, extra) as never).map(({ object, rule, message }) => ({ kind: object.manifest.kind, rule, message }));

const STUDIO: MessagingParty = { service: 'studio', emits: [{ name: 'orders', type: 'topic' }] };
const RUNNER: MessagingParty = { service: 'runner', consumes: [{ name: 'runner.orders', bindings: [{ exchange: 'orders', routingKey: 'deployment.#' }] }] };

test('emitters declare their exchanges, consumers their queues and bindings: no finding', () => {
  expect(problems([STUDIO, RUNNER])).toEqual([]);
  expect(
    rendered([STUDIO, RUNNER]).applications[0]!.objects.map(({ manifest }) => `${manifest.kind} ${manifest.metadata.labels?.['app.kubernetes.io/name']}`),
  ).toEqual(['Exchange studio', 'Queue runner', 'Binding runner']);
});

test('a consumer that declares the exchange it consumes from, which another emits to, is refused', () => {
  const declaring: MessagingParty = { ...RUNNER, emits: [{ name: 'orders', type: 'topic' }] };
  expect(problems([STUDIO, declaring])).toEqual([
    {
      kind: 'Exchange',
      rule: 'topology/exchange-owner',
      message:
        'runner declares the exchange "orders", which studio emits to and declares: emitters define up to the exchange, a consumer binds its queue to it and declares no exchange',
    },
  ]);
});

test('a binding to an exchange nobody emits to is refused', () => {
  expect(problems([RUNNER])).toEqual([
    {
      kind: 'Binding',
      rule: 'topology/unknown-exchange',
      message: 'binds runner.orders to the exchange "orders", which no party emits to (none declares it): the binding would receive nothing',
    },
  ]);
});

test("a binding of another party's queue is refused; the same names on another broker are another exchange", () => {
  const [binding] = rendered([{ service: 'studio', consumes: [{ name: 'runner.orders', bindings: [{ exchange: 'orders', routingKey: '#' }] }] }])
    .applications[0]!.objects.map(({ manifest }) => manifest)
    .filter((manifest) => manifest.kind === 'Binding');
  expect(problems([STUDIO, RUNNER], [{ ...binding!, metadata: { ...binding!.metadata, name: 'stolen' } }])).toEqual([
    { kind: 'Binding', rule: 'topology/binding-owner', message: 'studio binds the queue "runner.orders" of runner: a consumer binds its own queue' },
  ]);
  const elsewhere = { ...binding!, spec: { ...(binding as unknown as { spec: object }).spec, rabbitmqClusterReference: { name: 'other' } } } as Manifest;
  expect(problems([STUDIO, RUNNER], [elsewhere]).map((problem) => problem.rule)).toEqual(['topology/unknown-exchange', 'topology/unknown-queue']);
});

test('validate: a Ryax environment without the studio leaves the runner bound to an exchange nobody emits', async () => {
  const text = readFileSync('environments/ryax-dev.yaml', 'utf8').replace('components:\n', 'components:\n  studio: { enabled: false }\n');
  const checks = await checkEnvironment(renderEnvironment(RYAX, parseEnvironment(RYAX, 'ryax-dev', 'environments/ryax-dev.yaml', text), new Map()));
  // (The stacks' namespaces carry their waivers, which only the whole validate applies.)
  expect(checks.findings.filter((finding) => finding.rule.startsWith('topology/')).map((finding) => `${finding.rule} ${finding.message}`)).toEqual([
    'topology/unknown-exchange binds ryax.runner.deployments to the exchange "ryax.studio", which no party emits to (none declares it): the binding would receive nothing',
  ]);
});

test("a binding to a queue nobody declares is refused; one from the broker's own exchanges needs no emitter", () => {
  const orphan: MessagingParty = { service: 'runner', consumes: [{ name: 'runner.orders', bindings: [{ exchange: 'amq.topic', routingKey: 'x.#' }] }] };
  expect(problems([orphan])).toEqual([]);
  const [binding] = rendered([orphan])
    .applications[0]!.objects.map(({ manifest }) => manifest)
    .filter((manifest) => manifest.kind === 'Binding');
  const toNowhere = { ...binding!, spec: { ...(binding as unknown as { spec: object }).spec, destination: 'nobody.orders' } } as Manifest;
  expect(problems([], [toNowhere])).toEqual([
    {
      kind: 'Binding',
      rule: 'topology/unknown-queue',
      message: 'binds the exchange "amq.topic" to the queue "nobody.orders", which no party declares: the operator cannot create the binding',
    },
  ]);
});
