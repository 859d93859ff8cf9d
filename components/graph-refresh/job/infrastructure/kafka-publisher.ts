/** Publishes graph-refresh's requests as catalogue messages, one send per message type. */
import type { RequestPublisher } from '../application/refresh-graph.js';
import type { Request, RequestType } from '../domain/requests.js';
import type { MessageProducer } from '../../../../src/runtime/kafka/producer.js';

export class KafkaRequestPublisher implements RequestPublisher {
  constructor(private readonly producer: Pick<MessageProducer, 'send'>) {}

  async publish(requests: readonly Request[]): Promise<void> {
    const byType = new Map<RequestType, Request['fields'][]>();
    for (const request of requests) {
      const list = byType.get(request.type) ?? [];
      list.push(request.fields);
      byType.set(request.type, list);
    }
    for (const [type, fields] of byType) await this.producer.send(type, fields);
  }
}
