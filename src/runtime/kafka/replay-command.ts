/**
 * The `replay` command of a consumer program: dead letters back to their topics (./replay.ts),
 * selected with options, a dry run first by choice. An operator runs it, in the consumer's pod or a
 * Job with its environment, once the cause of the dead letters is fixed.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { MESSAGE_TYPES, type MessageTypeName } from '../../messages/catalogue.js';
import type { ProgramCommand } from '../program.js';
import { kafkaSettings } from './config.js';
import { REPLAY_MODE } from './replay-mode.js';
import type { DeadLetterReason } from './decode.js';
import { replayDeadLetters, type ReplaySelection } from './replay.js';

const REASONS: readonly DeadLetterReason[] = [
  'not-json',
  'too-large',
  'too-deep',
  'unknown-topic',
  'unknown-version',
  'invalid-message',
  'handler-failed',
  'timeout',
];

/** A repeatable option of these choices (commander's own check is lost once a parser collects). */
const collectOneOf =
  (choices: readonly string[]) =>
  (value: string, previous: string[] = []): string[] => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return [...previous, value];
  };

function time(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new InvalidArgumentError('expected a time such as 2026-11-30T12:00:00Z');
  return parsed;
}

export const replayCommand: ProgramCommand = {
  name: 'replay',
  mode: REPLAY_MODE,
  options: (command: Command) =>
    command
      .addOption(
        new Option('--reason <reason>', 'only letters set aside for this reason; repeat for several').choices(REASONS).argParser(collectOneOf(REASONS)),
      )
      .addOption(
        new Option('--type <type>', 'only letters of this message type; repeat for several')
          .choices(Object.keys(MESSAGE_TYPES))
          .argParser(collectOneOf(Object.keys(MESSAGE_TYPES))),
      )
      .addOption(new Option('--since <time>', 'only letters set aside at or after this time (ISO 8601)').argParser(time))
      .addOption(new Option('--until <time>', 'only letters set aside before this time (ISO 8601)').argParser(time))
      .option('--dry-run', 'count what would be sent, send nothing'),
  run: async ({ env, log }, options) => {
    const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
    const selection: ReplaySelection = {
      ...(options.reason === undefined ? {} : { reasons: options.reason as string[] }),
      ...(options.type === undefined ? {} : { types: options.type as MessageTypeName[] }),
      ...(options.since === undefined ? {} : { since: options.since as Date }),
      ...(options.until === undefined ? {} : { until: options.until as Date }),
    };
    const dryRun = options.dryRun === true;
    const result = await replayDeadLetters(new Kafka({ ...kafka.client, logLevel: logLevel.WARN }), kafka.deploymentName, selection, dryRun);
    const count = Object.values(result.replayed).reduce((sum, each) => sum + each, 0);
    log.info(
      { ...result, dryRun, selection },
      `${dryRun ? 'would replay' : 'replayed'} ${count} dead letter(s); ${result.alreadyReplayed} replayed before, ${result.unreplayable} cannot be (value dropped or redacted)`,
    );
  },
};
