/**
 * What metrics-exporter compares with the database's own record (thoth-jobs.md §0.4): the newest
 * knowledge-graph migration a program was built with. Pushed by the job runs, scraped from the
 * investigator.
 */
import { Gauge, type Registry } from 'prom-client';
import { MIGRATIONS } from '../postgres/migrations.js';

/** `labels`: any beyond component and revision (the investigator's env; pushed runs get it by default). */
export function registerSchemaRevision(registry: Registry, component: string, labels: Readonly<Record<string, string>> = {}): void {
  new Gauge({
    name: 'thoth_database_schema_revision_script',
    help: 'The newest knowledge-graph migration this program knows.',
    labelNames: ['component', 'revision', ...Object.keys(labels)],
    registers: [registry],
  }).set({ component, revision: MIGRATIONS.at(-1)!.id, ...labels }, 1);
}
