/**
 * The fields of each message type (thoth-messages.md §2), as JSON Schema, each typed with the value it
 * holds: `MessageValue<type>` is what a consumer gets once the message passed its check. Pydantic's
 * strict types map to JSON types exactly: a string is never a number, a boolean never "true".
 * Optional fields may be null or absent; producers write them all (null when unset).
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { MessageTypeName } from './catalogue.js';

// Unsafe: the JSON Schema exactly as written here, with the TypeScript type it admits.
const string = Type.Unsafe<string>({ type: 'string' });
const integer = Type.Unsafe<number>({ type: 'integer' });
const boolean = Type.Unsafe<boolean>({ type: 'boolean' });
/** A JSON object whose fields the message type leaves open. */
const object = Type.Unsafe<Readonly<Record<string, unknown>>>({ type: 'object' });
const strings = Type.Unsafe<readonly string[]>({ type: 'array', items: string });
const objects = Type.Unsafe<readonly Readonly<Record<string, unknown>>[]>({ type: 'array', items: object });
const nullable = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }] });
const oneOf = <const V extends readonly string[]>(...values: V) => Type.Unsafe<V[number]>({ enum: [...values] });
/** An object of known fields, each optional, others allowed. */
const fieldsObject = <const P extends Readonly<Record<string, TSchema>>>(properties: P) =>
  Type.Unsafe<{ readonly [K in keyof P]?: Static<P[K]> }>({ type: 'object', properties });
const nullableStrings = <const K extends readonly string[]>(...names: K) =>
  Object.fromEntries(names.map((name) => [name, nullable(string)])) as { readonly [N in K[number]]: ReturnType<typeof nullable<typeof string>> };

export interface MessageFields {
  readonly required: Readonly<Record<string, TSchema>>;
  readonly optional?: Readonly<Record<string, TSchema>>;
}

const packageVersion = { required: { package_name: string, package_version: string, index_url: string } } as const;

export const MESSAGE_FIELDS = {
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
      source_type: nullable(oneOf('CLI', 'KEBECHET', 'S2I', 'JUPYTER_NOTEBOOK')),
      kebechet_metadata: nullable(object),
      justification: nullable(objects),
      stack_info: nullable(objects),
    },
  },
  'build-analysis-trigger': {
    required: {},
    optional: {
      ...nullableStrings(
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
      metadata: nullable(
        fieldsObject({
          message_justification: nullable(integer),
          package_name: nullable(string),
          package_version: nullable(string),
          package_index: nullable(string),
        }),
      ),
      /** v1's name of `metadata`. */
      kebechet_metadata: nullable(object),
    },
  },
  'kebechet-trigger': { required: { webhook_payload: object }, optional: { job_id: nullable(string) } },
  'missing-package': { required: { index_url: string, package_name: string } },
  'missing-version': packageVersion,
  'package-extract-trigger': {
    required: { image: string, environment_type: oneOf('runtime', 'buildtime') },
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
} as const satisfies Readonly<Record<MessageTypeName, MessageFields>>;

type Values<F> = { readonly [K in keyof F]: F[K] extends TSchema ? Static<F[K]> : never };
type FieldsOf<N extends MessageTypeName> = (typeof MESSAGE_FIELDS)[N];

/** The envelope every message carries (thoth-messages.md §1). */
export type MessageEnvelope = {
  readonly component_name: string;
  readonly service_version: string;
  /** Absent means v1. */
  readonly version?: string;
};

/** A message of type `N` as its check admits it: the envelope, its required fields, its optional ones. */
export type MessageValue<N extends MessageTypeName> = MessageEnvelope &
  Values<FieldsOf<N>['required']> &
  Partial<Values<FieldsOf<N> extends { readonly optional: infer O } ? O : Record<never, never>>>;
