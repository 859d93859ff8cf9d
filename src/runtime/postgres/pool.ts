/**
 * The knowledge-graph connection of every job program, from the reference's KNOWLEDGE_GRAPH_*
 * variables (the shared `thoth` ConfigMap and `postgresql` Secret; src/platform/env.ts).
 */
import type pg from 'pg';
import { integer, strictFlag, text } from '../../contracts/model.js';
import { readSetting } from '../../contracts/settings.js';
import type { Environment } from '../environment.js';

const SOURCE = 'src/runtime/postgres/pool.ts';

/** What every program that opens the knowledge graph reads. */
export const KNOWLEDGE_GRAPH_SETTINGS = {
  KNOWLEDGE_GRAPH_HOST: { form: text(), required: true, description: 'the knowledge graph host (pgbouncer in the cluster)', source: SOURCE },
  KNOWLEDGE_GRAPH_PORT: { form: integer({ min: 1, max: 65535 }), default: '5432', description: 'its port', source: SOURCE },
  KNOWLEDGE_GRAPH_USER: { form: text(), required: true, description: 'the database user', source: SOURCE },
  KNOWLEDGE_GRAPH_PASSWORD: { form: text(), description: "the user's password (none when unset)", source: SOURCE },
  KNOWLEDGE_GRAPH_DATABASE: { form: text(), required: true, description: 'the database name', source: SOURCE },
  KNOWLEDGE_GRAPH_SSL_DISABLED: { form: strictFlag(), default: '0', description: 'plain TCP instead of verified TLS', source: SOURCE },
  KNOWLEDGE_GRAPH_POOL_SIZE: { form: integer({ min: 1 }), default: '4', description: 'connections the program keeps open at most', source: SOURCE },
} as const;

/** `program` names the connection in pg_stat_activity. */
export function knowledgeGraphConfig(env: Environment, program: string): pg.PoolConfig {
  const setting = <K extends keyof typeof KNOWLEDGE_GRAPH_SETTINGS>(name: K) => readSetting(env, KNOWLEDGE_GRAPH_SETTINGS, name);
  return {
    host: setting('KNOWLEDGE_GRAPH_HOST'),
    port: setting('KNOWLEDGE_GRAPH_PORT'),
    user: setting('KNOWLEDGE_GRAPH_USER'),
    password: env.KNOWLEDGE_GRAPH_PASSWORD ?? '',
    database: setting('KNOWLEDGE_GRAPH_DATABASE'),
    // Verified TLS unless turned off (in-cluster pgbouncer speaks plain TCP).
    ssl: setting('KNOWLEDGE_GRAPH_SSL_DISABLED') ? false : { rejectUnauthorized: true },
    max: setting('KNOWLEDGE_GRAPH_POOL_SIZE'),
    application_name: program,
    connectionTimeoutMillis: 10_000,
  };
}
