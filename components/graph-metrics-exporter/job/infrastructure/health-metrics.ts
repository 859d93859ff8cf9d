/**
 * The measurement as the reference's gauges, pushed under its job (graph-metrics-exporter) with PUT,
 * which replaces the job's group: a table or index that no longer exists leaves no series behind.
 * A check that failed pushes none of its gauges, rather than a figure that would read as healthy.
 */
import { Gauge, Pushgateway, Registry } from 'prom-client';
import { registerSchemaRevision } from '../../../../src/runtime/metrics/schema-revision.js';
import type { Measurement } from '../application/measure-graph.js';

const JOB = 'graph-metrics-exporter';

export function healthRegistry(measurement: Measurement, env: string): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, labels: string[]) => new Gauge({ name, help, labelNames: [...labels, 'env'], registers: [registry] });
  registerSchemaRevision(registry, JOB, { env });
  const { corrupted, tables, indexes, dumps } = measurement;
  if (corrupted !== undefined) gauge('thoth_graphdb_is_corrupted', 'amcheck has detected corruption.', []).set({ env }, corrupted.length > 0 ? 1 : 0);
  if (tables !== undefined) {
    const pct = gauge('thoth_graphdb_pct_bloat_data_table', 'Bloat (percent) per table of the knowledge graph.', ['table_name']);
    const mb = gauge('thoth_graphdb_mb_bloat_data_table', 'Bloat (MiB) per table of the knowledge graph.', ['table_name']);
    // The reference's series for a graph without tables, so that the gauges exist.
    const rows = tables.length > 0 ? tables : [{ table: '', pct: 0, mb: 0 }];
    for (const row of rows) {
      pct.set({ table_name: row.table || 'No table pct', env }, row.pct);
      mb.set({ table_name: row.table || 'No table mb', env }, row.mb);
    }
  }
  if (indexes !== undefined) {
    const pct = gauge('thoth_graphdb_pct_index_bloat_data_table', 'Bloat (percent) per index of the knowledge graph.', ['table_name', 'index_name']);
    const mb = gauge('thoth_graphdb_mb_index_bloat_data_table', 'Bloat (MiB) per index of the knowledge graph.', ['table_name', 'index_name']);
    // The reference crashed here (a label short); this series has all three.
    const rows = indexes.length > 0 ? indexes : [{ table: '', index: '', pct: 0, mb: 0 }];
    for (const row of rows) {
      pct.set({ table_name: row.table || 'No table pct', index_name: row.index || 'No index pct', env }, row.pct);
      mb.set({ table_name: row.table || 'No table mb', index_name: row.index || 'No index mb', env }, row.mb);
    }
  }
  if (dumps !== undefined) {
    gauge('thoth_graphdb_dump_count', 'Number of graph-backup dumps stored.', []).set({ env }, dumps.count);
    gauge('thoth_graphdb_dump_not_cleaned', 'More dumps than the rotation keeps (1).', []).set({ env }, dumps.notCleaned ? 1 : 0);
    gauge('thoth_graphdb_dump_missed', 'No dump within THOTH_GRAPH_BACKUP_CHECK_DAYS days (1).', []).set({ env }, dumps.missed ? 1 : 0);
    if (dumps.newestDay !== undefined)
      gauge('thoth_graphdb_last_dump', 'The newest dump, by its day (date label).', ['date']).set({ date: dumps.newestDay, env }, 1);
  }
  return registry;
}

export async function pushHealth(gatewayUrl: string, registry: Registry): Promise<void> {
  await new Pushgateway(gatewayUrl, { timeout: 10_000 }, registry).push({ jobName: JOB });
}
