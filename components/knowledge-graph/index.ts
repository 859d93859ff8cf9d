import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { ServiceComponentProps } from '../shared/component.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { knowledgeGraphAlerts } from './alerts.js';
import type { KnowledgeGraphContext, ServiceOverrides } from './context.js';
import { addPgBouncer } from './pgbouncer.js';
import { addPgweb } from './pgweb.js';
import { addPostgresExporter } from './postgres-exporter.js';
import { addPostgresql } from './postgresql.js';

/**
 * The knowledge graph's props: those of PostgreSQL itself (catalogue key `postgresql`), and one per
 * side workload, each `false` when the environment switches it off.
 */
export interface KnowledgeGraphProps extends ServiceComponentProps {
  /**
   * The tag of docker.io/library/postgres.
   * @default "16.4"
   */
  readonly imageTag?: string;
  /** @default requests 1 CPU and 2Gi, limits 2 CPU and 4Gi */
  readonly resources?: ServiceComponentProps['resources'];
  /**
   * The size of the database's volume.
   * @default "20Gi"
   */
  readonly storage?: string | number;
  /**
   * pgbouncer (`components.pgbouncer`), or `false` for none.
   * @default on: bitnami/pgbouncer "1.23.1", 2 replicas, requests 100m CPU and 64Mi, limits 500m CPU and 256Mi
   */
  readonly pgbouncer?: false | ServiceOverrides;
  /**
   * postgres-exporter (`components.postgres-exporter`), or `false` for none.
   * @default on: postgres-exporter "v0.15.0", 1 replica, requests 50m CPU and 64Mi, limits 200m CPU and 128Mi
   */
  readonly postgresExporter?: false | ServiceOverrides;
  /**
   * The pgweb console (`components.pgweb`), or `false` for none.
   * @default false: no console; when given, sosedoff/pgweb "0.15.0", 1 replica, requests 50m CPU and 64Mi, limits 200m CPU and 256Mi
   */
  readonly pgweb?: false | ServiceOverrides;
}

/**
 * The knowledge graph: PostgreSQL as a StatefulSet on a persistent volume, pgbouncer in front of it
 * (every client talks to pgbouncer, through the `thoth` ConfigMap's postgresql-host), a
 * postgres-exporter for metrics and, when the environment enables it, the pgweb console. pgbouncer
 * runs in session mode with 200 client connections.
 */
export class KnowledgeGraph extends Construct {
  constructor(scope: Construct, id: string, props: KnowledgeGraphProps) {
    super(scope, id);
    const { env } = props;
    const context: KnowledgeGraphContext = { env, namespace: props.namespace };
    addPostgresql(this, context, props);
    new AlertRules(this, 'Alerts', { env, component: 'knowledge-graph', namespace: namespaceOf(env, 'infra'), alerts: knowledgeGraphAlerts(env) });
    const { pgbouncer = {}, postgresExporter = {}, pgweb = false } = props;
    if (pgbouncer !== false) addPgBouncer(this, context, pgbouncer);
    if (postgresExporter !== false) addPostgresExporter(this, context, postgresExporter);
    if (pgweb !== false) addPgweb(this, context, pgweb);
  }
}
