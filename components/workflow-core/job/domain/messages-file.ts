/**
 * The messages file a workflow step writes and send-messages publishes (thoth-jobs.md §11): a JSON
 * list of `{"topic_name": <base name>, "message_contents": {...}}`, appended to by each step of a
 * workflow that writes messages. Here it is read, checked against the message catalogue and
 * written; nothing is sent.
 */
import { MESSAGE_TYPES, type MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { MessageValue } from '../../../../src/messages/fields.js';
import { checkMessage } from '../../../../src/messages/validate.js';

/** One entry of the file, as the reference writes it. */
export interface FileMessage {
  readonly topic_name: string;
  readonly message_contents: Readonly<Record<string, unknown>>;
}

/** An entry checked against the catalogue: its type, and its contents with the envelope filled in. */
export interface CheckedMessage {
  readonly type: MessageTypeName;
  readonly contents: Readonly<Record<string, unknown>>;
}

/** What is wrong with a messages file, every problem at once, each with the entry it concerns. */
export class MessagesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`}`);
    this.name = 'MessagesFileError';
  }
}

const TYPE_OF_BASE: ReadonlyMap<string, MessageTypeName> = new Map(Object.entries(MESSAGE_TYPES).map(([name, type]) => [type.base, name as MessageTypeName]));

/** The entry of a message of type `type`: what a step appends to the file. */
export function fileMessage<N extends MessageTypeName>(type: N, contents: MessageValue<N>): FileMessage {
  return { topic_name: MESSAGE_TYPES[type].base, message_contents: contents };
}

/** Parses a file's text; an empty file is an empty list, as the reference's steps treat it. */
export function parseMessagesFile(file: string, text: string): FileMessage[] {
  if (text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MessagesFileError(file, [`is not JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(value)) throw new MessagesFileError(file, [`holds ${describe(value)}; a messages file is a list of {topic_name, message_contents}`]);
  const problems = value.flatMap((entry, index) => shapeProblems(entry).map((problem) => `entry ${index}: ${problem}`));
  if (problems.length > 0) throw new MessagesFileError(file, problems);
  return value as FileMessage[];
}

/** The file's text with `added` after what it held (`existing` undefined: no file yet). */
export function appendMessages(file: string, existing: string | undefined, added: readonly FileMessage[]): string {
  return `${JSON.stringify([...(existing === undefined ? [] : parseMessagesFile(file, existing)), ...added])}\n`;
}

/**
 * Every entry checked before any is sent: its topic a type of the catalogue (the reference sent
 * unknown ones unchecked, docs/quirks.md Q48), its contents that type's, with the sender's identity
 * where the entry has none (the reference's messaging CLI did the same).
 */
export function checkMessages(file: string, messages: readonly FileMessage[], sender: { componentName: string; serviceVersion: string }): CheckedMessage[] {
  const problems: string[] = [];
  const checked = messages.flatMap((message, index): CheckedMessage[] => {
    const type = TYPE_OF_BASE.get(message.topic_name);
    if (type === undefined) {
      problems.push(`entry ${index}: topic_name "${message.topic_name}" is no message type of the catalogue (src/messages/catalogue.ts)`);
      return [];
    }
    const contents = {
      component_name: sender.componentName,
      service_version: sender.serviceVersion,
      version: MESSAGE_TYPES[type].version,
      ...message.message_contents,
    };
    const check = checkMessage(type, contents, 'produce');
    if (!check.valid) {
      problems.push(...check.problems.map((problem) => `entry ${index} (${type}): ${problem}`));
      return [];
    }
    return [{ type, contents }];
  });
  if (problems.length > 0) throw new MessagesFileError(file, problems);
  return checked;
}

function shapeProblems(entry: unknown): string[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [`is ${describe(entry)}, not {topic_name, message_contents}`];
  const { topic_name: topic, message_contents: contents } = entry as Record<string, unknown>;
  return [
    ...(typeof topic === 'string' ? [] : [`topic_name is ${describe(topic)}, not a string`]),
    ...(contents !== null && typeof contents === 'object' && !Array.isArray(contents) ? [] : [`message_contents is ${describe(contents)}, not an object`]),
  ];
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
