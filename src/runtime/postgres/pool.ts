/**
 * The knowledge-graph connection of every job program, from the reference's KNOWLEDGE_GRAPH_*
 * variables (the shared `thoth` ConfigMap and `postgresql` Secret; src/platform/env.ts).
 */
import pg from 'pg';
import { type Environment, flag, positiveInteger, required } from '../environment.js';

/** `program` names the connection in pg_stat_activity. */
export function knowledgeGraphConfig(env: Environment, program: string): pg.PoolConfig {
  const port = positiveInteger(env, 'KNOWLEDGE_GRAPH_PORT', 5432);
  return {
    host: required(env, 'KNOWLEDGE_GRAPH_HOST', 'the knowledge graph host name'),
    port,
    user: required(env, 'KNOWLEDGE_GRAPH_USER', 'the database user'),
    password: env.KNOWLEDGE_GRAPH_PASSWORD ?? '',
    database: required(env, 'KNOWLEDGE_GRAPH_DATABASE', 'the database name'),
    // Verified TLS unless turned off (in-cluster pgbouncer speaks plain TCP).
    ssl: flag(env, 'KNOWLEDGE_GRAPH_SSL_DISABLED', false) ? false : { rejectUnauthorized: true },
    max: positiveInteger(env, 'KNOWLEDGE_GRAPH_POOL_SIZE', 4),
    application_name: program,
    connectionTimeoutMillis: 10_000,
  };
}
