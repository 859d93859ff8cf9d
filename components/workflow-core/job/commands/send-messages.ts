/**
 * The send-messages and send-message commands: a messages file, or one message given in the
 * environment, checked whole, then sent once per workflow.
 */
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import { readSetting } from '../../../../src/contracts/settings.js';
import type { Environment } from '../../../../src/runtime/environment.js';
import { kafkaSettings } from '../../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import type { Logger } from '../../../../src/runtime/log.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { S3DocumentStore } from '../../../../src/runtime/s3/documents.js';
import { s3Config } from '../../../../src/runtime/s3/settings.js';
import { sendMessages, sentKey } from '../application/send-messages.js';
import { SEND_MESSAGE_SETTINGS } from '../contract.js';
import { checkMessages, type FileMessage, parseMessagesFile } from '../domain/messages-file.js';
import { S3SentLedger } from '../infrastructure/s3-documents.js';
import { sendMessagesSettings } from '../settings.js';
import { readStepFile } from './step-files.js';

const NAME = 'workflow-tasks';

export async function runSendMessages({ env, log }: RunContext): Promise<void> {
  const settings = sendMessagesSettings(env);
  const text = await readStepFile(settings.messagesFile, 'THOTH_MESSAGING_FROM_FILE');
  await send(env, log, settings.messagesFile, text, parseMessagesFile(settings.messagesFile, text), settings.workflowUid);
}

export async function runSendMessage({ env, log }: RunContext): Promise<void> {
  const message: FileMessage = {
    topic_name: readSetting(env, SEND_MESSAGE_SETTINGS, 'THOTH_MESSAGING_TOPIC_NAME'),
    message_contents: readSetting(env, SEND_MESSAGE_SETTINGS, 'THOTH_MESSAGING_MESSAGE_CONTENTS') as Record<string, unknown>,
  };
  await send(env, log, 'THOTH_MESSAGING_MESSAGE_CONTENTS', JSON.stringify(message), [message], readSetting(env, SEND_MESSAGE_SETTINGS, 'THOTH_WORKFLOW_UID'));
}

/** `text`: what identifies the messages within the workflow, so a retry of the step finds them sent. */
async function send(
  env: Environment,
  log: Logger,
  source: string,
  text: string,
  entries: readonly FileMessage[],
  workflowUid: string | undefined,
): Promise<void> {
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const serviceVersion = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  const s3 = workflowUid === undefined ? undefined : s3Config(env);
  // Every message is checked before any is sent: a bad one stops the step with nothing sent.
  const messages = checkMessages(source, entries, { componentName: NAME, serviceVersion });
  if (messages.length === 0) {
    log.info({ source }, 'no messages to send');
    return;
  }
  if (workflowUid === undefined) log.warn('THOTH_WORKFLOW_UID is not set: a retry of this step would send the messages again');
  const store = s3 === undefined ? undefined : new S3DocumentStore(s3);
  let producer: Producer | undefined;
  try {
    producer = await connectProducer(kafka);
    const publisher = new MessageProducer(producer, kafka, { componentName: NAME, serviceVersion });
    const key = workflowUid === undefined ? undefined : sentKey(workflowUid, text);
    const outcome = await sendMessages(messages, key, { publisher, ...(store === undefined ? {} : { ledger: new S3SentLedger(store) }) });
    if (outcome.outcome === 'already-sent') log.info({ key: outcome.key }, 'this workflow sent these messages already: nothing sent');
    else log.info({ counts: outcome.counts }, 'messages sent');
  } finally {
    await producer?.disconnect();
    store?.close();
  }
}
