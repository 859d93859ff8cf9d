/** The update-kebechet-installation command: settings read, GitHub (as the Kebechet App) and the graph opened, the installation updated. */
import pg from 'pg';
import { readSetting } from '../../../../src/contracts/settings.js';
import { OctokitGitHub } from '../../../../src/runtime/github/client.js';
import { GITHUB_APP_SETTINGS, githubSettings } from '../../../../src/runtime/github/settings.js';
import { knowledgeGraphConfig } from '../../../../src/runtime/postgres/pool.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { updateKebechetInstallation } from '../application/update-kebechet-installation.js';
import { UPDATE_KEBECHET_INSTALLATION_SETTINGS } from '../contract.js';
import { PostgresKebechetInstallationFiles } from '../infrastructure/postgres-kebechet-installation-files.js';

export async function runUpdateKebechetInstallation({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection.
  const slug = readSetting(env, UPDATE_KEBECHET_INSTALLATION_SETTINGS, 'KEBECHET_SLUG');
  const github = githubSettings(env, GITHUB_APP_SETTINGS);
  const database = knowledgeGraphConfig(env, 'workflow-tasks');
  // The webhook workflows run this step for every event; most name no repository ("null").
  if (slug === undefined || slug === 'null') {
    log.info('no repository (KEBECHET_SLUG unset or "null"): nothing to update');
    return;
  }
  const pool = new pg.Pool(database);
  try {
    const client = new OctokitGitHub(github, { log, limits: { timeoutMs: 30_000, signal } });
    const result = await updateKebechetInstallation(slug, { github: client, graph: new PostgresKebechetInstallationFiles(pool) }, log);
    switch (result.outcome) {
      case 'updated':
        log.info({ slug, environments: result.environments, deleted: result.deleted }, 'Kebechet installation updated');
        return;
      case 'not-installed':
        log.warn({ slug }, 'the Kebechet GitHub App is not installed on the repository (or it does not exist): the graph is left as it is');
        return;
      case 'no-config':
        log.warn({ slug }, 'the repository has no .thoth.yaml, so Kebechet has nothing to manage there: the graph is left as it is');
        return;
      case 'invalid':
        // The repository's owner has a file to fix: one line saying which and why, and the step fails.
        log.error({ slug, file: result.file }, `${slug}: ${result.file}: ${result.problem}; nothing was written`);
        process.exitCode = 1;
        return;
    }
  } finally {
    await pool.end();
  }
}
