/**
 * A callback the user API kept for an analysis: one file of the Secret `callback-<analysis id>`,
 * JSON `{"callbackurl", "Authorization", "client_data"}` (thoth-station/user-api api_v1.py
 * _gen_callback_secret_entry).
 */
import { DocumentReader } from './document.js';

export interface Webhook {
  readonly url: URL;
  /** The Authorization header the client asked for, if any. */
  readonly authorization: string | undefined;
  /** Whatever JSON the client asked to get back. */
  readonly clientData: unknown;
}

/**
 * The reference's send_webhooks read `callback_url`, a key the user API never writes, so the first
 * webhook stopped the task and no callback was ever called (docs/quirks.md Q53); both spellings
 * are read here.
 */
export function readWebhook(file: string, document: unknown): Webhook {
  const read = new DocumentReader(file);
  const entry = read.object('(document)', document);
  const key = entry.callbackurl !== undefined ? 'callbackurl' : 'callback_url';
  const text = read.string(key, entry[key]);
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    return read.fail(key, `is ${JSON.stringify(text)}; expected an http(s) URL`);
  return { url, authorization: read.optionalString('Authorization', entry.Authorization), clientData: entry.client_data ?? null };
}

/**
 * What a webhook receives: JSON, so the client's data comes back as it gave it. The reference
 * form-encoded it, which turns an object into the list of its keys (requests' `data=`).
 */
export function webhookBody(documentId: string, webhook: Webhook): string {
  return JSON.stringify({ document_id: documentId, client_data: webhook.clientData });
}
