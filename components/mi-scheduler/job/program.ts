/**
 * The mi-scheduler-job program: one command per CronJob of the reference, each its use case with
 * the real adapters, its summary logged and pushed as metrics under the CronJob's name. main.ts runs
 * it; tests build it to read its help and run its commands.
 */
import { CustomObjectsApi } from '@kubernetes/client-node';
import pg from 'pg';
import { OctokitGitHub } from '../../../src/runtime/github/client.js';
import { GITHUB_ACCESS_TOKEN_SETTINGS, githubSettings } from '../../../src/runtime/github/settings.js';
import { kubeConfigFrom } from '../../../src/runtime/kubernetes/config.js';
import { WorkflowSubmitter } from '../../../src/runtime/kubernetes/workflows.js';
import type { Logger } from '../../../src/runtime/log.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import {
  configuredRepositories,
  kebechetRepositories,
  type RunSummary,
  SomeFailed,
  scheduleAnalyses,
  submitWorkflows,
  type WorkflowSubmissions,
} from './application/schedule-mi.js';
import { MI_SCHEDULER_JOB_CONTRACT } from './contract.js';
import { kebechetAnalysis, kebechetMerge, repositoryAnalysis } from './domain/workflows.js';
import { ArgoMiWorkflows } from './infrastructure/argo-workflows.js';
import { GitHubRepositories } from './infrastructure/github-repositories.js';
import { PostgresKebechetInstallations } from './infrastructure/postgres-kebechet-installations.js';
import { ghAnalysisSettings, type SubmissionSettings, submissionSettings } from './settings.js';

const NAME = 'mi-scheduler-job';
const MODES = MI_SCHEDULER_JOB_CONTRACT.modes.variants;
/** How long one request to GitHub or the API server may take. */
const REQUEST_TIMEOUT_MS = 30_000;

export function miSchedulerProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Submits the meta-information (mi) analyses of GitHub repositories, and the merge of their Kebechet metrics, as Argo Workflows.',
      levelVariable: 'THOTH_LOG_MI_SCHEDULER',
      contract: MI_SCHEDULER_JOB_CONTRACT,
      migrations: false,
      commands: [
        { name: 'gh-analysis', mode: MODES['gh-analysis'], run: runGhAnalysis },
        { name: 'kebechet-analysis', mode: MODES['kebechet-analysis'], run: runKebechetAnalysis },
        { name: 'kebechet-merge', mode: MODES['kebechet-merge'], run: runKebechetMerge },
      ],
    },
    undefined,
    io,
  );
}

async function runGhAnalysis({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything is asked of GitHub or the API server.
  const settings = submissionSettings(env);
  const configured = ghAnalysisSettings(env);
  const github = githubSettings(env, GITHUB_ACCESS_TOKEN_SETTINGS);
  const kubernetes = kubeConfigFrom(env);
  await scheduled('mi-scheduler-gh', settings, log, async () => {
    const host = new GitHubRepositories(new OctokitGitHub(github, { limits: { timeoutMs: REQUEST_TIMEOUT_MS, signal }, log }));
    const selection = await configuredRepositories(host, configured, { log, signal });
    const analysis = (repository: string) => repositoryAnalysis(repository, configured.entities, settings.paths);
    return scheduleAnalyses(submissionsTo(kubernetes, settings, signal), selection, analysis, { log, signal });
  });
}

async function runKebechetAnalysis({ env, log, signal }: RunContext): Promise<void> {
  const settings = submissionSettings(env);
  const github = githubSettings(env, GITHUB_ACCESS_TOKEN_SETTINGS);
  const database = knowledgeGraphConfig(env, NAME);
  const kubernetes = kubeConfigFrom(env);
  await scheduled('mi-scheduler-kebechet-analyse', settings, log, async () => {
    const pool = new pg.Pool(database);
    // An idle connection the server drops is an error event; unheard, it would end the process.
    pool.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
    let selection: Awaited<ReturnType<typeof kebechetRepositories>>;
    try {
      const host = new GitHubRepositories(new OctokitGitHub(github, { limits: { timeoutMs: REQUEST_TIMEOUT_MS, signal }, log }));
      selection = await kebechetRepositories(new PostgresKebechetInstallations(pool), host, { log, signal });
    } finally {
      await pool.end();
    }
    const analysis = (repository: string) => kebechetAnalysis(repository, settings.paths);
    return scheduleAnalyses(submissionsTo(kubernetes, settings, signal), selection, analysis, { log, signal });
  });
}

async function runKebechetMerge({ env, log, signal }: RunContext): Promise<void> {
  const settings = submissionSettings(env);
  const kubernetes = kubeConfigFrom(env);
  await scheduled('mi-scheduler-kebechet-merge', settings, log, async () => {
    const submitted = await submitWorkflows(submissionsTo(kubernetes, settings, signal), [kebechetMerge(settings.paths)], { log, signal });
    return { repositories: 0, skipped: 0, ...submitted };
  });
}

function submissionsTo(kubernetes: ReturnType<typeof kubeConfigFrom>, settings: SubmissionSettings, signal: AbortSignal): WorkflowSubmissions {
  const submitter = new WorkflowSubmitter(kubernetes.makeApiClient(CustomObjectsApi), { timeoutMs: REQUEST_TIMEOUT_MS, signal });
  return new ArgoMiWorkflows(submitter, settings.namespace);
}

/**
 * One run: its summary logged and pushed under `job` (the CronJob's name, so the three commands'
 * metrics stay apart in the Pushgateway), and a failure of any repository a failed run, after the
 * others were scheduled.
 */
async function scheduled(job: string, settings: SubmissionSettings, log: Logger, run: () => Promise<RunSummary>): Promise<void> {
  const metrics = new JobRunMetrics(job, settings.deploymentName);
  let outcome: Outcome = 'failure';
  try {
    const summary = await run();
    metrics.itemsProcessed('repository', summary.repositories);
    metrics.itemsProcessed('repository-skipped', summary.skipped);
    metrics.itemsProcessed('workflow-created', summary.created);
    metrics.itemsProcessed('workflow-already-submitted', summary.alreadySubmitted);
    metrics.itemsProcessed('failed', summary.failed.length);
    log.info({ ...summary, failed: summary.failed.length, namespace: settings.namespace }, 'mi workflows scheduled');
    if (summary.failed.length > 0) throw new SomeFailed(summary.failed);
    outcome = 'success';
  } finally {
    if (settings.gateway !== undefined) {
      await metrics.push(settings.gateway, outcome).catch((error: unknown) => log.warn({ err: error, gateway: settings.gateway }, 'could not push metrics'));
    }
  }
}
