/**
 * Schemas for the RabbitMQ operators' custom resources the platforms render, which no models package
 * the registry serves covers: the Cluster Operator's RabbitmqCluster and the Messaging Topology
 * Operator's Exchange, Queue and Binding (`rabbitmq.com/v1beta1`). Written from their API types at
 * rabbitmq/cluster-operator@v2.22.3:api/v1beta1/rabbitmqcluster_types.go and
 * rabbitmq/messaging-topology-operator@v1.20.1:api/v1beta1/{exchange,queue,binding,rabbitmq_cluster_reference}_types.go,
 * with only the fields the platforms use allowed, and the operators' webhook rules: exactly one of a
 * cluster's name and a connection Secret, a quorum queue durable.
 */

const objectMeta = {
  type: 'object',
  required: ['name', 'namespace'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

const clusterReference = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string', minLength: 1 },
    connectionSecret: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 } } },
  },
  // The webhook's rule (rabbitmq_cluster_reference.go#L57-L65): a cluster's name or a connection Secret, not both.
  // (With both, both branches hold, which oneOf refuses.)
  oneOf: [
    { properties: { name: true }, required: ['name'] },
    { properties: { connectionSecret: true }, required: ['connectionSecret'] },
  ],
};

const arguments_ = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
const vhost = { type: 'string', minLength: 1 };

function resource(kind: string, spec: object): object {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: { apiVersion: { const: 'rabbitmq.com/v1beta1' }, kind: { const: kind }, metadata: objectMeta, spec },
  };
}

const quantity = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$' };
const cpuMemory = { type: 'object', additionalProperties: false, properties: { cpu: quantity, memory: quantity } };

export const RABBITMQ_SCHEMAS: Readonly<Record<string, object>> = {
  'rabbitmq.com/v1beta1/RabbitmqCluster': resource('RabbitmqCluster', {
    type: 'object',
    additionalProperties: false,
    properties: {
      replicas: { type: 'integer', minimum: 0 },
      image: { type: 'string', minLength: 1 },
      service: { type: 'object', additionalProperties: false, properties: { type: { enum: ['ClusterIP', 'LoadBalancer', 'NodePort'] } } },
      persistence: { type: 'object', additionalProperties: false, properties: { storage: quantity, storageClassName: { type: 'string' } } },
      resources: { type: 'object', additionalProperties: false, properties: { requests: cpuMemory, limits: cpuMemory } },
      rabbitmq: {
        type: 'object',
        additionalProperties: false,
        properties: {
          additionalPlugins: { type: 'array', maxItems: 100, items: { type: 'string', pattern: '^\\w+$' } },
          additionalConfig: { type: 'string' },
        },
      },
      secretBackend: {
        type: 'object',
        additionalProperties: false,
        properties: {
          externalSecret: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 } } },
        },
      },
      override: { type: 'object' },
    },
  }),
  'rabbitmq.com/v1beta1/Exchange': resource('Exchange', {
    type: 'object',
    required: ['name', 'rabbitmqClusterReference'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      vhost,
      type: { enum: ['direct', 'topic', 'fanout', 'headers'] },
      durable: { type: 'boolean' },
      autoDelete: { type: 'boolean' },
      arguments: arguments_,
      rabbitmqClusterReference: clusterReference,
    },
  }),
  'rabbitmq.com/v1beta1/Queue': resource('Queue', {
    type: 'object',
    required: ['name', 'durable', 'rabbitmqClusterReference'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      vhost,
      type: { enum: ['classic', 'quorum', 'stream'] },
      // Required here: the CRD gives no default, and the services' own declarations must match it.
      durable: { type: 'boolean' },
      autoDelete: { type: 'boolean' },
      arguments: arguments_,
      deletionPolicy: { enum: ['delete', 'retain'] },
      rabbitmqClusterReference: clusterReference,
    },
    // queue_webhook.go#L40: a quorum queue is durable.
    if: { required: ['type'], properties: { type: { const: 'quorum' } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
    then: { properties: { durable: { const: true } } },
  }),
  'rabbitmq.com/v1beta1/Binding': resource('Binding', {
    type: 'object',
    required: ['source', 'destination', 'destinationType', 'rabbitmqClusterReference'],
    additionalProperties: false,
    properties: {
      vhost,
      source: { type: 'string', minLength: 1 },
      destination: { type: 'string', minLength: 1 },
      destinationType: { enum: ['exchange', 'queue'] },
      routingKey: { type: 'string' },
      arguments: arguments_,
      rabbitmqClusterReference: clusterReference,
    },
  }),
};
