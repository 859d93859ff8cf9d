/**
 * send-messages: publishes a messages file, every entry checked before any is sent, each type's
 * messages in the file's order, and records the file as sent once the broker has acknowledged all
 * of them. A retried step (Argo's retry, a pod killed after the broker's acknowledgement) finds the
 * record and sends nothing: the file's key is its workflow and its content. Killed between the last
 * acknowledgement and the record, the retry sends the file again; the investigator's workflows are
 * named after their inputs, so the second submission of each is the API server's AlreadyExists.
 */
import { createHash } from 'node:crypto';
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { CheckedMessage } from '../domain/messages-file.js';
import type { MessagePublisher, SentLedger } from './ports.js';

export type SendOutcome =
  | { readonly outcome: 'sent'; readonly counts: Readonly<Partial<Record<MessageTypeName, number>>> }
  | { readonly outcome: 'already-sent'; readonly key: string };

/** The key of a file in a workflow: the same file sent again by the same workflow is the same key. */
export function sentKey(workflowUid: string, fileText: string): string {
  return createHash('sha256').update(workflowUid).update('\u0000').update(fileText).digest('hex');
}

export async function sendMessages(
  messages: readonly CheckedMessage[],
  key: string | undefined,
  ports: { readonly publisher: MessagePublisher; readonly ledger?: SentLedger },
): Promise<SendOutcome> {
  if (key !== undefined && ports.ledger !== undefined && (await ports.ledger.wasSent(key))) return { outcome: 'already-sent', key };
  const byType = new Map<MessageTypeName, Readonly<Record<string, unknown>>[]>();
  for (const message of messages) {
    const ofType = byType.get(message.type);
    if (ofType === undefined) byType.set(message.type, [message.contents]);
    else ofType.push(message.contents);
  }
  for (const [type, contents] of byType) await ports.publisher.send(type, contents);
  const counts = Object.fromEntries([...byType].map(([type, contents]) => [type, contents.length]));
  if (key !== undefined && ports.ledger !== undefined)
    await ports.ledger.markSent(key, { messages: messages.length, counts, sentAt: new Date().toISOString() });
  return { outcome: 'sent', counts };
}
