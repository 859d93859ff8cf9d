/**
 * Checks a message against its type's schema: the envelope every message has (component_name,
 * service_version, version) and the type's fields. Producers check strictly (no field the type does
 * not have: a typo fails before it is sent); consumers accept extra fields, as the reference did, so
 * a newer producer's additions do not stop an older consumer.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { MESSAGE_TYPES, type MessageTypeName } from './catalogue.js';
import { MESSAGE_FIELDS, type MessageFields } from './fields.js';

export type Strictness = 'produce' | 'consume';

export type MessageCheck = { readonly valid: true } | { readonly valid: false; readonly problems: readonly string[] };

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function schemaOf(name: MessageTypeName, strictness: Strictness): Record<string, unknown> {
  const fields: MessageFields = MESSAGE_FIELDS[name];
  return {
    type: 'object',
    required: ['component_name', 'service_version', ...Object.keys(fields.required)],
    properties: {
      component_name: { type: 'string', minLength: 1 },
      service_version: { type: 'string', minLength: 1 },
      // Absent means v1, as the reference's consumers read it.
      version: { type: 'string', pattern: '^v[0-9]+$' },
      ...fields.required,
      ...fields.optional,
    },
    additionalProperties: strictness === 'consume',
  };
}

function validatorOf(name: MessageTypeName, strictness: Strictness): ValidateFunction {
  const key = `${name}/${strictness}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    ajv ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validate = ajv.compile(schemaOf(name, strictness));
    compiled.set(key, validate);
  }
  return validate;
}

export function checkMessage(name: MessageTypeName, value: unknown, strictness: Strictness): MessageCheck {
  if (!(name in MESSAGE_TYPES)) return { valid: false, problems: [`unknown message type ${name}`] };
  const validate = validatorOf(name, strictness);
  if (validate(value)) return { valid: true };
  return { valid: false, problems: (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'message' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where}: missing field "${String(error.params.missingProperty)}"`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}
