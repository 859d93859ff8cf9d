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
import { optional } from '../../../src/runtime/environment.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { ConsumerMetrics } from '../../../src/runtime/kafka/consumer-metrics.js';
import { startConsumer } from '../../../src/runtime/kafka/consumer.js';
import type { HandlerTable } from '../../../src/runtime/kafka/process-record.js';
import { PendingWorkflowGate } from '../../../src/runtime/kubernetes/back-pressure.js';
import { kubeConfigFrom } from '../../../src/runtime/kubernetes/config.js';
import { WorkflowSubmitter } from '../../../src/runtime/kubernetes/workflows.js';
import { registerSchemaRevision } from '../../../src/runtime/metrics/schema-revision.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { combinedTable } from './application/handler-tables.js';
import { ArgoScheduler } from './infrastructure/argo-scheduler.js';
import { PostgresKnowledgeGraph } from './infrastructure/postgres-knowledge-graph.js';
import { SimpleIndex } from './infrastructure/simple-index.js';
import { messageMetricsTable } from './infrastructure/message-metrics.js';
import { investigatorSettings, METRICS_MODE } from './settings.js';

const NAME = 'investigator';

export function investigatorProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: 'Consumes the Thoth topics of one deployment and turns each message into Argo Workflows or knowledge-graph updates, until SIGTERM.',
      levelVariable: 'THOTH_LOG_INVESTIGATOR',
      environment: [
        ['THOTH_CONSUMER_MODE', 'handler tables: ["middletier"], ["backend"] or both (default both); or "metrics" alone, which only counts messages'],
        ['KAFKA_CONSUMER_GROUP_ID', 'the consumer group; one per mode'],
        ['THOTH_MIDDLETIER_NAMESPACE', 'where solver, revsolver, security-indicator, package-extract, build-analysis and graph-sync workflows run'],
        ['THOTH_BACKEND_NAMESPACE', 'where adviser, provenance-checker and kebechet workflows run'],
        ['THOTH_INVESTIGATOR_SOLVERS', 'solver names, one per line (the `solvers` ConfigMap)'],
        ['THOTH_INVESTIGATOR_SCHEDULE_SOLVER', 'schedule solvers (default 1); also _REVSOLVER, _SECURITY'],
        ['THOTH_INVESTIGATOR_KEBECHET_ADMINISTRATOR', 'schedule kebechet-administrator (default 1)'],
        ['THOTH_INVESTIGATOR_MAX_VERSIONS', 'newest versions scheduled when a message asks for all or a range (default 30)'],
        ['THOTH_INVESTIGATOR_MAX_RETRIES', 'attempts before a failing message goes to the dead-letter topic (default 5)'],
        ['THOTH_INVESTIGATOR_BACKOFF', 'seconds before the first retry, doubling up to 60 (default 0.5)'],
        ['THOTH_CONSUMER_WORKERS', 'partitions handled at once, each in order (default 5)'],
        ['ARGO_PENDING_WORKFLOW_LIMIT', 'pending workflows per namespace at which consumption waits (no limit when unset)'],
        ['ARGO_PENDING_SLEEP_TIME', 'seconds between pending-workflow counts (default 2)'],
        ['KAFKA_CONSUMER_AUTO_OFFSET_RESET', 'earliest (default) or latest: where a group without offsets starts'],
        ['KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS', 'how long a rebalance waits for members (default 300000); KAFKA_CONSUMER_SESSION_TIMEOUT_MS (30000)'],
        ['THOTH_LOG_SOLVER', 'DEBUG makes solver workflows log at debug level; also THOTH_LOG_REVSOLVER'],
        ['THOTH_INVESTIGATOR_METRICS_PORT', 'port of /metrics and /_health (default 6066)'],
        ['THOTH_DEPLOYMENT_NAME', 'prefix of every topic'],
        ['KAFKA_BOOTSTRAP_SERVERS', 'the brokers, host:port,...; KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* as the reference'],
        ['KNOWLEDGE_GRAPH_HOST', 'the knowledge graph; also _PORT, _USER, _PASSWORD, _DATABASE, _SSL_DISABLED'],
        ['KUBERNETES_API_URL', 'the API server (default https://kubernetes.default.svc); KUBERNETES_VERIFY_TLS, KUBERNETES_TOKEN_FILE, KUBERNETES_CA_FILE'],
        ['THOTH_LOG_INVESTIGATOR', 'log level: DEBUG, INFO, WARNING, ERROR (default INFO); THOTH_LOGGING_NO_JSON=1 for plain lines'],
        ['THOTH_SERVICE_VERSION', 'the version shown by /_health and thoth_investigator_consumer_info (set by the image build)'],
      ],
    },
    consume,
    io,
  );
}

async function consume({ env, log, signal }: RunContext): Promise<void> {
  // Every setting is read before anything connects.
  const settings = investigatorSettings(env);
  const kafka = kafkaSettings(env, (path) => readFileSync(path, 'utf8'));
  const { effects } = settings;
  const database = effects === undefined ? undefined : knowledgeGraphConfig(env, NAME);
  const kubernetes = effects === undefined ? undefined : kubeConfigFrom(env);
  const version = optional(env, 'THOTH_SERVICE_VERSION') ?? 'development';

  const registry = new Registry();
  new Gauge({ name: 'thoth_investigator_consumer_info', help: 'The running version.', labelNames: ['version'], registers: [registry] }).set({ version }, 1);
  registerSchemaRevision(registry, NAME, { env: kafka.deploymentName });

  const server = await startStatusServer(settings.port, registry, version);
  const pool = database === undefined ? undefined : new pg.Pool(database);
  // An idle connection the server drops is an error event; unheard, it would end the process.
  pool?.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  try {
    let table: HandlerTable;
    if (effects === undefined) {
      table = messageMetricsTable(registry, kafka.deploymentName);
    } else {
      const waiting = new Gauge({ name: 'thoth_investigator_waiting_for_workflows', help: '1 while a namespace has too many pending workflows and consumption waits.', labelNames: ['namespace'], registers: [registry] });
      const submitter = new WorkflowSubmitter(kubernetes!.makeApiClient(CustomObjectsApi));
      const gate = new PendingWorkflowGate(submitter, { limit: effects.pendingLimit, pollMs: effects.pendingPollMs }, log, waiting);
      const scheduler = new ArgoScheduler(submitter, gate, effects.namespaces, log, registry);
      table = combinedTable(effects.modes, { graph: new PostgresKnowledgeGraph(pool!), index: new SimpleIndex(), scheduler, policy: effects.policy, log });
    }
    const client = new Kafka({ ...kafka.client, logLevel: logLevel.WARN });
    const running = await startConsumer(client, { ...settings.consumer, deploymentName: kafka.deploymentName }, table, { log, metrics: new ConsumerMetrics(registry), signal });
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
