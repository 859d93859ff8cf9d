/**
 * mi-scheduler-job's own settings, read as its contract (./contract.ts) declares them. The
 * deployment name is required by every command, as the reference required it (os.environ[...]), but
 * here a missing one is one line naming it before anything is asked of GitHub or the API server.
 */
import { readSetting } from '../../../src/contracts/settings.js';
import { ConfigError, type Environment } from '../../../src/runtime/environment.js';
import { GH_ANALYSIS_SETTINGS, SUBMISSION_SETTINGS } from './contract.js';
import { type DataPaths, dataPaths } from './domain/workflows.js';

export interface SubmissionSettings {
  readonly deploymentName: string;
  /** Where the workflows are submitted. */
  readonly namespace: string;
  readonly paths: DataPaths;
  /** Where the run's metrics are pushed; none: they are not. */
  readonly gateway: string | undefined;
}

export function submissionSettings(env: Environment): SubmissionSettings {
  const setting = <K extends keyof typeof SUBMISSION_SETTINGS>(name: K) => readSetting(env, SUBMISSION_SETTINGS, name);
  const deploymentName = setting('THOTH_DEPLOYMENT_NAME');
  return {
    deploymentName,
    namespace: setting('THOTH_MIDDLETIER_NAMESPACE'),
    paths: dataPaths(deploymentName, setting('SCHEDULE_SUBDIR') ?? ''),
    gateway: setting('PROMETHEUS_PUSHGATEWAY_URL'),
  };
}

export interface GhAnalysisSettings {
  readonly organizations: readonly string[];
  readonly repositories: readonly string[];
  /** Passed to each analysis; none: mi collects every entity. */
  readonly entities: readonly string[];
}

/** What gh-analysis analyses: with neither organisations nor repositories it could only do nothing, which is refused. */
export function ghAnalysisSettings(env: Environment): GhAnalysisSettings {
  const setting = <K extends keyof typeof GH_ANALYSIS_SETTINGS>(name: K) => readSetting(env, GH_ANALYSIS_SETTINGS, name);
  const organizations = setting('MI_SCHEDULER_ORGANIZATIONS') ?? [];
  const repositories = setting('MI_SCHEDULER_REPOSITORIES') ?? [];
  if (organizations.length === 0 && repositories.length === 0) {
    throw new ConfigError(
      'MI_SCHEDULER_ORGANIZATIONS',
      env.MI_SCHEDULER_ORGANIZATIONS,
      'GitHub organisations, comma-separated, or repositories in MI_SCHEDULER_REPOSITORIES: with neither there is nothing to analyse',
    );
  }
  return { organizations, repositories, entities: setting('MI_ENTITIES') ?? [] };
}
