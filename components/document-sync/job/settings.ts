/** document-sync-job's settings, read as its contract (./contract.ts) declares them. */
import { readSetting } from '../../../src/contracts/settings.js';
import type { Environment } from '../../../src/runtime/environment.js';
import { type S3Config, type S3Credentials, s3Config } from '../../../src/runtime/s3/settings.js';
import { type DocumentGroup, documentGroups } from './application/sync-documents.js';
import { DESTINATION_PATTERN, DOCUMENT_SYNC_SETTINGS } from './contract.js';

export interface DocumentSyncSettings {
  readonly source: S3Config;
  readonly destination: S3Config;
  readonly groups: readonly DocumentGroup[];
  readonly concurrency: number;
  readonly dryRun: boolean;
  readonly gateway: string | undefined;
}

export function documentSyncSettings(env: Environment): DocumentSyncSettings {
  const setting = <K extends keyof typeof DOCUMENT_SYNC_SETTINGS>(name: K) => readSetting(env, DOCUMENT_SYNC_SETTINGS, name);
  const [, bucket, bucketPrefix, deploymentName] = new RegExp(`^${DESTINATION_PATTERN}$`).exec(setting('THOTH_DOCUMENT_SYNC_DST'))! as unknown as [
    string,
    string,
    string,
    string,
  ];
  const credentials: S3Credentials = { accessKeyId: setting('AWS_ACCESS_KEY_ID'), secretAccessKey: setting('AWS_SECRET_ACCESS_KEY') };
  const solvers = setting('THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS').split(/\s+/).filter(Boolean);
  return {
    source: s3Config(env),
    destination: {
      endpoint: setting('AWS_S3_ENDPOINT_URL'),
      region: setting('AWS_REGION'),
      bucket,
      publicBucket: undefined,
      bucketPrefix,
      deploymentName,
      credentials: () => Promise.resolve(credentials),
      variables: { endpoint: 'AWS_S3_ENDPOINT_URL', bucket: 'THOTH_DOCUMENT_SYNC_DST', keyId: 'AWS_ACCESS_KEY_ID', secretKey: 'AWS_SECRET_ACCESS_KEY' },
    },
    groups: documentGroups([...new Set(solvers)]),
    concurrency: setting('THOTH_DOCUMENT_SYNC_CONCURRENCY'),
    dryRun: setting('THOTH_DOCUMENT_SYNC_DRY_RUN'),
    gateway: setting('PROMETHEUS_PUSHGATEWAY_URL'),
  };
}
