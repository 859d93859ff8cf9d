/**
 * What the investigator asks Argo to run: an entry workflow of components/entry-workflows.ts with its
 * parameters. The parameter names are typed by the entry, so a handler cannot pass a parameter its
 * WorkflowTemplate does not declare. The scheduler (application port) resolves the template and
 * namespace, names the workflow and submits it.
 */
import { createHash } from 'node:crypto';
import type { ENTRY_WORKFLOWS, EntryWorkflowName } from '../../../entry-workflows.js';

export type ParameterOf<W extends EntryWorkflowName> = (typeof ENTRY_WORKFLOWS)[W]['parameters'][number];

export interface WorkflowOrder<W extends EntryWorkflowName = EntryWorkflowName> {
  readonly workflow: W;
  /** Start of the name derived from the parameters. */
  readonly prefix: string;
  readonly parameters: Readonly<Partial<Record<ParameterOf<W>, string>>>;
  /** The parameter that receives the workflow's derived name. */
  readonly nameParameter?: ParameterOf<W>;
  /** The parameters the derived name comes from: what is asked for, not how (all when not given). */
  readonly identity?: readonly ParameterOf<W>[];
  /** The request's own id, which names the workflow instead (see `requestId`). */
  readonly name?: string;
}

/**
 * A message the investigator cannot act on however often it tries (an unregistered index, a rule
 * of the message type broken): it goes to the dead-letter topic at once.
 */
export class InvalidMessage extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessage';
  }
}

/**
 * The id a triggered run is known by: the one the producer gave (the user-api returned it to the
 * user), else one derived from the message, so a message handled twice asks for the same run
 * (docs/quirks.md Q24).
 */
export function requestId(prefix: string, given: unknown, message: Readonly<Record<string, unknown>>): string {
  if (typeof given === 'string' && given !== '') return given;
  return `${prefix}-${createHash('sha256').update(stableJson(message)).digest('hex').slice(0, 16)}`;
}

/** JSON with object keys sorted, so that equal messages give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const flag = (value: unknown): '1' | '0' => (value === true ? '1' : '0');
export const logLevel = (debug: unknown): 'DEBUG' | 'INFO' => (debug === true ? 'DEBUG' : 'INFO');
