import { REDACTED, redactSecrets } from '../../src/runtime/kafka/redact.js';

const buffer = (value: unknown) => Buffer.from(JSON.stringify(value));

test('values of secret-named keys are replaced, at any depth; the rest stays', () => {
  const { value, redacted } = redactSecrets(
    buffer({ image: 'quay.io/a/b', registry_user: 'me', registry_password: 'hunter2', nested: [{ api_token: 't' }], output_registry_password: null }),
  );
  expect(redacted).toBe(true);
  expect(JSON.parse(value!.toString())).toEqual({
    image: 'quay.io/a/b',
    registry_user: 'me',
    registry_password: REDACTED,
    nested: [{ api_token: REDACTED }],
    output_registry_password: null,
  });
});

test('nothing to redact, or not JSON: the very same bytes', () => {
  const plain = buffer({ package_name: 'flask' });
  expect(redactSecrets(plain)).toEqual({ value: plain, redacted: false });
  const garbage = Buffer.from('not json {');
  expect(redactSecrets(garbage).value).toBe(garbage);
  expect(redactSecrets(null)).toEqual({ value: null, redacted: false });
});
