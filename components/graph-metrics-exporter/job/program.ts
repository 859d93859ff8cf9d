/**
 * The graph-metrics-exporter program: one measurement with the real adapters (the knowledge graph,
 * the document store), its figures pushed as the reference's gauges. main.ts runs it; tests build
 * it to read its help and run it. A check that fails is a failed run (exit 1), after the others'
 * figures are pushed; the reference pushed nothing on any error.
 */
import pg from 'pg';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { ChecksFailed, measureGraph } from './application/measure-graph.js';
import { GRAPH_METRICS_EXPORTER_CONTRACT } from './contract.js';
import { healthRegistry, pushHealth } from './infrastructure/health-metrics.js';
import { PostgresHealth } from './infrastructure/postgres-health.js';
import { graphMetricsSettings } from './settings.js';

const NAME = 'graph-metrics-exporter';

export function graphMetricsExporterProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: "Measures the knowledge graph's health (amcheck, table and index bloat) and the graph-backup dumps' freshness, and pushes the figures.",
      levelVariable: 'THOTH_LOG_GRAPH_METRICS_EXPORTER',
      contract: GRAPH_METRICS_EXPORTER_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const settings = graphMetricsSettings(env, NAME);
  const pool = new pg.Pool({ ...settings.database, max: 1 });
  // An idle connection the server drops is an error event; unheard, it would end the process.
  pool.on('error', (error) => log.warn({ err: error }, 'idle knowledge-graph connection lost'));
  const store = new S3DocumentStore(settings.store);
  try {
    const measurement = await measureGraph(
      { health: new PostgresHealth(pool), dumps: store },
      { keep: settings.keep, checkDays: settings.checkDays, today: new Date() },
      { log, signal },
    );
    const { corrupted, tables, indexes, dumps } = measurement;
    log.info({ corrupted, tables: tables?.length, indexes: indexes?.length, dumps }, 'graph measured');
    try {
      await pushHealth(settings.gateway, healthRegistry(measurement, settings.store.deploymentName));
    } catch (error) {
      log.error({ err: error, gateway: settings.gateway }, 'could not push the figures');
      throw error;
    }
    if (measurement.failed.length > 0) throw new ChecksFailed(measurement.failed);
  } finally {
    store.close();
    await pool.end();
  }
}
