/** graph-metrics-exporter's settings, read as its contract (./contract.ts) declares them. */
import type pg from 'pg';
import { readSetting } from '../../../src/contracts/settings.js';
import type { Environment } from '../../../src/runtime/environment.js';
import { knowledgeGraphConfig } from '../../../src/runtime/postgres/pool.js';
import { type S3Config, s3Config } from '../../../src/runtime/s3/settings.js';
import { GRAPH_METRICS_SETTINGS } from './contract.js';

export interface GraphMetricsSettings {
  readonly database: pg.PoolConfig;
  readonly store: S3Config;
  readonly gateway: string;
  readonly keep: number;
  readonly checkDays: number;
}

export function graphMetricsSettings(env: Environment, program: string): GraphMetricsSettings {
  const setting = <K extends keyof typeof GRAPH_METRICS_SETTINGS>(name: K) => readSetting(env, GRAPH_METRICS_SETTINGS, name);
  return {
    database: knowledgeGraphConfig(env, program),
    store: s3Config(env),
    gateway: setting('PROMETHEUS_PUSHGATEWAY_URL'),
    keep: setting('GRAPH_BACKUP_STORE_ROTATE'),
    checkDays: setting('THOTH_GRAPH_BACKUP_CHECK_DAYS'),
  };
}
