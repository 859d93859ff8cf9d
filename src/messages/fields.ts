/**
 * The fields of each message type (thoth-messages.md §2), as JSON Schema. Pydantic's strict types
 * map to JSON types exactly: a string is never a number, a boolean never "true". Optional fields may
 * be null or absent; producers write them all (null when unset).
 */
import type { MessageTypeName } from './catalogue.js';

type Schema = Record<string, unknown>;

const string: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const boolean: Schema = { type: 'boolean' };
const object: Schema = { type: 'object' };
const strings: Schema = { type: 'array', items: string };
const objects: Schema = { type: 'array', items: object };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export interface MessageFields {
  readonly required: Readonly<Record<string, Schema>>;
  readonly optional?: Readonly<Record<string, Schema>>;
}

const packageVersion: MessageFields = { required: { package_name: string, package_version: string, index_url: string } };

export const MESSAGE_FIELDS: Readonly<Record<MessageTypeName, MessageFields>> = {
  'advise-justification': { required: { message: string, justification_type: string, count: integer, adviser_version: string } },
  'adviser-trigger': {
    required: { recommendation_type: string },
    optional: {
      dev: boolean,
      debug: boolean,
      authenticated: boolean,
      count: nullable(integer),
      limit: nullable(integer),
      limit_latest_versions: nullable(integer),
      origin: nullable(string),
      job_id: nullable(string),
      re_run_adviser_id: nullable(string),
      source_type: nullable({ enum: ['CLI', 'KEBECHET', 'S2I', 'JUPYTER_NOTEBOOK'] }),
      kebechet_metadata: nullable(object),
      justification: nullable(objects),
      stack_info: nullable(objects),
    },
  },
  'build-analysis-trigger': {
    required: {},
    optional: {
      ...Object.fromEntries(
        [
          'base_image',
          'base_image_analysis_id',
          'buildlog_document_id',
          'buildlog_parser_id',
          'environment_type',
          'job_id',
          'origin',
          'output_image',
          'output_image_analysis_id',
          'base_registry_password',
          'base_registry_user',
          'output_registry_password',
          'output_registry_user',
        ].map((name) => [name, nullable(string)]),
      ),
      debug: boolean,
      base_registry_verify_tls: boolean,
      output_registry_verify_tls: boolean,
    },
  },
  'cve-provided': packageVersion,
  'hash-mismatch': { required: { ...packageVersion.required, missing_from_source: strings, missing_from_database: strings } },
  'inspection-completed': { required: { inspection_id: string }, optional: { force_sync: boolean } },
  'kebechet-run-url-trigger': {
    required: {},
    optional: {
      url: nullable(string),
      service_name: nullable(string),
      installation_id: nullable(string),
      job_id: nullable(string),
      metadata: nullable({
        type: 'object',
        properties: {
          message_justification: nullable(integer),
          package_name: nullable(string),
          package_version: nullable(string),
          package_index: nullable(string),
        },
      }),
    },
  },
  'kebechet-trigger': { required: { webhook_payload: object }, optional: { job_id: nullable(string) } },
  'missing-package': { required: { index_url: string, package_name: string } },
  'missing-version': packageVersion,
  'package-extract-trigger': {
    required: { image: string, environment_type: { enum: ['runtime', 'buildtime'] } },
    optional: {
      is_external: boolean,
      verify_tls: boolean,
      debug: boolean,
      graph_sync: boolean,
      job_id: nullable(string),
      origin: nullable(string),
      registry_user: nullable(string),
      registry_password: nullable(string),
    },
  },
  'package-released': packageVersion,
  'provenance-checker-trigger': {
    required: {},
    optional: {
      debug: boolean,
      authenticated: boolean,
      origin: nullable(string),
      job_id: nullable(string),
      whitelisted_sources: nullable(strings),
      kebechet_metadata: nullable(object),
      justification: nullable(objects),
      stack_info: nullable(objects),
    },
  },
  'si-unanalyzed-package': packageVersion,
  'solved-package': { required: { ...packageVersion.required, solver: string } },
  'thoth-repo-init': { required: { project_url: string }, optional: { job_id: nullable(string) } },
  'unresolved-package': { required: { package_name: string, index_url: string }, optional: { package_version: nullable(string), solver: nullable(string) } },
  'unrevsolved-package': { required: { package_name: string, package_version: string } },
  'update-provides-source-distro': { required: { ...packageVersion.required, value: boolean } },
};
