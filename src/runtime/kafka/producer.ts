/**
 * Sends catalogue messages: adds the envelope (component_name, service_version, version), checks the
 * result against the type's schema before anything leaves the process, and waits for the broker's
 * acknowledgement from all in-sync replicas, so a send that resolves means the broker has every
 * message (docs/quirks.md Q6).
 */
import { canonicalName } from '../python/package.js';
import type { Message, Producer } from 'kafkajs';
import { MESSAGE_TYPES, type MessageTypeName, topicName } from '../../messages/catalogue.js';
import { checkMessage } from '../../messages/validate.js';

/** Who is sending: every message carries it. */
export interface ProducerIdentity {
  readonly componentName: string;
  readonly serviceVersion: string;
}

export class InvalidMessageError extends Error {
  constructor(
    readonly type: MessageTypeName,
    readonly problems: readonly string[],
  ) {
    super(`${type} message is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidMessageError';
  }
}

/** Records per produce request: bounds the request size without a round trip per message. */
const BATCH = 500;

export class MessageProducer {
  constructor(
    private readonly producer: Pick<Producer, 'send'>,
    private readonly settings: { readonly deploymentName: string; readonly maxMessageBytes: number },
    private readonly identity: ProducerIdentity,
  ) {}

  /** The full topic a type's messages go to in this deployment. */
  topicOf(type: MessageTypeName): string {
    return topicName(this.settings.deploymentName, MESSAGE_TYPES[type]);
  }

  /** Validates every message first, so an invalid one stops the call before any is sent. */
  async send(type: MessageTypeName, contents: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
    const messages = contents.map((fields) => this.encode(type, fields));
    const topic = this.topicOf(type);
    for (let start = 0; start < messages.length; start += BATCH) {
      await this.producer.send({ topic, acks: -1, messages: messages.slice(start, start + BATCH) });
    }
  }

  private encode(type: MessageTypeName, fields: Readonly<Record<string, unknown>>): Message {
    const record = {
      component_name: this.identity.componentName,
      service_version: this.identity.serviceVersion,
      version: MESSAGE_TYPES[type].version,
      ...fields,
    };
    const check = checkMessage(type, record, 'produce');
    if (!check.valid) throw new InvalidMessageError(type, check.problems);
    const value = JSON.stringify(record);
    const bytes = Buffer.byteLength(value);
    if (bytes > this.settings.maxMessageBytes) {
      throw new InvalidMessageError(type, [`message is ${bytes} bytes, more than the ${this.settings.maxMessageBytes} allowed (KAFKA_MESSAGE_MAX_BYTES)`]);
    }
    // Keyed by the package it is about, when it is about one: the partitioner sends a package's
    // messages to one partition, where a consumer handles them in order and others beside them.
    const subject = (fields as { package_name?: unknown }).package_name;
    const key = typeof subject === 'string' ? canonicalName(subject) : undefined;
    return key === undefined ? { value } : { key, value };
  }
}
