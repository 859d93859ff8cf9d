import { MESSAGE_TYPES, topicName, type MessageTypeName } from '../src/messages/catalogue.js';
import { MESSAGE_FIELDS } from '../src/messages/fields.js';
import { checkMessage } from '../src/messages/validate.js';

const envelope = { component_name: 'graph-refresh-job', service_version: '0.1.0' };

/** A value of a field schema's type, to build a minimal valid message. */
function sample(schema: Record<string, unknown>): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'x';
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return {};
  }
}

const minimal = (name: MessageTypeName) => ({
  ...envelope,
  version: MESSAGE_TYPES[name].version,
  ...Object.fromEntries(Object.entries(MESSAGE_FIELDS[name].required).map(([field, schema]) => [field, sample(schema)])),
});

describe.each(Object.keys(MESSAGE_TYPES) as MessageTypeName[])('%s', (name) => {
  test('a message with its required fields is valid to produce and to consume', () => {
    expect(checkMessage(name, minimal(name), 'produce')).toEqual({ valid: true });
    expect(checkMessage(name, minimal(name), 'consume')).toEqual({ valid: true });
  });

  test('a field the type does not have fails on produce only', () => {
    const message = { ...minimal(name), surprise: 1 };
    expect(checkMessage(name, message, 'produce')).toEqual({ valid: false, problems: ['message: unknown field "surprise"'] });
    expect(checkMessage(name, message, 'consume')).toEqual({ valid: true });
  });

  test('the envelope is required', () => {
    const { component_name: _name, ...rest } = minimal(name);
    expect(checkMessage(name, rest, 'consume')).toEqual({ valid: false, problems: ['message: missing field "component_name"'] });
  });
});

describe('field types are strict, as pydantic’s were', () => {
  test.each([
    [
      'unresolved-package',
      { package_name: 'flask', index_url: 'https://pypi.org/simple', package_version: 2 },
      ['package_version: must be string', 'package_version: must be null', 'package_version: must match a schema in anyOf'],
    ],
    ['advise-justification', { message: 'm', justification_type: 'INFO', count: '3', adviser_version: '1' }, ['count: must be integer']],
    ['update-provides-source-distro', { package_name: 'a', package_version: '1', index_url: 'u', value: 'false' }, ['value: must be boolean']],
    ['package-extract-trigger', { image: 'i', environment_type: 'sometime' }, ['environment_type: must be equal to one of the allowed values']],
    ['unrevsolved-package', { package_name: 'a' }, ['message: missing field "package_version"']],
  ] as const)('%s', (name, fields, problems) => {
    expect(checkMessage(name, { ...envelope, ...fields }, 'produce')).toEqual({ valid: false, problems });
  });

  test('version must look like v<number>', () => {
    expect(checkMessage('unrevsolved-package', { ...envelope, version: 'one', package_name: 'a', package_version: '1' }, 'consume')).toEqual({
      valid: false,
      problems: ['version: must match pattern "^v[0-9]+$"'],
    });
  });

  test('the unresolved-package example of thoth-messages.md §1.2 is valid', () => {
    const example = {
      component_name: 'graph-refresh-job',
      service_version: '0.3.22+storage.0.74.1.common.0.36.6.messaging.0.16.2',
      version: 'v1',
      package_name: 'flask',
      index_url: 'https://pypi.org/simple',
      package_version: '2.3.2',
      solver: 'solver-rhel-8-py38',
    };
    expect(checkMessage('unresolved-package', example, 'produce')).toEqual({ valid: true });
  });
});

test('topic names are the deployment name and the base name', () => {
  expect(topicName('smaug-prod', MESSAGE_TYPES['unresolved-package'])).toBe('smaug-prod.thoth.investigator.unresolved-package');
});
