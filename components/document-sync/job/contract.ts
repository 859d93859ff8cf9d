/**
 * Everything document-sync-job reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. It replaces
 * thoth-station/document-sync-job v0.4.0 (thoth-jobs.md §5), keeping its variables where they mean
 * the same; the destination's credentials are two variables rather than botocore's whole chain.
 */
import { defineContract, integer, pattern, strictFlag, text, url } from '../../../src/contracts/model.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';

const SOURCE = 'components/document-sync/job/contract.ts';

/** s3://<bucket>/<prefix>/<deployment>: the destination is laid out as a deployment's document store is. */
export const DESTINATION_PATTERN = 's3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*)/([A-Za-z0-9_.-]+)/?';

export const DOCUMENT_SYNC_SETTINGS = {
  ...S3_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  THOTH_DOCUMENT_SYNC_DST: {
    form: pattern(DESTINATION_PATTERN, 's3://<bucket>/<prefix>/<deployment>, the root of the deployment the documents are copied to'),
    required: true,
    description:
      'where the documents are copied: <area>/<id> under it, as under this deployment\'s root (the reference glued the area to the prefix without a "/")',
    source: SOURCE,
  },
  AWS_S3_ENDPOINT_URL: { form: url('http', 'https'), required: true, description: 'the destination S3 endpoint, addressed path-style', source: SOURCE },
  AWS_ACCESS_KEY_ID: { form: text(), required: true, description: "the destination's access key id", source: SOURCE },
  AWS_SECRET_ACCESS_KEY: { form: text(), required: true, description: "the destination's secret access key", source: SOURCE },
  AWS_REGION: { form: text(), default: 'us-east-1', description: 'the region requests to the destination are signed for', source: SOURCE },
  THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS: {
    form: text(),
    default: '',
    description: 'solver names, separated by white space (the `solvers` ConfigMap): their documents are synced after the analyses',
    source: SOURCE,
  },
  THOTH_DOCUMENT_SYNC_CONCURRENCY: { form: integer({ min: 1, max: 64 }), default: '16', description: 'documents copied at once', source: SOURCE },
  THOTH_DOCUMENT_SYNC_DRY_RUN: { form: strictFlag(), default: '0', description: 'log what would be copied, copy nothing', source: SOURCE },
} as const;

export const DOCUMENT_SYNC_CONTRACT = defineContract({
  repository: 'document-sync-job',
  tags: 'built-here',
  source: 'components/document-sync/job',
  summary:
    "copies this deployment's documents (analysis-by-digest, analysis, each configured solver's) that another deployment's store lacks or holds with another size, streamed, and pushes thoth_document_sync_job",
  entrypoint: PROGRAM_ENTRYPOINT,
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_DOCUMENT_SYNC: logLevelSetting() },
  modes: runOnlyModes({ description: 'one sync', variables: DOCUMENT_SYNC_SETTINGS, source: SOURCE }),
});
