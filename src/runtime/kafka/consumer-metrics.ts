/**
 * The consumer's metrics, scraped from its /metrics endpoint, under the reference's names where it
 * had them (thoth-messages.md §3.6) so the investigator's dashboard and alerts read both.
 * `halted_topics` is 1 while a record of that topic is being retried and its partition waits.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { MESSAGE_TYPES, type MessageTypeName } from '../../messages/catalogue.js';
import type { DeadLetterReason } from './decode.js';
import type { RecordMetrics, RecordOutcome } from './process-record.js';

export class ConsumerMetrics implements RecordMetrics {
  private readonly inProgress: Gauge;
  private readonly processed: Counter;
  private readonly exceptions: Counter;
  private readonly halted: Gauge;
  private readonly deadLetters: Counter;
  private readonly offsets: Gauge;
  private readonly replays: Counter;

  constructor(registry: Registry, prefix = 'thoth_investigator') {
    const registers = [registry];
    this.inProgress = new Gauge({ name: `${prefix}_in_progress`, help: 'Handlers running, by message type.', labelNames: ['message_type'], registers });
    this.processed = new Counter({
      name: `${prefix}_processed_total`,
      help: 'Records whose handler succeeded, by message type.',
      labelNames: ['message_type'],
      registers,
    });
    this.exceptions = new Counter({
      name: `${prefix}_exceptions_total`,
      help: 'Failed handler attempts, by message type.',
      labelNames: ['message_type'],
      registers,
    });
    this.halted = new Gauge({
      name: `${prefix}_halted_topics`,
      help: '1 while a record of the topic is retried and its partition waits.',
      labelNames: ['base_topic_name'],
      registers,
    });
    this.deadLetters = new Counter({
      name: `${prefix}_dead_letters_total`,
      help: 'Records set aside in the dead-letter topic, by message type and reason.',
      labelNames: ['message_type', 'reason'],
      registers,
    });
    this.replays = new Counter({
      name: `${prefix}_replayed_total`,
      help: 'Records sent back from the dead-letter topic (replay) and handled, or set aside again, by message type.',
      labelNames: ['message_type', 'outcome'],
      registers,
    });
    this.offsets = new Gauge({
      name: 'current_partition_offsets',
      help: 'The last committed offset, by topic and partition.',
      labelNames: ['topic_name', 'partition'],
      registers,
    });
  }

  attemptStarted(type: MessageTypeName): void {
    this.inProgress.inc({ message_type: type });
  }

  attemptEnded(type: MessageTypeName, outcome: 'handled' | 'failed'): void {
    this.inProgress.dec({ message_type: type });
    (outcome === 'handled' ? this.processed : this.exceptions).inc({ message_type: type });
  }

  stalled(type: MessageTypeName, stalled: boolean): void {
    this.halted.set({ base_topic_name: MESSAGE_TYPES[type].base }, stalled ? 1 : 0);
  }

  deadLettered(type: MessageTypeName | undefined, reason: DeadLetterReason): void {
    this.deadLetters.inc({ message_type: type ?? 'unknown', reason });
  }

  replayed(type: MessageTypeName | undefined, outcome: RecordOutcome): void {
    this.replays.inc({ message_type: type ?? 'unknown', outcome });
  }

  committed(topic: string, partition: number, offset: string): void {
    this.offsets.set({ topic_name: topic, partition: String(partition) }, Number(offset));
  }
}
