/** graph-backup-job's settings, read as its contract (./contract.ts) declares them. */
import { readSetting } from '../../../src/contracts/settings.js';
import type { Environment } from '../../../src/runtime/environment.js';
import { type S3Config, s3Config } from '../../../src/runtime/s3/settings.js';
import { GRAPH_BACKUP_SETTINGS } from './contract.js';
import type { PgDumpSettings } from './infrastructure/pg-dump.js';

export interface GraphBackupSettings {
  readonly pgDump: PgDumpSettings;
  readonly store: S3Config;
  /** Dumps kept. */
  readonly keep: number;
  /** Where the run's metrics are pushed; none: they are not. */
  readonly gateway: string | undefined;
}

export function graphBackupSettings(env: Environment, program: string): GraphBackupSettings {
  const setting = <K extends keyof typeof GRAPH_BACKUP_SETTINGS>(name: K) => readSetting(env, GRAPH_BACKUP_SETTINGS, name);
  return {
    pgDump: {
      command: setting('GRAPH_BACKUP_PG_DUMP'),
      host: setting('KNOWLEDGE_GRAPH_HOST'),
      port: setting('KNOWLEDGE_GRAPH_PORT'),
      user: setting('KNOWLEDGE_GRAPH_USER'),
      password: env.KNOWLEDGE_GRAPH_PASSWORD ?? '',
      database: setting('KNOWLEDGE_GRAPH_DATABASE'),
      ssl: !setting('KNOWLEDGE_GRAPH_SSL_DISABLED'),
      applicationName: program,
    },
    store: s3Config(env),
    keep: setting('GRAPH_BACKUP_STORE_ROTATE'),
    gateway: setting('PROMETHEUS_PUSHGATEWAY_URL'),
  };
}
