/**
 * The graph-refresh-job program: one run of the use case with the real adapters, its summary logged
 * and pushed as metrics. main.ts runs it; tests build it to read its help and run it.
 */
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { refreshGraph } from './application/refresh-graph.js';
import { KafkaRequestPublisher } from './infrastructure/kafka-publisher.js';
import { PostgresGraph } from './infrastructure/postgres-graph.js';
import { GRAPH_REFRESH_CONTRACT } from './contract.js';
import { graphRefreshSettings } from './settings.js';

const NAME = 'graph-refresh-job';

export function graphRefreshProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description:
        'Asks for the package versions no solver has resolved yet (and their reverse dependencies and security analysis) by publishing Kafka messages for the investigator.',
      levelVariable: 'THOTH_LOG_GRAPH_REFRESH_JOB',
      contract: GRAPH_REFRESH_CONTRACT,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection and no message.
  const settings = graphRefreshSettings(env);
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const database = knowledgeGraphConfig(env, NAME);
  const gateway = readSetting(env, PUSHGATEWAY_SETTINGS, 'PROMETHEUS_PUSHGATEWAY_URL');
  const metrics = new JobRunMetrics('graph-refresh', kafka.deploymentName);
  const pool = new pg.Pool(database);
  let producer: Producer | undefined;
  let outcome: Outcome = 'failure';
  try {
    producer = await connectProducer(kafka);
    const messages = new MessageProducer(producer, kafka, { componentName: NAME, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') });
    const graph = new PostgresGraph(pool);
    const summary = await refreshGraph({ graph, ledger: graph, publisher: new KafkaRequestPublisher(messages) }, settings, new Date(), signal);
    metrics.itemsProcessed('candidate', summary.candidates);
    for (const [type, count] of Object.entries(summary.published)) metrics.messagesSent(type, count);
    log.info(summary, 'graph refresh done');
    outcome = 'success';
  } finally {
    await producer?.disconnect();
    await pool.end();
    if (gateway !== undefined) {
      await metrics.push(gateway, outcome).catch((error: unknown) => log.warn({ err: error, gateway }, 'could not push metrics'));
    }
  }
}
