import type { IKafkaTopic } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaTopic';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { DEAD_LETTER, MESSAGE_TYPES, topicName, type MessageType } from '../../src/messages/catalogue.js';
import { objectLabels } from '../../src/platform/metadata.js';

export interface KafkaTopicsProps {
  readonly env: Environment;
  /** Where the Strimzi topic operator watches, and which cluster the topics belong to. */
  readonly topics: NonNullable<Environment['kafka']['topics']>;
}

const HOUR_MS = 3_600_000;

/**
 * One Strimzi KafkaTopic per message type of the catalogue, plus the dead-letter topic, named
 * `<deployment name>.<base name>` as producers and consumers compute it.
 */
export class KafkaTopics extends Construct {
  readonly topicNames: string[] = [];

  constructor(scope: Construct, id: string, props: KafkaTopicsProps) {
    super(scope, id);
    const types: MessageType[] = [...Object.values(MESSAGE_TYPES), DEAD_LETTER];
    for (const type of types) {
      const name = topicName(props.env.deploymentName, type);
      this.topicNames.push(name);
      const topic: IKafkaTopic = {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaTopic',
        metadata: {
          name,
          namespace: props.topics.namespace,
          labels: { ...objectLabels('kafka-topics', 'topic'), 'strimzi.io/cluster': props.topics.cluster },
        },
        spec: {
          partitions: props.topics.partitions,
          replicas: props.topics.replicas,
          config: { 'retention.ms': String(type.retentionHours * HOUR_MS) },
        },
      };
      new ApiObject(this, type.base, topic);
    }
  }
}
