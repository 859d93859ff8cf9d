/**
 * Stricter schemas than their CRDs', written here, for two custom resources whose CRD accepts what
 * the platform must not render: only the fields the platform uses are allowed, a KafkaTopic must name
 * its cluster (the topic operator ignores one that does not), a dashboard must select a Grafana. The
 * CRD's own schema (@kubernetes-models/*) is checked too. (The CRDs are the source of the field rules.)
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { RABBITMQ_SCHEMAS } from './rabbitmq-schemas.js';

const objectMeta = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

const SCHEMAS: Readonly<Record<string, object>> = {
  // grafana-operator v5 (its v1beta1 CRD is the source of the field rules).
  'grafana.integreatly.org/v1beta1/GrafanaDashboard': {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: {
      apiVersion: { const: 'grafana.integreatly.org/v1beta1' },
      kind: { const: 'GrafanaDashboard' },
      metadata: objectMeta,
      spec: {
        type: 'object',
        required: ['instanceSelector', 'json'],
        additionalProperties: false,
        properties: {
          instanceSelector: {
            type: 'object',
            required: ['matchLabels'],
            additionalProperties: false,
            properties: { matchLabels: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } } },
          },
          allowCrossNamespaceImport: { type: 'boolean' },
          folder: { type: 'string', minLength: 1 },
          resyncPeriod: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$' },
          json: { type: 'string', minLength: 2 },
        },
      },
    },
  },
  'kafka.strimzi.io/v1/KafkaTopic': {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: {
      apiVersion: { const: 'kafka.strimzi.io/v1' },
      kind: { const: 'KafkaTopic' },
      metadata: {
        ...objectMeta,
        properties: {
          ...objectMeta.properties,
          labels: {
            type: 'object',
            required: ['strimzi.io/cluster'],
            properties: { 'strimzi.io/cluster': { type: 'string', minLength: 1 } },
            additionalProperties: { type: 'string' },
          },
        },
      },
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          topicName: { type: 'string' },
          partitions: { type: 'integer', minimum: 1 },
          replicas: { type: 'integer', minimum: 1, maximum: 32767 },
          config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        },
      },
    },
  },
  ...RABBITMQ_SCHEMAS,
};

/** Kinds whose only schema is this file's: no models package covers them. */
export const SCHEMA_ONLY_HERE: ReadonlySet<string> = new Set(Object.keys(RABBITMQ_SCHEMAS));

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator for `apiVersion/kind`, when this file has a schema for it. */
export function customValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  const schema = SCHEMAS[key];
  if (schema === undefined) return undefined;
  let validate = compiled.get(key);
  if (validate === undefined) {
    ajv ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}
