/**
 * The investigator's settings, with the reference's variable names (thoth-messages.md §3.1) where
 * they still mean something. Changed: the consumer never auto-commits (setting it is refused, not
 * ignored); a group without offsets starts at the earliest record by default, so nothing produced
 * while none was committed is skipped (docs/quirks.md Q22); the solvers come from the `solvers`
 * ConfigMap through THOTH_INVESTIGATOR_SOLVERS, read once at start (docs/quirks.md Q23). The
 * `metrics` mode only counts messages, so it reads nothing about namespaces, solvers or the graph.
 */
import { readSetting } from '../../../src/contracts/settings.js';
import { type ConsumerSettings, stopBoundMs } from '../../../src/runtime/kafka/consumer-settings.js';
import { ConfigError, type Environment } from '../../../src/runtime/environment.js';
import { parseSolvers, type Solver } from '../../../src/runtime/python/solver.js';
import type { ConsumerMode } from './application/handler-tables.js';
import type { SchedulingPolicy } from './application/package-handlers.js';
import { CONSUMER_SETTINGS, EFFECT_SETTINGS, METRICS_MODE, MODE_VARIABLE, parseConsumerModes } from './contract.js';
import type { TargetNamespaces } from './infrastructure/argo-scheduler.js';

export { METRICS_MODE };

/** What the modes that act (middletier, backend) need besides the consumer. */
export interface EffectSettings {
  readonly modes: readonly ConsumerMode[];
  readonly namespaces: TargetNamespaces;
  readonly policy: SchedulingPolicy;
  /** Pending workflows per namespace at which consumption waits; none = no limit. */
  readonly pendingLimit: number | undefined;
  readonly pendingPollMs: number;
  /** How long one call to a dependency may take (THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT). */
  readonly dependencyTimeoutMs: number;
}

export interface InvestigatorSettings {
  /** The modes that act; undefined in the `metrics` mode, which only counts. */
  readonly effects: EffectSettings | undefined;
  readonly consumer: Omit<ConsumerSettings, 'deploymentName'>;
  readonly port: number;
}

const MAX_BACKOFF_MS = 60_000;

export function investigatorSettings(env: Environment): InvestigatorSettings {
  const setting = <K extends keyof typeof CONSUMER_SETTINGS>(name: K) => readSetting(env, CONSUMER_SETTINGS, name);
  if (setting('KAFKA_CONSUMER_ENABLE_AUTO_COMMIT')) {
    throw new ConfigError(
      'KAFKA_CONSUMER_ENABLE_AUTO_COMMIT',
      env.KAFKA_CONSUMER_ENABLE_AUTO_COMMIT,
      'false or unset: offsets are committed after each effect',
    );
  }
  const modes = parseConsumerModes(env[MODE_VARIABLE]);
  const observer = modes.length === 1 && modes[0] === METRICS_MODE;
  return {
    effects: observer ? undefined : effectSettings(env, modes as ConsumerMode[]),
    consumer: {
      groupId: setting('KAFKA_CONSUMER_GROUP_ID'),
      concurrency: setting('THOTH_CONSUMER_WORKERS'),
      retry: {
        maxAttempts: setting('THOTH_INVESTIGATOR_MAX_RETRIES'),
        backoffMs: Math.round(setting('THOTH_INVESTIGATOR_BACKOFF') * 1000),
        maxBackoffMs: MAX_BACKOFF_MS,
        refusedForMs: Math.round(setting('THOTH_INVESTIGATOR_REFUSED_RETRY') * 1000),
        holdLimitMs: Math.round(setting('THOTH_INVESTIGATOR_RECORD_TIMEOUT') * 1000),
      },
      fromBeginning: setting('KAFKA_CONSUMER_AUTO_OFFSET_RESET') === 'earliest',
      sessionTimeoutMs: setting('KAFKA_CONSUMER_SESSION_TIMEOUT_MS'),
      rebalanceTimeoutMs: setting('KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS'),
      // The counter sets nothing aside: the consumers that act do.
      deadLetters: !observer,
    },
    port: setting('THOTH_INVESTIGATOR_METRICS_PORT'),
  };
}

/**
 * The longest the program's stop takes (src/runtime/kafka/consumer.ts stopBoundMs), from the two
 * settings it depends on: the construct makes the pod's grace period from it, the program exits
 * past it. A query in flight is not cancelled by a stop: it ends within the dependency timeout.
 */
export function investigatorStopBoundMs(env: Environment): number {
  const rebalanceTimeoutMs = readSetting(env, CONSUMER_SETTINGS, 'KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS');
  return stopBoundMs({ rebalanceTimeoutMs }, dependencyTimeoutMs(env));
}

const dependencyTimeoutMs = (env: Environment) => Math.round(readSetting(env, EFFECT_SETTINGS, 'THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT') * 1000);

function effectSettings(env: Environment, modes: readonly ConsumerMode[]): EffectSettings {
  const setting = <K extends keyof typeof EFFECT_SETTINGS>(name: K) => readSetting(env, EFFECT_SETTINGS, name);
  const solver = setting('THOTH_INVESTIGATOR_SCHEDULE_SOLVER');
  return {
    modes,
    namespaces: { middletier: setting('THOTH_MIDDLETIER_NAMESPACE'), backend: setting('THOTH_BACKEND_NAMESPACE') },
    policy: {
      solvers: solver ? solversOf(env, setting('THOTH_INVESTIGATOR_SOLVERS')) : [],
      solver,
      revsolver: setting('THOTH_INVESTIGATOR_SCHEDULE_REVSOLVER'),
      security: setting('THOTH_INVESTIGATOR_SCHEDULE_SECURITY'),
      kebechetAdministrator: setting('THOTH_INVESTIGATOR_KEBECHET_ADMINISTRATOR'),
      versionLimit: setting('THOTH_INVESTIGATOR_MAX_VERSIONS'),
      debugSolver: setting('THOTH_LOG_SOLVER')?.toUpperCase() === 'DEBUG',
      debugRevsolver: setting('THOTH_LOG_REVSOLVER')?.toUpperCase() === 'DEBUG',
    },
    pendingLimit: setting('ARGO_PENDING_WORKFLOW_LIMIT'),
    pendingPollMs: Math.round(setting('ARGO_PENDING_SLEEP_TIME') * 1000),
    dependencyTimeoutMs: dependencyTimeoutMs(env),
  };
}

function solversOf(env: Environment, text: string | undefined): Solver[] {
  const variable = 'THOTH_INVESTIGATOR_SOLVERS';
  const allowed = 'solver names such as solver-rhel-8-py38, one per line (the solvers ConfigMap)';
  if (text === undefined) throw new ConfigError(variable, env[variable], allowed);
  try {
    return parseSolvers(text);
  } catch {
    throw new ConfigError(variable, text, allowed);
  }
}
