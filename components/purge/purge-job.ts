import type { Construct } from 'constructs';
import { optional, required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ANY_MODE } from '../../src/platform/env.js';
import { resolveResources } from '../../src/platform/pod.js';
import { PURGE_JOB_CONTRACT } from '../contracts/images/purge-job.js';
import { thothImageOf } from '../image-tags.js';
import { type PurgeContext, purgeTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * The purge's parameters, named as the program reads them (docs/quirks.md Q41): only the subcommand
 * keeps its `_JOB_`, which is how app.sh reads it. An empty filter means none.
 */
export const PURGE_PARAMETERS = [
  required('THOTH_PURGE_JOB_SUBCOMMAND', 'adviser, package-extract or solver'),
  optional('THOTH_PURGE_OPERATING_SYSTEM_NAME', ''),
  optional('THOTH_PURGE_OPERATING_SYSTEM_VERSION', ''),
  optional('THOTH_PURGE_PYTHON_VERSION', ''),
  optional('THOTH_PURGE_DEBUG', '0'),
  optional('THOTH_PURGE_PACKAGE_EXTRACT_VERSION', ''),
  optional('THOTH_PURGE_PACKAGE_EXTRACT_END_DATETIME', ''),
  optional('THOTH_PURGE_ADVISER_VERSION', ''),
  optional('THOTH_PURGE_ADVISER_END_DATETIME', ''),
];

/** purge (template purge-job, 3 retries): deletes a retired version's data from the knowledge graph and S3. */
export function addPurgeTemplate(scope: Construct, context: PurgeContext): TemplateHandle {
  const { env } = context;
  return purgeTemplate(scope, context, 'purge').addContainer('purge-job', {
    image: thothImageOf(env, 'purge-job', context),
    parameters: PURGE_PARAMETERS,
    env: thothEnv(env, PURGE_JOB_CONTRACT, ANY_MODE).ceph().knowledgeGraph().pushgateway().common().overrides(context.variables),
    resources: resolveResources(STEP_RESOURCES, context.resources),
    retryStrategy: { limit: '3', retryPolicy: 'Always', backoff: { duration: '30s', factor: '2' } },
  });
}
