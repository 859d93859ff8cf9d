/**
 * Everything graph-refresh-job reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this.
 */
import { defineContract, integer, strictFlag, text } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { MIGRATE_MODE, PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { REQUEST_TYPES } from './domain/requests.js';

const SOURCE = 'components/graph-refresh/job/contract.ts';

export const GRAPH_REFRESH_SETTINGS = {
  THOTH_GRAPH_REFRESH_SOLVERS: {
    form: text(),
    description: 'solver names, one per line (the `solvers` ConfigMap); required when solver or revsolver requests are sent',
    source: SOURCE,
  },
  THOTH_GRAPH_REFRESH_SOLVER: { form: strictFlag(), default: '1', description: 'send unresolved-package messages', source: SOURCE },
  THOTH_GRAPH_REFRESH_REVSOLVER: { form: strictFlag(), default: '1', description: 'send unrevsolved-package messages', source: SOURCE },
  THOTH_GRAPH_REFRESH_SECURITY: { form: strictFlag(), default: '1', description: 'send si-unanalyzed-package messages', source: SOURCE },
  THOTH_GRAPH_REFRESH_COUNT: { form: integer({ min: 1 }), default: '100', description: 'versions asked per solver and run', source: SOURCE },
  THOTH_GRAPH_REFRESH_WINDOW_HOURS: { form: integer({ min: 1 }), default: '6', description: 'hours before the same request is sent again', source: SOURCE },
  THOTH_GRAPH_REFRESH_CLAIM_LEASE_MINUTES: {
    form: integer({ min: 1 }),
    default: '10',
    description:
      'minutes a claimed request waits for its run to have it acknowledged by the broker before another run sends it (a run killed between claim and publish)',
    source: SOURCE,
  },
} as const;

export const GRAPH_REFRESH_CONTRACT = defineContract({
  repository: 'graph-refresh-job',
  tags: 'built-here',
  source: 'components/graph-refresh/job',
  summary: 'asks for the package versions no solver has resolved yet by publishing Kafka messages',
  entrypoint: PROGRAM_ENTRYPOINT,
  topics: () => REQUEST_TYPES.map((type) => MESSAGE_TYPES[type]),
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_GRAPH_REFRESH_JOB: logLevelSetting() },
  modes: {
    selector: { argument: 0 },
    default: 'run',
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: {
      run: {
        description: 'one refresh run',
        variables: { ...GRAPH_REFRESH_SETTINGS, ...KAFKA_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...PUSHGATEWAY_SETTINGS },
        source: SOURCE,
      },
      migrate: MIGRATE_MODE,
    },
  },
});
