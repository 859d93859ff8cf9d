/**
 * The S3 documents the tasks read and write, on the runtime's document store: the adviser requests
 * the user API keeps (`adviser/<id>.request`, thoth-station/storages v0.74.1 result_base.py
 * store_request), and the record of each messages file send-messages sent (`send-messages/<key>`).
 */
import type { DocumentStore } from '../../../../src/runtime/s3/documents.js';
import type { AdviserRequests, SentLedger } from '../application/ports.js';

export class S3AdviserRequests implements AdviserRequests {
  constructor(private readonly store: DocumentStore) {}

  async get(adviserId: string): Promise<Readonly<Record<string, unknown>> | undefined> {
    const retrieved = await this.store.get('adviser', `${adviserId}.request`);
    if (!retrieved.found) return undefined;
    const { document } = retrieved;
    return document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, unknown>) : undefined;
  }

  async put(adviserId: string, request: Readonly<Record<string, unknown>>): Promise<void> {
    await this.store.put('adviser', `${adviserId}.request`, request);
  }
}

export class S3SentLedger implements SentLedger {
  constructor(private readonly store: DocumentStore) {}

  wasSent(key: string): Promise<boolean> {
    return this.store.exists('send-messages', key);
  }

  async markSent(key: string, record: Readonly<Record<string, unknown>>): Promise<void> {
    await this.store.put('send-messages', key, record);
  }
}
