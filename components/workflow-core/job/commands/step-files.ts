/**
 * The files a task shares with the steps around it: the document the step before wrote, and the
 * messages file the task appends to for send-messages.
 */
import { ConfigError } from '../../../../src/runtime/environment.js';
import { DocumentError } from '../domain/document.js';
import { appendMessages, checkMessages, type FileMessage } from '../domain/messages-file.js';
import { readIfPresent, replaceFile } from '../infrastructure/messages-file-store.js';

/** A file the step before wrote; its absence is a setting naming the wrong path (one line, exit 1). */
export async function readStepFile(path: string, variable: string): Promise<string> {
  const text = await readIfPresent(path);
  if (text === undefined) throw new ConfigError(variable, path, 'an existing file (the step before writes it)');
  return text;
}

/** A JSON document the step before wrote. */
export async function readJsonDocument(path: string, variable: string): Promise<unknown> {
  const text = await readStepFile(path, variable);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DocumentError(path, '(document)', `is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Appends a task's messages to the messages file, each checked first as send-messages will check it:
 * a bad message fails the task that made it, and nothing of it is written.
 */
export async function writeMessages(file: string, messages: readonly FileMessage[], sender: { componentName: string; serviceVersion: string }): Promise<void> {
  checkMessages(file, messages, sender);
  await replaceFile(file, appendMessages(file, await readIfPresent(file), messages));
}
