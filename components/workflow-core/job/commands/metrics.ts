/** The metrics a task pushes when it is done, as the reference's did; a failed push is a warning, never a failed step. */
import { readSetting } from '../../../../src/contracts/settings.js';
import type { Environment } from '../../../../src/runtime/environment.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { TASK_METRICS_SETTINGS } from '../contract.js';
import { TaskMetrics } from '../infrastructure/task-metrics.js';

export interface MetricsSettings {
  /** None: the task pushes nothing. */
  readonly gateway: string | undefined;
  readonly deploymentName: string;
}

/** Read with the task's other settings, before it does anything. */
export function metricsSettings(env: Environment): MetricsSettings {
  return {
    gateway: readSetting(env, TASK_METRICS_SETTINGS, 'PROMETHEUS_PUSHGATEWAY_URL'),
    deploymentName: readSetting(env, TASK_METRICS_SETTINGS, 'THOTH_DEPLOYMENT_NAME'),
  };
}

export interface MessagesWritten {
  /** The base name of the type written. */
  readonly type: string;
  readonly count: number;
  /** The message that made the task write them, where the reference labelled it. */
  readonly trigger?: string;
}

export async function pushMessageCounts(
  settings: MetricsSettings,
  sender: { componentName: string; serviceVersion: string },
  written: readonly MessagesWritten[],
  log: Logger,
): Promise<void> {
  if (settings.gateway === undefined) return;
  const metrics = new TaskMetrics(sender.componentName, settings.deploymentName, sender.serviceVersion);
  for (const { type, count, trigger } of written) metrics.messagesWritten(type, count, trigger);
  await metrics.push(settings.gateway).catch((error: unknown) => log.warn({ err: error, gateway: settings.gateway }, 'could not push metrics'));
}
