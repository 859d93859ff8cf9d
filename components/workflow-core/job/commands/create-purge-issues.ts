/** The create-purge-issues command: settings read, the graph and GitHub opened, the issues opened, the counts pushed. */
import pg from 'pg';
import { readSetting } from '../../../../src/contracts/settings.js';
import { OctokitGitHub } from '../../../../src/runtime/github/client.js';
import { GITHUB_KEBECHET_SETTINGS, githubSettings } from '../../../../src/runtime/github/settings.js';
import { knowledgeGraphConfig } from '../../../../src/runtime/postgres/pool.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { createPurgeIssues } from '../application/create-purge-issues.js';
import { CREATE_PURGE_ISSUES_SETTINGS } from '../contract.js';
import { PostgresPurgeGraph } from '../infrastructure/postgres-purge-graph.js';
import { pushPurgeIssueCounts } from '../infrastructure/purge-metrics.js';
import { metricsSettings } from './metrics.js';

export async function runCreatePurgeIssues({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection.
  const purged = {
    osName: readSetting(env, CREATE_PURGE_ISSUES_SETTINGS, 'PURGE_OS_NAME'),
    osVersion: readSetting(env, CREATE_PURGE_ISSUES_SETTINGS, 'PURGE_OS_VERSION'),
    pythonVersion: readSetting(env, CREATE_PURGE_ISSUES_SETTINGS, 'PURGE_PYTHON_VERSION'),
  };
  const github = new OctokitGitHub(githubSettings(env, GITHUB_KEBECHET_SETTINGS), { log, limits: { timeoutMs: 30_000, signal } });
  const database = knowledgeGraphConfig(env, 'workflow-tasks');
  const metrics = metricsSettings(env);
  const pool = new pg.Pool(database);
  try {
    const result = await createPurgeIssues(purged, { graph: new PostgresPurgeGraph(pool), github }, log);
    log.info({ ...purged, total: result.total, opened: result.opened, alreadyOpen: result.alreadyOpen, failed: result.failed.length }, 'purge issues');
    if (metrics.gateway !== undefined) {
      await pushPurgeIssueCounts(metrics.gateway, metrics.deploymentName, { total: result.total, created: result.opened + result.alreadyOpen }).catch(
        (error: unknown) => log.warn({ err: error, gateway: metrics.gateway }, 'could not push metrics'),
      );
    }
    // Every repository was tried; a failure shows on the step, as it does on the alert.
    if (result.failed.length > 0) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
