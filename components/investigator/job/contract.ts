/**
 * Everything the investigator reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. What it reads depends on its
 * command (consume, or migrate) and, when consuming, on THOTH_CONSUMER_MODE: the `metrics` mode only
 * counts messages, so it reads nothing about namespaces, solvers, the graph or the API server.
 */
import { REPLAY_MODE } from '../../../src/runtime/kafka/replay-mode.js';
import { defineContract, integer, number, oneOf, strictFlag, text, type Modes } from '../../../src/contracts/model.js';
import { DEAD_LETTER, MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { ConfigError } from '../../../src/runtime/environment.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { KUBERNETES_SETTINGS } from '../../../src/runtime/kubernetes/settings.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { MIGRATE_MODE, PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { CONSUMER_MODES, consumedTypes, type ConsumerMode } from './application/handler-tables.js';

const SOURCE = 'components/investigator/job/contract.ts';

/** The mode that counts every message per type and version (investigator-message-metrics). */
export const METRICS_MODE = 'metrics';
export const MODE_VARIABLE = 'THOTH_CONSUMER_MODE';

/**
 * A JSON list (`["middletier"]`) or one word, as the reference read it; unset means every mode that
 * acts. `metrics` runs alone: it reads every topic in a group of its own.
 */
export function parseConsumerModes(text: string | undefined): (ConsumerMode | typeof METRICS_MODE)[] {
  const value = text?.trim();
  if (value === undefined || value === '') return [...CONSUMER_MODES];
  const allowed = `a JSON list of, or one of: ${CONSUMER_MODES.join(', ')}; or ${METRICS_MODE} alone`;
  let modes: unknown;
  try {
    modes = value.startsWith('[') ? JSON.parse(value) : [value];
  } catch {
    throw new ConfigError(MODE_VARIABLE, value, allowed);
  }
  if (!Array.isArray(modes) || modes.length === 0) throw new ConfigError(MODE_VARIABLE, value, allowed);
  const unique = [...new Set(modes)];
  if (unique.length === 1 && unique[0] === METRICS_MODE) return [METRICS_MODE];
  if (!unique.every((mode) => (CONSUMER_MODES as readonly unknown[]).includes(mode))) throw new ConfigError(MODE_VARIABLE, value, allowed);
  return unique as ConsumerMode[];
}

/** The consumer settings every mode reads. */
export const CONSUMER_SETTINGS = {
  THOTH_CONSUMER_MODE: {
    form: text(),
    default: '["middletier", "backend"]',
    description: `handler tables: ["middletier"], ["backend"] or both; or "${METRICS_MODE}" alone, which only counts messages`,
    source: SOURCE,
  },
  KAFKA_CONSUMER_GROUP_ID: { form: text(), required: true, description: 'the consumer group, one per consumer mode', source: SOURCE },
  THOTH_CONSUMER_WORKERS: { form: integer({ min: 1 }), default: '5', description: 'partitions handled at once, each in order', source: SOURCE },
  THOTH_INVESTIGATOR_MAX_RETRIES: {
    form: integer({ min: 1 }),
    default: '5',
    description: 'attempts before a failing message goes to the dead-letter topic',
    source: SOURCE,
  },
  THOTH_INVESTIGATOR_BACKOFF: { form: number({ above: 0 }), default: '0.5', description: 'seconds before the first retry, doubling up to 60', source: SOURCE },
  THOTH_INVESTIGATOR_REFUSED_RETRY: {
    form: number({ above: 0 }),
    default: '600',
    description:
      'seconds a 401, 403 or 404 from the API server is retried before the record goes to the dead-letter topic (a Role or a CRD is often a sync wave away)',
    source: SOURCE,
  },
  THOTH_INVESTIGATOR_RECORD_TIMEOUT: {
    form: number({ above: 0 }),
    default: '3600',
    description: 'seconds one record may hold its partition while a dependency fails, before it goes to the dead-letter topic with reason timeout',
    source: SOURCE,
  },
  KAFKA_CONSUMER_AUTO_OFFSET_RESET: {
    form: oneOf(['earliest', 'latest'], { caseInsensitive: true }),
    default: 'earliest',
    description: 'where a group without offsets starts',
    source: SOURCE,
  },
  KAFKA_CONSUMER_SESSION_TIMEOUT_MS: {
    form: integer({ min: 1 }),
    default: '30000',
    description: 'how long the group waits for a silent member',
    source: SOURCE,
  },
  KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS: { form: integer({ min: 1 }), default: '300000', description: 'how long a rebalance waits for members', source: SOURCE },
  KAFKA_CONSUMER_ENABLE_AUTO_COMMIT: {
    form: strictFlag(),
    default: '0',
    description: 'must stay off: offsets are committed after each effect',
    source: SOURCE,
  },
  THOTH_INVESTIGATOR_METRICS_PORT: { form: integer({ min: 1, max: 65535 }), default: '6066', description: 'port of /metrics and /_health', source: SOURCE },
} as const;

/** What the modes that act (middletier, backend) read besides the consumer's settings. */
export const EFFECT_SETTINGS = {
  THOTH_MIDDLETIER_NAMESPACE: {
    form: text(),
    required: true,
    description: 'where solver, revsolver, security-indicator, package-extract, build-analysis and graph-sync workflows run',
    source: SOURCE,
  },
  THOTH_BACKEND_NAMESPACE: { form: text(), required: true, description: 'where adviser, provenance-checker and kebechet workflows run', source: SOURCE },
  THOTH_INVESTIGATOR_SOLVERS: {
    form: text(),
    description: 'solver names, one per line (the `solvers` ConfigMap); required while solvers are scheduled',
    source: SOURCE,
  },
  THOTH_INVESTIGATOR_SCHEDULE_SOLVER: { form: strictFlag(), default: '1', description: 'schedule solvers', source: SOURCE },
  THOTH_INVESTIGATOR_SCHEDULE_REVSOLVER: { form: strictFlag(), default: '1', description: 'schedule revsolvers', source: SOURCE },
  THOTH_INVESTIGATOR_SCHEDULE_SECURITY: { form: strictFlag(), default: '1', description: 'schedule security indicators', source: SOURCE },
  THOTH_INVESTIGATOR_KEBECHET_ADMINISTRATOR: { form: strictFlag(), default: '1', description: 'schedule kebechet-administrator', source: SOURCE },
  THOTH_INVESTIGATOR_MAX_VERSIONS: {
    form: integer({ min: 1 }),
    default: '30',
    description: 'newest versions scheduled when a message asks for all or a range',
    source: SOURCE,
  },
  ARGO_PENDING_WORKFLOW_LIMIT: {
    form: integer({ min: 1 }),
    description: 'pending workflows per namespace at which consumption waits (no limit when unset)',
    source: SOURCE,
  },
  ARGO_PENDING_SLEEP_TIME: { form: number({ above: 0 }), default: '2', description: 'seconds between pending-workflow counts', source: SOURCE },
  THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT: {
    form: number({ above: 0 }),
    default: '30',
    description:
      'seconds one call to the knowledge graph, the API server or a package index may take before the attempt fails and is retried; a stop waits at most this long for a query in flight',
    source: SOURCE,
  },
  THOTH_LOG_SOLVER: { form: text(), description: 'DEBUG makes solver workflows log at debug level', source: SOURCE },
  THOTH_LOG_REVSOLVER: { form: text(), description: 'DEBUG makes revsolver workflows log at debug level', source: SOURCE },
} as const;

const CONSUMER_MODE_VARIANTS = {
  selector: { variable: MODE_VARIABLE },
  default: 'act',
  classify: (value: string) => {
    try {
      return parseConsumerModes(value).includes(METRICS_MODE) ? 'metrics' : 'act';
    } catch {
      return undefined;
    }
  },
  otherwise: 'it refuses to start (exit 1)',
  source: SOURCE,
  variants: {
    act: {
      description: 'middletier and/or backend: submit workflows and update the knowledge graph',
      variables: { ...EFFECT_SETTINGS, ...KNOWLEDGE_GRAPH_SETTINGS, ...KUBERNETES_SETTINGS },
      api: [{ group: 'argoproj.io', resources: ['workflows'], verbs: ['create', 'list'], source: 'src/runtime/kubernetes/workflows.ts' }],
      source: SOURCE,
    },
    metrics: { description: 'count every message per type and version', source: SOURCE },
  },
} as const satisfies Modes;

export const INVESTIGATOR_CONTRACT = defineContract({
  repository: 'investigator',
  tags: 'built-here',
  source: 'components/investigator/job',
  summary: 'turns Thoth messages into Argo Workflows and knowledge-graph updates',
  entrypoint: PROGRAM_ENTRYPOINT,
  // Its own reading of THOTH_CONSUMER_MODE: a value it would refuse throws, with its words.
  topics: (read) => {
    const modes = parseConsumerModes(read(MODE_VARIABLE));
    if (modes.includes(METRICS_MODE)) return Object.values(MESSAGE_TYPES);
    return [...(modes as ConsumerMode[]).flatMap(consumedTypes).map((type) => MESSAGE_TYPES[type]), DEAD_LETTER];
  },
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_INVESTIGATOR: logLevelSetting() },
  modes: {
    selector: { argument: 0 },
    default: 'consume',
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: {
      consume: { description: 'consume until SIGTERM', variables: { ...CONSUMER_SETTINGS, ...KAFKA_SETTINGS }, modes: CONSUMER_MODE_VARIANTS, source: SOURCE },
      migrate: MIGRATE_MODE,
      replay: REPLAY_MODE,
    },
  },
});
