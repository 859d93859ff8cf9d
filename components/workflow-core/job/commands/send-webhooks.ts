/** The send-webhooks command: the callback files read and checked, the webhooks called, their Secret deleted. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readSetting } from '../../../../src/contracts/settings.js';
import { kubeConfigFrom } from '../../../../src/runtime/kubernetes/config.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { sendWebhooks, type WebhookFile } from '../application/send-webhooks.js';
import { SEND_WEBHOOKS_SETTINGS } from '../contract.js';
import { DocumentError } from '../domain/document.js';
import { readWebhook } from '../domain/webhook.js';
import { HttpWebhooks } from '../infrastructure/http-webhooks.js';
import { KubernetesCallbackSecrets } from '../infrastructure/kubernetes-secrets.js';

export async function runSendWebhooks({ env, log }: RunContext): Promise<void> {
  const setting = <K extends keyof typeof SEND_WEBHOOKS_SETTINGS>(name: K) => readSetting(env, SEND_WEBHOOKS_SETTINGS, name);
  const documentId = setting('DOCUMENT_ID');
  const namespace = setting('THOTH_BACKEND_NAMESPACE');
  const caller = new HttpWebhooks({ timeoutMs: setting('THOTH_WEBHOOK_TIMEOUT_SECONDS') * 1000, attempts: setting('THOTH_WEBHOOK_ATTEMPTS'), backoffMs: 1000 });
  const secrets = new KubernetesCallbackSecrets(kubeConfigFrom(env));
  const webhooks = await webhookFiles(setting('WEBHOOK_DIR'));
  const sent = await sendWebhooks(documentId, namespace, webhooks, { caller, secrets }, log);
  for (const { file, reason } of sent.failed) log.error({ file, reason }, 'webhook not called');
  log.info({ documentId, delivered: sent.delivered, failed: sent.failed.length, secret: sent.secret }, 'webhooks sent');
  if (sent.failed.length > 0) process.exitCode = 1;
}

/**
 * The webhooks of the mounted Secret: one per key, each a file (Kubernetes' own `..data` entries
 * skipped). Without a callback the Secret does not exist and the directory is empty. Every file is
 * read before any webhook is called: a malformed one stops the step with none called.
 */
async function webhookFiles(dir: string): Promise<WebhookFile[]> {
  const names = (await readdir(dir)).filter((name) => !name.startsWith('..')).sort();
  const files: WebhookFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new DocumentError(file, '(document)', `is not JSON: ${(error as Error).message}`);
    }
    files.push({ name, webhook: readWebhook(file, document) });
  }
  return files;
}
