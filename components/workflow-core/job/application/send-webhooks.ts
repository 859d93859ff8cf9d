/**
 * send-webhooks: every webhook the user API kept for an analysis is called with its id, then their
 * Secret is deleted, so a retried step calls none twice. A webhook that still fails after its
 * attempts is reported (the step fails, after the others were called and the Secret deleted: the
 * failure shows, and nothing is called again).
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { type Webhook, webhookBody } from '../domain/webhook.js';
import type { CallbackSecrets, WebhookCaller } from './ports.js';

export interface WebhookFile {
  readonly name: string;
  readonly webhook: Webhook;
}

export interface WebhooksSent {
  readonly delivered: number;
  readonly failed: readonly { readonly file: string; readonly reason: string }[];
  readonly secret: 'deleted' | 'absent';
}

export async function sendWebhooks(
  documentId: string,
  namespace: string,
  webhooks: readonly WebhookFile[],
  ports: { readonly caller: WebhookCaller; readonly secrets: CallbackSecrets },
  log: Logger,
): Promise<WebhooksSent> {
  const outcomes = await Promise.all(
    webhooks.map(async ({ name, webhook }) => ({
      name,
      outcome: await ports.caller.call(webhook.url, webhookBody(documentId, webhook), webhook.authorization),
    })),
  );
  const failed: { file: string; reason: string }[] = [];
  for (const { name, outcome } of outcomes) {
    if (outcome.delivered) log.info({ file: name, status: outcome.status }, 'webhook called');
    else failed.push({ file: name, reason: outcome.reason });
  }
  const secret = await ports.secrets.delete(namespace, `callback-${documentId}`);
  return { delivered: webhooks.length - failed.length, failed, secret };
}
