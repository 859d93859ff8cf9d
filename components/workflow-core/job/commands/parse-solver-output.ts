/** The parse-solver-output command: settings read, adapters built, the task run, its messages written. */
import pg from 'pg';
import { readSetting } from '../../../../src/contracts/settings.js';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { knowledgeGraphConfig } from '../../../../src/runtime/postgres/pool.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { S3DocumentStore } from '../../../../src/runtime/s3/documents.js';
import { s3Config } from '../../../../src/runtime/s3/settings.js';
import { parseSolverOutput } from '../application/parse-solver-output.js';
import { readSolverResult } from '../domain/solver-document.js';
import { PostgresAdviserRuns } from '../infrastructure/postgres-adviser-runs.js';
import { S3AdviserRequests } from '../infrastructure/s3-documents.js';
import { parseSolverOutputSettings } from '../settings.js';
import { metricsSettings, pushMessageCounts } from './metrics.js';
import { readJsonDocument, writeMessages } from './step-files.js';

export async function runParseSolverOutput({ env, log }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection.
  const settings = parseSolverOutputSettings(env);
  const database = knowledgeGraphConfig(env, 'workflow-tasks');
  const s3 = s3Config(env);
  const metrics = metricsSettings(env);
  const sender = { componentName: settings.componentName, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') };
  const result = readSolverResult(settings.documentPath, await readJsonDocument(settings.documentPath, 'THOTH_SOLVER_DOCUMENT_PATH'));
  const pool = new pg.Pool(database);
  const store = new S3DocumentStore(s3);
  try {
    const parsed = await parseSolverOutput(
      result,
      { solverName: settings.solverName, ...sender },
      { graph: new PostgresAdviserRuns(pool), requests: new S3AdviserRequests(store) },
      log,
    );
    await writeMessages(settings.messagesFile, parsed.messages, sender);
    log.info({ solvedPackages: parsed.solvedPackages, adviserReRuns: parsed.adviserReRuns, file: settings.messagesFile }, 'solver output parsed');
    await pushMessageCounts(
      metrics,
      sender,
      [
        { type: MESSAGE_TYPES['solved-package'].base, count: parsed.solvedPackages },
        { type: MESSAGE_TYPES['adviser-trigger'].base, count: parsed.adviserReRuns },
      ],
      log,
    );
  } finally {
    await pool.end();
    store.close();
  }
}
