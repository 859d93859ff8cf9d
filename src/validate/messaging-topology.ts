/**
 * The messaging rule held to what an environment renders (src/platform/messaging-topology.ts):
 * emitters define up to the exchange, consumers from the exchange to their queue. So an exchange is
 * declared by one party only, its emitter (a second declaring party is a consumer declaring an
 * exchange it does not own); a binding's source is an exchange some party declares (otherwise it binds
 * to an exchange nobody emits; the broker's own, amq.*, need none); a binding's queue is one some party
 * declares; and a binding is declared by the party whose queue it fills.
 */
import { LABELS } from '../platform/metadata.js';
import type { Manifest, RenderedEnvironment, RenderedObject } from '../synth/manifest.js';

export interface TopologyProblem {
  readonly object: RenderedObject;
  readonly rule: 'topology/exchange-owner' | 'topology/unknown-exchange' | 'topology/unknown-queue' | 'topology/binding-owner';
  readonly message: string;
}

type Spec = {
  name?: string;
  vhost?: string;
  source?: string;
  destination?: string;
  destinationType?: string;
  rabbitmqClusterReference?: { name?: string; namespace?: string };
};

/** Exchanges and queues are per broker and vhost: the key of one in an environment. */
function brokerKey(manifest: Manifest, name: string | undefined): string {
  const spec = (manifest as { spec?: Spec }).spec ?? {};
  const reference = spec.rabbitmqClusterReference ?? {};
  return `${reference.namespace ?? manifest.metadata.namespace ?? ''}/${reference.name ?? ''}/${spec.vhost ?? '/'}/${name ?? ''}`;
}

const partyOf = (manifest: Manifest): string => manifest.metadata.labels?.[LABELS.name] ?? '(no party)';
const isTopology = (kind: string) => (manifest: Manifest) => manifest.apiVersion === 'rabbitmq.com/v1beta1' && manifest.kind === kind;

export function topologyProblems(env: Pick<RenderedEnvironment, 'applications'>): TopologyProblem[] {
  const objects = env.applications.flatMap((application) => application.objects);
  const manifests = objects.map((object) => object.manifest);
  const objectOf = new Map(objects.map((object) => [object.manifest, object]));
  const problems: TopologyProblem[] = [];
  const spec = (manifest: Manifest) => (manifest as { spec?: Spec }).spec ?? {};
  const emitters = new Map<string, string>();
  for (const exchange of manifests.filter(isTopology('Exchange'))) {
    const key = brokerKey(exchange, spec(exchange).name);
    const owner = emitters.get(key);
    if (owner === undefined) emitters.set(key, partyOf(exchange));
    else if (owner !== partyOf(exchange)) {
      problems.push({
        object: objectOf.get(exchange)!,
        rule: 'topology/exchange-owner',
        message: `${partyOf(exchange)} declares the exchange "${spec(exchange).name}", which ${owner} emits to and declares: emitters define up to the exchange, a consumer binds its queue to it and declares no exchange`,
      });
    }
  }
  const queueOwners = new Map(manifests.filter(isTopology('Queue')).map((queue) => [brokerKey(queue, spec(queue).name), partyOf(queue)]));
  for (const binding of manifests.filter(isTopology('Binding'))) {
    const { source, destination, destinationType } = spec(binding);
    // The broker's own exchanges (the default one, amq.*) exist without a declaration.
    const builtIn = source === undefined || source === '' || source.startsWith('amq.');
    if (!builtIn && !emitters.has(brokerKey(binding, source))) {
      problems.push({
        object: objectOf.get(binding)!,
        rule: 'topology/unknown-exchange',
        message: `binds ${destination} to the exchange "${source}", which no party emits to (none declares it): the binding would receive nothing`,
      });
    }
    const owner = destinationType === 'queue' ? queueOwners.get(brokerKey(binding, destination)) : undefined;
    if (destinationType === 'queue' && owner === undefined) {
      problems.push({
        object: objectOf.get(binding)!,
        rule: 'topology/unknown-queue',
        message: `binds the exchange "${source}" to the queue "${destination}", which no party declares: the operator cannot create the binding`,
      });
    }
    if (owner !== undefined && owner !== partyOf(binding)) {
      problems.push({
        object: objectOf.get(binding)!,
        rule: 'topology/binding-owner',
        message: `${partyOf(binding)} binds the queue "${destination}" of ${owner}: a consumer binds its own queue`,
      });
    }
  }
  return problems;
}
