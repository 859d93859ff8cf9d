/** The consumers' `replay` command as their contracts declare it, apart from its code (./replay-command.ts), which loads kafkajs. */
import type { Mode } from '../../contracts/model.js';
import { KAFKA_SETTINGS } from './config.js';

export const REPLAY_MODE = {
  description: 'send dead letters back to the topics they came from (selected by --reason, --type, --since, --until; --dry-run only counts), each once',
  variables: KAFKA_SETTINGS,
  source: 'src/runtime/kafka/replay-command.ts',
} as const satisfies Mode;
