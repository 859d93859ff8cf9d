/**
 * The graph-refresh-job program: one run of the use case with the real adapters, its summary logged
 * and pushed as metrics. main.ts runs it; tests build it to read its help and run it.
 */
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { optional } from '../../../src/runtime/environment.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { JobRunMetrics, type Outcome } from '../../../src/runtime/metrics/job-run.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { refreshGraph } from './application/refresh-graph.js';
import { KafkaRequestPublisher } from './infrastructure/kafka-publisher.js';
import { PostgresGraph } from './infrastructure/postgres-graph.js';
import { graphRefreshSettings } from './settings.js';

const NAME = 'graph-refresh-job';

export function graphRefreshProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Asks for the package versions no solver has resolved yet (and their reverse dependencies and security analysis) by publishing Kafka messages for the investigator.',
      levelVariable: 'THOTH_LOG_GRAPH_REFRESH_JOB',
      environment: [
        ['THOTH_GRAPH_REFRESH_SOLVERS', 'solver names, one per line (the `solvers` ConfigMap)'],
        ['THOTH_GRAPH_REFRESH_SOLVER', 'send unresolved-package messages (default 1)'],
        ['THOTH_GRAPH_REFRESH_REVSOLVER', 'send unrevsolved-package messages (default 1)'],
        ['THOTH_GRAPH_REFRESH_SECURITY', 'send si-unanalyzed-package messages (default 1)'],
        ['THOTH_GRAPH_REFRESH_COUNT', 'versions asked per solver and run (default 100)'],
        ['THOTH_GRAPH_REFRESH_WINDOW_HOURS', 'hours before the same request is sent again (default 6)'],
        ['THOTH_DEPLOYMENT_NAME', 'prefix of every topic'],
        ['KAFKA_BOOTSTRAP_SERVERS', 'the brokers, host:port,...; KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* as the reference'],
        ['KNOWLEDGE_GRAPH_HOST', 'the knowledge graph; also _PORT, _USER, _PASSWORD, _DATABASE, _SSL_DISABLED'],
        ['PROMETHEUS_PUSHGATEWAY_URL', 'where the run pushes its metrics (none when unset)'],
        ['THOTH_LOG_GRAPH_REFRESH_JOB', 'log level: DEBUG, INFO, WARNING, ERROR (default INFO); THOTH_LOGGING_NO_JSON=1 for plain lines'],
        ['THOTH_SERVICE_VERSION', 'the version stamped on messages (set by the image build)'],
      ],
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
  const gateway = optional(env, 'PROMETHEUS_PUSHGATEWAY_URL');
  const metrics = new JobRunMetrics('graph-refresh', kafka.deploymentName);
  const pool = new pg.Pool(database);
  let producer: Producer | undefined;
  let outcome: Outcome = 'failure';
  try {
    producer = await connectProducer(kafka);
    const messages = new MessageProducer(producer, kafka, { componentName: NAME, serviceVersion: optional(env, 'THOTH_SERVICE_VERSION') ?? 'development' });
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
