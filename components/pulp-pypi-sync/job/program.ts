/** The pulp-pypi-sync-job program: one sync with the real adapters (the Pulp API, the knowledge graph), logged and pushed. */
import pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { syncPulpIndexes } from './application/sync-indexes.js';
import { PULP_PYPI_SYNC_CONTRACT, PULP_PYPI_SYNC_SETTINGS } from './contract.js';
import { instanceRoot } from './domain/pulp-indexes.js';
import { PulpDistributions } from './infrastructure/pulp-distributions.js';
import { PostgresIndexes } from './infrastructure/postgres-indexes.js';

const NAME = 'pulp-pypi-sync-job';

export function pulpPypiSyncProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: "Registers the Simple API of each of a Pulp instance's PyPI distributions as a package index in the knowledge graph.",
      levelVariable: 'THOTH_LOG_PULP_PYPI_SYNC',
      contract: PULP_PYPI_SYNC_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const setting = <K extends keyof typeof PULP_PYPI_SYNC_SETTINGS>(name: K) => readSetting(env, PULP_PYPI_SYNC_SETTINGS, name);
  const root = instanceRoot(setting('THOTH_PULP_REPOSITORIES_SYNC_PULP_INSTANCE'));
  const credentials = { username: setting('THOTH_PULP_REPOSITORIES_SYNC_PULP_USERNAME'), password: setting('THOTH_PULP_REPOSITORIES_SYNC_PULP_PASSWORD') };
  const settings = {
    root,
    enabled: !setting('THOTH_PULP_REPOSITORIES_SYNC_DISABLE_INDEX'),
    onlyIfPackageSeen: setting('THOTH_PULP_REPOSITORIES_ONLY_PACKAGES_SEEN'),
  };
  const gateway = setting('PROMETHEUS_PUSHGATEWAY_URL');
  const database = knowledgeGraphConfig(env, NAME);
  const metrics = new JobRunMetrics('pulp-pypi-sync', setting('THOTH_DEPLOYMENT_NAME'));
  const pool = new pg.Pool({ ...database, max: 1 });
  pool.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  let outcome: Outcome = 'failure';
  try {
    const distributions = new PulpDistributions(root, credentials, { timeoutMs: 30_000, signal });
    const summary = await syncPulpIndexes({ distributions, indexes: new PostgresIndexes(pool) }, settings, log);
    metrics.itemsProcessed('distribution', summary.distributions);
    metrics.itemsProcessed('index-registered', summary.registered.length);
    log.info({ instance: root, distributions: summary.distributions, registered: summary.registered }, 'Pulp indexes synced');
    outcome = 'success';
  } finally {
    await pool.end();
    if (gateway !== undefined) await metrics.push(gateway, outcome).catch((error: unknown) => log.warn({ err: error, gateway }, 'could not push metrics'));
  }
}
