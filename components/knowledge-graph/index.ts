import { Construct } from 'constructs';
import { isEnabled } from '../../src/config/enabled.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../shared/component.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { knowledgeGraphAlerts } from './alerts.js';
import type { KnowledgeGraphContext } from './context.js';
import { addPgBouncer } from './pgbouncer.js';
import { addPgweb } from './pgweb.js';
import { addPostgresExporter } from './postgres-exporter.js';
import { addPostgresql } from './postgresql.js';

export type KnowledgeGraphProps = ComponentProps;

/**
 * The knowledge graph: PostgreSQL as a StatefulSet on a persistent volume, pgbouncer in front of it
 * (every client talks to pgbouncer, through the `thoth` ConfigMap's postgresql-host), a
 * postgres-exporter for metrics and, when the environment enables it, the pgweb console.
 *
 * Defaults: postgres:16.4 with a 20Gi volume, 1/2Gi requested and 2/4Gi limits; pgbouncer 1.23.1 in
 * session mode with 200 client connections; postgres-exporter v0.15.0; pgweb off.
 */
export class KnowledgeGraph extends Construct {
  constructor(scope: Construct, id: string, props: KnowledgeGraphProps) {
    super(scope, id);
    const { env } = props;
    const context: KnowledgeGraphContext = { env, namespace: namespaceOf(env, 'graph') };
    addPostgresql(this, context);
    new AlertRules(this, 'Alerts', { env, component: 'knowledge-graph', namespace: namespaceOf(env, 'infra'), alerts: knowledgeGraphAlerts(env) });
    if (isEnabled(env, 'pgbouncer')) addPgBouncer(this, context);
    if (isEnabled(env, 'postgres-exporter')) addPostgresExporter(this, context);
    if (isEnabled(env, 'pgweb', false)) addPgweb(this, context);
  }
}
