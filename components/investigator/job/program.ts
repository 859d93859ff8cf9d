/**
 * The investigator consumer program: consumes the deployment's topics until SIGTERM and turns each
 * message into workflows or knowledge-graph updates, serving /metrics and /_health meanwhile.
 * main.ts runs it; tests build it to read its help and run it.
 */
import { CustomObjectsApi } from '@kubernetes/client-node';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { Gauge, Registry } from 'prom-client';
import { startStatusServer } from '../../../src/runtime/http/status-server.js';
import { readSetting } from '../../../src/contracts/settings.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { ConsumerMetrics } from '../../../src/runtime/kafka/consumer-metrics.js';
import { startConsumer } from '../../../src/runtime/kafka/consumer.js';
import { replayCommand } from '../../../src/runtime/kafka/replay-command.js';
import type { HandlerTable } from '../../../src/runtime/kafka/process-record.js';
import { PendingWorkflowGate } from '../../../src/runtime/kubernetes/back-pressure.js';
import { kubeConfigFrom } from '../../../src/runtime/kubernetes/config.js';
import { WorkflowSubmitter } from '../../../src/runtime/kubernetes/workflows.js';
import { registerSchemaRevision } from '../../../src/runtime/metrics/schema-revision.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { combinedTable } from './application/handler-tables.js';
import { ArgoScheduler } from './infrastructure/argo-scheduler.js';
import { PostgresKnowledgeGraph } from './infrastructure/postgres-knowledge-graph.js';
import { PackageIndexClient } from '../../../src/runtime/python/package-index.js';
import { messageMetricsTable } from './infrastructure/message-metrics.js';
import { INVESTIGATOR_CONTRACT } from './contract.js';
import { investigatorSettings, investigatorStopBoundMs, METRICS_MODE } from './settings.js';

const NAME = 'investigator';

export function investigatorProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Consumes the Thoth topics of one deployment and turns each message into Argo Workflows or knowledge-graph updates, until SIGTERM.',
      levelVariable: 'THOTH_LOG_INVESTIGATOR',
      contract: INVESTIGATOR_CONTRACT,
      commands: [replayCommand],
    },
    consume,
    io,
  );
}

async function consume({ env, log, signal, boundStop }: RunContext): Promise<void> {
  // Every setting is read before anything connects.
  const settings = investigatorSettings(env);
  boundStop(investigatorStopBoundMs(env));
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const { effects } = settings;
  const database = effects === undefined ? undefined : knowledgeGraphConfig(env, NAME);
  const kubernetes = effects === undefined ? undefined : kubeConfigFrom(env);
  const version = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');

  const registry = new Registry();
  new Gauge({ name: 'thoth_investigator_consumer_info', help: 'The running version.', labelNames: ['version'], registers: [registry] }).set({ version }, 1);
  registerSchemaRevision(registry, NAME, { env: kafka.deploymentName });

  const server = await startStatusServer(settings.port, registry, version);
  // A query that never returns fails its attempt instead of holding the partition (and a stop).
  const pool = database === undefined ? undefined : new pg.Pool({ ...database, query_timeout: effects!.dependencyTimeoutMs });
  // An idle connection the server drops is an error event; unheard, it would end the process.
  pool?.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  try {
    let table: HandlerTable;
    if (effects === undefined) {
      table = messageMetricsTable(registry, kafka.deploymentName);
    } else {
      const waiting = new Gauge({
        name: 'thoth_investigator_waiting_for_workflows',
        help: '1 while a namespace has too many pending workflows and consumption waits.',
        labelNames: ['namespace'],
        registers: [registry],
      });
      const limits = { timeoutMs: effects.dependencyTimeoutMs, signal };
      const submitter = new WorkflowSubmitter(kubernetes!.makeApiClient(CustomObjectsApi), limits);
      const gate = new PendingWorkflowGate(submitter, { limit: effects.pendingLimit, pollMs: effects.pendingPollMs }, log, waiting);
      const scheduler = new ArgoScheduler(submitter, gate, effects.namespaces, log, registry);
      table = combinedTable(effects.modes, {
        graph: new PostgresKnowledgeGraph(pool!),
        index: new PackageIndexClient(limits),
        scheduler,
        policy: effects.policy,
        log,
      });
    }
    const client = new Kafka({ ...kafka.client, logLevel: logLevel.WARN });
    const running = await startConsumer(client, { ...settings.consumer, deploymentName: kafka.deploymentName }, table, {
      log,
      metrics: new ConsumerMetrics(registry),
      signal,
    });
    server.ready(true);
    log.info({ modes: effects?.modes ?? [METRICS_MODE], port: server.port, version }, 'investigator serving');
    await running.stopped;
    log.info('investigator stopped');
  } finally {
    server.ready(false);
    await server.close();
    await pool?.end();
  }
}
