/** The broker, through the runtime's producer: it checks each message and waits for all in-sync replicas. */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import type { MessagePublisher } from '../application/ports.js';

export class KafkaPublisher implements MessagePublisher {
  constructor(private readonly producer: MessageProducer) {}

  publish(type: MessageTypeName, contents: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
    return this.producer.send(type, contents);
  }
}
