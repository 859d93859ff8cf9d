/**
 * What metrics-exporter compares with the database's own record (thoth-jobs.md §0.4): the alembic
 * revision of the reference schema a program was written against, as every upstream image reports
 * its library's head (our own migrations are not alembic's, and reporting them made ThothSchemaCheck
 * fire on a healthy graph). Pushed by the job runs, scraped from the investigator.
 */
import { Gauge, type Registry } from 'prom-client';
import { REFERENCE_SCHEMA } from '../postgres/migrations.js';

/** `labels`: any beyond component and revision (the investigator's env; pushed runs get it by default). */
export function registerSchemaRevision(registry: Registry, component: string, labels: Readonly<Record<string, string>> = {}): void {
  new Gauge({
    name: 'thoth_database_schema_revision_script',
    help: 'The knowledge-graph schema revision (alembic) this program was written against.',
    labelNames: ['component', 'revision', ...Object.keys(labels)],
    registers: [registry],
  }).set({ component, revision: REFERENCE_SCHEMA.alembicHead, ...labels }, 1);
}
