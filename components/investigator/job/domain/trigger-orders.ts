/**
 * The workflows users and other workflows ask for by message (thoth-messages.md §2): adviser,
 * provenance checker, package extract, build analysis, graph sync, kebechet. Each takes the
 * message's fields (already checked against the catalogue) and applies the rules the reference
 * applied, so a message that breaks one is refused with the rule named. Missing optional fields
 * take their defaults (docs/quirks.md Q26); the kebechet slug is read where the user-api puts the
 * repository (docs/quirks.md Q27); kebechet-run-url v2 passes its `metadata` on (docs/quirks.md Q28).
 */
import type { MessageValue } from '../../../../src/messages/fields.js';
import { flag, InvalidMessage, logLevel, requestId, type WorkflowOrder } from './orders.js';

type Fields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const SOURCE_TYPES = ['CLI', 'KEBECHET', 'S2I', 'JUPYTER_NOTEBOOK'];
/** kebechet_metadata.message_justification of a new release (InternalTriggerEnum.NEW_RELEASE). */
const NEW_RELEASE = 5;

export function adviserOrder(message: MessageValue<'adviser-trigger'>): WorkflowOrder<'adviser'> {
  const sourceType = text(message.source_type);
  if (sourceType !== undefined && !SOURCE_TYPES.includes(sourceType)) {
    throw new InvalidMessage(`source_type ${JSON.stringify(sourceType)} is not one of ${SOURCE_TYPES.join(', ')}`);
  }
  if (sourceType === 'KEBECHET' && text(message.origin) === undefined) throw new InvalidMessage('source_type KEBECHET needs the origin repository');
  const kebechet = message.kebechet_metadata ?? null;
  const id = requestId('adviser', message.job_id, message);
  const parameters: WorkflowOrder<'adviser'>['parameters'] = {
    THOTH_ADVISER_JOB_ID: id,
    THOTH_ADVISER_RECOMMENDATION_TYPE: message.recommendation_type,
    THOTH_ADVISER_DEV: flag(message.dev),
    THOTH_LOG_ADVISER: logLevel(message.debug),
    THOTH_AUTHENTICATED_ADVISE: flag(message.authenticated),
    THOTH_ADVISER_PREDICTOR_CONFIG: '{}',
    THOTH_ADVISER_METADATA: JSON.stringify({
      origin: message.origin ?? null,
      re_run_adviser_id: message.re_run_adviser_id ?? null,
      source_type: sourceType ?? null,
      kebechet_metadata: kebechet,
      'thoth.adviser': { justification: message.justification ?? null, stack_info: message.stack_info ?? null },
    }),
    ...(typeof message.limit === 'number' ? { THOTH_ADVISER_LIMIT: String(message.limit) } : {}),
    ...(typeof message.count === 'number' ? { THOTH_ADVISER_COUNT: String(message.count) } : {}),
    ...(kebechet?.message_justification === NEW_RELEASE
      ? {
          THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE: JSON.stringify({
            package_name: kebechet.package_name ?? null,
            package_version: kebechet.package_version ?? null,
            index_url: kebechet.package_index ?? null,
          }),
        }
      : {}),
  };
  return { workflow: 'adviser', prefix: 'adviser', name: id, parameters };
}

export function provenanceCheckerOrder(message: MessageValue<'provenance-checker-trigger'>): WorkflowOrder<'provenance-checker'> {
  const id = requestId('provenance-checker', message.job_id, message);
  const sources = Array.isArray(message.whitelisted_sources) ? message.whitelisted_sources.join(',') : '';
  return {
    workflow: 'provenance-checker',
    prefix: 'provenance-checker',
    name: id,
    parameters: {
      THOTH_PROVENANCE_CHECKER_JOB_ID: id,
      THOTH_DOCUMENT_ID: id,
      THOTH_WHITELISTED_SOURCES: sources,
      THOTH_ADVISER_METADATA: JSON.stringify({
        origin: message.origin ?? null,
        kebechet_metadata: message.kebechet_metadata ?? null,
        'thoth.adviser': { justification: message.justification ?? null, stack_info: message.stack_info ?? null },
      }),
      THOTH_LOG_ADVISER: logLevel(message.debug),
      THOTH_AUTHENTICATED_PROVENANCE_CHECK: flag(message.authenticated),
    },
  };
}

const ENVIRONMENT_TYPES = ['runtime', 'buildtime'];

export function packageExtractOrder(message: MessageValue<'package-extract-trigger'>): WorkflowOrder<'package-extract'> {
  const environmentType: string = message.environment_type;
  if (!ENVIRONMENT_TYPES.includes(environmentType))
    throw new InvalidMessage(`environment_type ${JSON.stringify(environmentType)} is not one of ${ENVIRONMENT_TYPES.join(', ')}`);
  const id = requestId('package-extract', message.job_id, message);
  const credentials = registryCredentials(message.registry_user, message.registry_password, 'registry');
  return {
    workflow: 'package-extract',
    prefix: 'package-extract',
    name: id,
    parameters: {
      THOTH_PACKAGE_EXTRACT_JOB_ID: id,
      THOTH_ANALYZED_IMAGE: message.image,
      THOTH_ANALYZER_NO_TLS_VERIFY: message.verify_tls === false ? '1' : '0',
      THOTH_SYNC_PACKAGE_EXTRACT: flag(message.graph_sync),
      THOTH_LOG_PACKAGE_EXTRACT: logLevel(message.debug),
      THOTH_PACKAGE_EXTRACT_METADATA: JSON.stringify({
        origin: message.origin ?? null,
        environment_type: environmentType,
        is_external: message.is_external !== false,
      }),
      ...(credentials === undefined ? {} : { THOTH_REGISTRY_CREDENTIALS: credentials }),
    },
  };
}

export function buildAnalysisOrder(message: MessageValue<'build-analysis-trigger'>): WorkflowOrder<'build-analysis'> {
  const baseImage = text(message.base_image);
  const outputImage = text(message.output_image);
  const buildlog = text(message.buildlog_document_id);
  if (baseImage === undefined && outputImage === undefined && buildlog === undefined) {
    throw new InvalidMessage('a build analysis needs base_image, output_image or buildlog_document_id');
  }
  const id = requestId('build-analysis', message.job_id, message);
  // Ids the producer left out are derived from the run's, so a second delivery asks for the same documents.
  const suffix = id.replace(/^build-analysis-/, '');
  const baseAnalysis = text(message.base_image_analysis_id) ?? (baseImage === undefined ? '' : `package-extract-${suffix}-base`);
  const outputAnalysis = text(message.output_image_analysis_id) ?? (outputImage === undefined ? '' : `package-extract-${suffix}-output`);
  const parser = text(message.buildlog_parser_id) ?? (buildlog === undefined ? '' : `buildlog-parser-${suffix}`);
  const environmentType = text(message.environment_type) ?? 'runtime';
  const origin = text(message.origin) ?? '';
  return {
    workflow: 'build-analysis',
    prefix: 'build-analysis',
    name: id,
    parameters: {
      THOTH_BUILD_ANALYSIS_JOB_ID: id,
      THOTH_BUILD_ANALYSIS_BASE_IMAGE: baseImage ?? '',
      THOTH_BUILD_ANALYSIS_BASE_IMAGE_ANALYSIS_ID: baseAnalysis,
      THOTH_BUILD_ANALYSIS_BASE_REGISTRY_CREDENTIALS: registryCredentials(message.base_registry_user, message.base_registry_password, 'base_registry') ?? '',
      THOTH_BUILD_ANALYSIS_BASE_REGISTRY_NO_TLS_VERIFY: message.base_registry_verify_tls === false ? '1' : '0',
      THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE: outputImage ?? '',
      THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE_ANALYSIS_ID: outputAnalysis,
      THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_CREDENTIALS:
        registryCredentials(message.output_registry_user, message.output_registry_password, 'output_registry') ?? '',
      THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_NO_TLS_VERIFY: message.output_registry_verify_tls === false ? '1' : '0',
      THOTH_BUILD_ANALYSIS_BUILDLOG_DOCUMENT_ID: buildlog ?? '',
      THOTH_BUILD_ANALYSIS_BUILDLOG_PARSER_ID: parser,
      THOTH_BUILD_ANALYSIS_ENVIRONMENT_TYPE: environmentType,
      THOTH_BUILD_ANALYSIS_ORIGIN: origin,
      THOTH_LOG_BUILD_ANALYSIS: logLevel(message.debug),
      THOTH_BUILD_ANALYSIS_METADATA: JSON.stringify({
        origin: origin === '' ? null : origin,
        environment_type: environmentType,
        base_image_analysis_id: baseAnalysis === '' ? null : baseAnalysis,
        output_image_analysis_id: outputAnalysis === '' ? null : outputAnalysis,
        buildlog_document_id: buildlog ?? null,
        build_analysis_job_id: id,
        is_external: true,
      }),
    },
  };
}

/** A registry user needs its password; they travel as `user:password`. */
function registryCredentials(user: unknown, password: unknown, field: string): string | undefined {
  const name = text(user);
  const secret = text(password);
  if (name === undefined) return undefined;
  if (secret === undefined) throw new InvalidMessage(`${field}_user is set without ${field}_password`);
  return `${name}:${secret}`;
}

/** inspection-completed: sync the finished Amun inspection into the graph. */
export function graphSyncOrder(message: MessageValue<'inspection-completed'>): WorkflowOrder<'graph-sync'> {
  return {
    workflow: 'graph-sync',
    prefix: 'graph-sync',
    nameParameter: 'THOTH_SYNC_JOB_ID',
    parameters: { THOTH_SYNC_DOCUMENT_ID: message.inspection_id, THOTH_FORCE_SYNC: flag(message.force_sync) },
  };
}

export function kebechetOrder(message: MessageValue<'kebechet-trigger'>): WorkflowOrder<'kebechet'> {
  const id = requestId('kebechet-job', message.job_id, message);
  const payload = message.webhook_payload;
  // The user-api wraps the webhook body in `payload` (docs/quirks.md Q27).
  const repository = ((payload.payload as Fields | undefined)?.repository ?? payload.repository) as Fields | undefined;
  const slug = text(repository?.full_name);
  return {
    workflow: 'kebechet',
    prefix: 'kebechet-job',
    name: id,
    parameters: { WORKFLOW_ID: id, WEBHOOK_PAYLOAD: JSON.stringify(payload), ...(slug === undefined ? {} : { KEBECHET_SLUG: slug }) },
  };
}

export function kebechetRunUrlOrder(message: MessageValue<'kebechet-run-url-trigger'>, version: string): WorkflowOrder<'kebechet-run-url'> {
  const url = text(message.url);
  const service = text(message.service_name);
  if (url === undefined || service === undefined) throw new InvalidMessage('kebechet-run-url needs url and service_name');
  const id = requestId('kebechet-run-url', message.job_id, message);
  const metadata = version === 'v1' ? message.kebechet_metadata : message.metadata;
  return {
    workflow: 'kebechet-run-url',
    prefix: 'kebechet-run-url',
    name: id,
    parameters: { WORKFLOW_ID: id, KEBECHET_REPO_URL: url, KEBECHET_SERVICE_NAME: service, KEBECHET_METADATA: JSON.stringify(metadata ?? null) },
  };
}
