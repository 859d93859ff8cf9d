/**
 * The workflow-tasks program: one command per workflow step, each with the real adapters. main.ts
 * runs it; tests build it to read its help and run its commands.
 */
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { ConfigError } from '../../../src/runtime/environment.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/job-run.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, PROGRAM_SETTINGS, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { s3Config } from '../../../src/runtime/s3/settings.js';
import { parseSolverOutput } from './application/parse-solver-output.js';
import { sendMessages, sentKey } from './application/send-messages.js';
import { WORKFLOW_TASKS_CONTRACT } from './contract.js';
import { appendMessages, checkMessages, parseMessagesFile } from './domain/messages-file.js';
import { readSolverResult, SolverDocumentError } from './domain/solver-document.js';
import { readIfPresent, replaceFile } from './infrastructure/messages-file-store.js';
import { PostgresAdviserRuns } from './infrastructure/postgres-adviser-runs.js';
import { S3AdviserRequests, S3SentLedger } from './infrastructure/s3-documents.js';
import { TaskMetrics } from './infrastructure/task-metrics.js';
import { parseSolverOutputSettings, sendMessagesSettings } from './settings.js';

const NAME = 'workflow-tasks';
const MODES = WORKFLOW_TASKS_CONTRACT.modes.variants;

export function workflowTasksProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'The steps of the knowledge-graph loop that run in Argo workflows; run one with its command.',
      levelVariable: 'THOTH_LOG_WORKFLOW_TASKS',
      contract: WORKFLOW_TASKS_CONTRACT,
      migrations: false,
      commands: [
        { name: 'parse-solver-output', mode: MODES['parse-solver-output'], run: runParseSolverOutput },
        { name: 'send-messages', mode: MODES['send-messages'], run: runSendMessages },
      ],
    },
    undefined,
    io,
  );
}

/** A file the step before wrote; its absence is a setting naming the wrong path (one line, exit 1). */
async function readStepFile(path: string, variable: string): Promise<string> {
  const text = await readIfPresent(path);
  if (text === undefined) throw new ConfigError(variable, path, 'an existing file (the step before writes it)');
  return text;
}

async function readJson(path: string, variable: string): Promise<unknown> {
  const text = await readStepFile(path, variable);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SolverDocumentError(path, '(document)', `is not JSON: ${(error as Error).message}`);
  }
}

async function runParseSolverOutput({ env, log }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection.
  const settings = parseSolverOutputSettings(env);
  const database = knowledgeGraphConfig(env, NAME);
  const s3 = s3Config(env);
  const gateway = readSetting(env, PUSHGATEWAY_SETTINGS, 'PROMETHEUS_PUSHGATEWAY_URL');
  const serviceVersion = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  const result = readSolverResult(settings.documentPath, await readJson(settings.documentPath, 'THOTH_SOLVER_DOCUMENT_PATH'));
  const pool = new pg.Pool(database);
  const store = new S3DocumentStore(s3);
  try {
    const parsed = await parseSolverOutput(
      result,
      { solverName: settings.solverName, componentName: settings.componentName, serviceVersion },
      { graph: new PostgresAdviserRuns(pool), requests: new S3AdviserRequests(store) },
      log,
    );
    // What this step writes is checked as send-messages will check it: a bad message fails here, where it was made.
    checkMessages(settings.messagesFile, parsed.messages, { componentName: settings.componentName, serviceVersion });
    await replaceFile(settings.messagesFile, appendMessages(settings.messagesFile, await readIfPresent(settings.messagesFile), parsed.messages));
    log.info({ solvedPackages: parsed.solvedPackages, adviserReRuns: parsed.adviserReRuns, file: settings.messagesFile }, 'solver output parsed');
    if (gateway !== undefined) {
      const metrics = new TaskMetrics(settings.componentName, s3.deploymentName, serviceVersion);
      metrics.messagesWritten(MESSAGE_TYPES['solved-package'].base, parsed.solvedPackages);
      metrics.messagesWritten(MESSAGE_TYPES['adviser-trigger'].base, parsed.adviserReRuns);
      await metrics.push(gateway).catch((error: unknown) => log.warn({ err: error, gateway }, 'could not push metrics'));
    }
  } finally {
    await pool.end();
    store.close();
  }
}

async function runSendMessages({ env, log }: RunContext): Promise<void> {
  const settings = sendMessagesSettings(env);
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const serviceVersion = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  const store = settings.workflowUid === undefined ? undefined : new S3DocumentStore(s3Config(env));
  const text = await readStepFile(settings.messagesFile, 'THOTH_MESSAGING_FROM_FILE');
  // Every message is checked before any is sent: a bad one stops the step with nothing sent.
  const messages = checkMessages(settings.messagesFile, parseMessagesFile(settings.messagesFile, text), { componentName: NAME, serviceVersion });
  if (messages.length === 0) {
    log.info({ file: settings.messagesFile }, 'no messages to send');
    store?.close();
    return;
  }
  if (settings.workflowUid === undefined) log.warn('THOTH_WORKFLOW_UID is not set: a retry of this step would send the file again');
  let producer: Producer | undefined;
  try {
    producer = await connectProducer(kafka);
    const publisher = new MessageProducer(producer, kafka, { componentName: NAME, serviceVersion });
    const key = settings.workflowUid === undefined ? undefined : sentKey(settings.workflowUid, text);
    const outcome = await sendMessages(messages, key, { publisher, ...(store === undefined ? {} : { ledger: new S3SentLedger(store) }) });
    if (outcome.outcome === 'already-sent') log.info({ key: outcome.key }, 'this workflow sent this file already: nothing sent');
    else log.info({ counts: outcome.counts }, 'messages sent');
  } finally {
    await producer?.disconnect();
    store?.close();
  }
}
