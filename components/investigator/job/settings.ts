/**
 * The investigator's settings, with the reference's variable names (thoth-messages.md §3.1) where
 * they still mean something. Changed: the consumer never auto-commits (setting it is refused, not
 * ignored); a group without offsets starts at the earliest record by default (the reference's
 * `latest` skipped what was produced while none was committed); the solvers come from the
 * `solvers` ConfigMap through THOTH_INVESTIGATOR_SOLVERS instead of an API read per message. The
 * `metrics` mode only counts messages, so it reads nothing about namespaces, solvers or the graph.
 */
import type { ConsumerSettings } from '../../../src/runtime/kafka/consumer.js';
import { ConfigError, type Environment, flag, oneOf, optional, positiveInteger, positiveNumber, required } from '../../../src/runtime/environment.js';
import { parseSolvers, type Solver } from '../../../src/runtime/python/solver.js';
import { CONSUMER_MODES, type ConsumerMode } from './application/handler-tables.js';
import type { SchedulingPolicy } from './application/package-handlers.js';
import type { TargetNamespaces } from './infrastructure/argo-scheduler.js';

/** What the modes that act (middletier, backend) need besides the consumer. */
export interface EffectSettings {
  readonly modes: readonly ConsumerMode[];
  readonly namespaces: TargetNamespaces;
  readonly policy: SchedulingPolicy;
  /** Pending workflows per namespace at which consumption waits; none = no limit. */
  readonly pendingLimit: number | undefined;
  readonly pendingPollMs: number;
}

export interface InvestigatorSettings {
  /** The modes that act; undefined in the `metrics` mode, which only counts. */
  readonly effects: EffectSettings | undefined;
  readonly consumer: Omit<ConsumerSettings, 'deploymentName'>;
  readonly port: number;
}

/** The mode that counts every message per type and version (investigator-message-metrics). */
export const METRICS_MODE = 'metrics';

const MAX_BACKOFF_MS = 60_000;
const MODE_VARIABLE = 'THOTH_CONSUMER_MODE';

export function investigatorSettings(env: Environment): InvestigatorSettings {
  const autoCommit = flag(env, 'KAFKA_CONSUMER_ENABLE_AUTO_COMMIT', false);
  if (autoCommit) throw new ConfigError('KAFKA_CONSUMER_ENABLE_AUTO_COMMIT', env.KAFKA_CONSUMER_ENABLE_AUTO_COMMIT, 'false or unset: offsets are committed after each effect');
  const modes = modesOf(env);
  const observer = modes.length === 1 && modes[0] === METRICS_MODE;
  return {
    effects: observer ? undefined : effectSettings(env, modes as ConsumerMode[]),
    consumer: {
      groupId: required(env, 'KAFKA_CONSUMER_GROUP_ID', 'the consumer group, one per consumer mode'),
      concurrency: positiveInteger(env, 'THOTH_CONSUMER_WORKERS', 5),
      retry: {
        maxAttempts: positiveInteger(env, 'THOTH_INVESTIGATOR_MAX_RETRIES', 5),
        backoffMs: Math.round(positiveNumber(env, 'THOTH_INVESTIGATOR_BACKOFF', 0.5) * 1000),
        maxBackoffMs: MAX_BACKOFF_MS,
      },
      fromBeginning: oneOf(env, 'KAFKA_CONSUMER_AUTO_OFFSET_RESET', ['earliest', 'latest'], 'earliest') === 'earliest',
      sessionTimeoutMs: positiveInteger(env, 'KAFKA_CONSUMER_SESSION_TIMEOUT_MS', 30_000),
      rebalanceTimeoutMs: positiveInteger(env, 'KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS', 300_000),
      // The counter sets nothing aside: the consumers that act do.
      deadLetters: !observer,
    },
    port: positiveInteger(env, 'THOTH_INVESTIGATOR_METRICS_PORT', 6066),
  };
}

function effectSettings(env: Environment, modes: readonly ConsumerMode[]): EffectSettings {
  const solver = flag(env, 'THOTH_INVESTIGATOR_SCHEDULE_SOLVER', true);
  const limit = optional(env, 'ARGO_PENDING_WORKFLOW_LIMIT');
  return {
    modes,
    namespaces: {
      middletier: required(env, 'THOTH_MIDDLETIER_NAMESPACE', 'the namespace of middletier workflows'),
      backend: required(env, 'THOTH_BACKEND_NAMESPACE', 'the namespace of backend workflows'),
    },
    policy: {
      solvers: solver ? solversOf(env) : [],
      solver,
      revsolver: flag(env, 'THOTH_INVESTIGATOR_SCHEDULE_REVSOLVER', true),
      security: flag(env, 'THOTH_INVESTIGATOR_SCHEDULE_SECURITY', true),
      kebechetAdministrator: flag(env, 'THOTH_INVESTIGATOR_KEBECHET_ADMINISTRATOR', true),
      versionLimit: positiveInteger(env, 'THOTH_INVESTIGATOR_MAX_VERSIONS', 30),
      debugSolver: optional(env, 'THOTH_LOG_SOLVER')?.toUpperCase() === 'DEBUG',
      debugRevsolver: optional(env, 'THOTH_LOG_REVSOLVER')?.toUpperCase() === 'DEBUG',
    },
    pendingLimit: limit === undefined ? undefined : positiveInteger(env, 'ARGO_PENDING_WORKFLOW_LIMIT', 1),
    pendingPollMs: Math.round(positiveNumber(env, 'ARGO_PENDING_SLEEP_TIME', 2) * 1000),
  };
}

/**
 * A JSON list (`["middletier"]`) or one word, as the reference read it. `metrics` runs alone: it
 * reads every topic in a group of its own.
 */
export function modesOf(env: Environment): (ConsumerMode | typeof METRICS_MODE)[] {
  const text = optional(env, MODE_VARIABLE);
  if (text === undefined) return [...CONSUMER_MODES];
  const allowed = `a JSON list of, or one of: ${CONSUMER_MODES.join(', ')}; or ${METRICS_MODE} alone`;
  let modes: unknown;
  try {
    modes = text.startsWith('[') ? JSON.parse(text) : [text];
  } catch {
    throw new ConfigError(MODE_VARIABLE, text, allowed);
  }
  if (!Array.isArray(modes) || modes.length === 0) throw new ConfigError(MODE_VARIABLE, text, allowed);
  const unique = [...new Set(modes)];
  if (unique.length === 1 && unique[0] === METRICS_MODE) return [METRICS_MODE];
  if (!unique.every((mode) => (CONSUMER_MODES as readonly unknown[]).includes(mode))) throw new ConfigError(MODE_VARIABLE, text, allowed);
  return unique as ConsumerMode[];
}

function solversOf(env: Environment): Solver[] {
  const variable = 'THOTH_INVESTIGATOR_SOLVERS';
  const allowed = 'solver names such as solver-rhel-8-py38, one per line (the solvers ConfigMap)';
  const text = required(env, variable, allowed);
  try {
    return parseSolvers(text);
  } catch {
    throw new ConfigError(variable, text, allowed);
  }
}
