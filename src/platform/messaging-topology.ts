/**
 * A broker's topology as code, by the rule that emitters define up to the exchange and consumers from
 * the exchange to their queue: each party (a service) declares the exchanges it emits to and the
 * queues it consumes, each queue with the exchanges and routing keys it is bound to. Rendered as the
 * RabbitMQ Messaging Topology Operator's objects (`rabbitmq.com/v1beta1` Exchange, Queue, Binding),
 * each labelled with the party that declares it, so that validate can hold the rule to what is
 * rendered (src/validate/messaging-topology.ts).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { objectLabels } from './metadata.js';

export interface ExchangeDeclaration {
  readonly name: string;
  readonly type: 'direct' | 'topic' | 'fanout';
}

export interface QueueDeclaration {
  readonly name: string;
  /** The exchanges the queue receives from, and with which routing key (a topic pattern on a topic exchange). */
  readonly bindings: readonly { readonly exchange: string; readonly routingKey: string }[];
}

export interface MessagingParty {
  /** The service: what labels its objects (`app.kubernetes.io/name`). */
  readonly service: string;
  readonly emits?: readonly ExchangeDeclaration[];
  readonly consumes?: readonly QueueDeclaration[];
}

export interface MessagingTopologyProps {
  /** Where the objects go: the broker's namespace. */
  readonly namespace: string;
  /** The RabbitmqCluster the operator declares them on. */
  readonly cluster: string;
  readonly parties: readonly MessagingParty[];
}

/** An object name from a broker name (`ryax.studio.deployments` → `ryax-studio-deployments`). */
export const objectNameOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');

export class MessagingTopology extends Construct {
  constructor(scope: Construct, id: string, props: MessagingTopologyProps) {
    super(scope, id);
    const reference = { name: props.cluster };
    const add = (kind: string, name: string, service: string, spec: Record<string, unknown>) =>
      new ApiObject(this, `${kind}-${service}-${name}`, {
        apiVersion: 'rabbitmq.com/v1beta1',
        kind,
        metadata: { name, namespace: props.namespace, labels: objectLabels(service, kind.toLowerCase()) },
        spec: { ...spec, rabbitmqClusterReference: reference },
      });
    for (const party of props.parties) {
      for (const exchange of party.emits ?? []) {
        // Durable: the broker keeps them across restarts, and a service declaring the same must say so too.
        add('Exchange', objectNameOf(exchange.name), party.service, { name: exchange.name, type: exchange.type, durable: true, autoDelete: false });
      }
      for (const queue of party.consumes ?? []) {
        add('Queue', objectNameOf(queue.name), party.service, { name: queue.name, type: 'quorum', durable: true, autoDelete: false });
        for (const binding of queue.bindings) {
          add('Binding', objectNameOf(`${binding.exchange}-${queue.name}-${binding.routingKey.replaceAll('#', 'all').replaceAll('*', 'any')}`), party.service, {
            source: binding.exchange,
            destination: queue.name,
            destinationType: 'queue',
            routingKey: binding.routingKey,
          });
        }
      }
    }
  }
}
