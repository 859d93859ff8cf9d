/** advise-justification messages (thoth-messages.md §2.1), one per day, adviser version and justification, acknowledged by the broker. */
import type { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import type { JustificationRow } from '../domain/daily-tables.js';

export async function announceJustifications(producer: Pick<MessageProducer, 'send'>, rows: readonly JustificationRow[]): Promise<number> {
  await producer.send(
    'advise-justification',
    rows.map((row) => ({ message: row.message, justification_type: row.type, count: row.count, adviser_version: row.adviserVersion })),
  );
  return rows.length;
}
