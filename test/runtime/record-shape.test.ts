/**
 * No value can make a consumer's steps overflow or balloon: the bounds are checked over the bytes
 * before anything parses or walks them, and redaction drops what it could not walk safely.
 */
import { MAX_RECORD_BYTES, MAX_RECORD_DEPTH, shapeProblem } from '../../src/runtime/kafka/record-shape.js';
import { redactSecrets } from '../../src/runtime/kafka/redact.js';

const nested = (depth: number, inner = '1') => Buffer.from(`${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`);

test('depth is counted over the bytes, brackets inside strings and escaped quotes excepted', () => {
  expect(shapeProblem(nested(MAX_RECORD_DEPTH))).toBeUndefined();
  expect(shapeProblem(nested(MAX_RECORD_DEPTH + 1))).toEqual({
    reason: 'too-deep',
    detail: expect.stringMatching(/^the value nests deeper than 64 levels \(at byte \d+\)$/),
  });
  expect(shapeProblem(Buffer.from(JSON.stringify({ text: `\\"${'['.repeat(1_000)}` })))).toBeUndefined();
  expect(shapeProblem(Buffer.from(`[${'"\\\\"'.repeat(3)}, ${'['.repeat(100)}`))?.reason).toBe('too-deep');
});

test('size is bounded at what the broker takes by default', () => {
  expect(shapeProblem(Buffer.alloc(MAX_RECORD_BYTES, 0x20))).toBeUndefined();
  expect(shapeProblem(Buffer.alloc(10 * 1024 * 1024, 0x20))).toEqual({
    reason: 'too-large',
    detail: `the value is ${10 * 1024 * 1024} bytes; at most ${MAX_RECORD_BYTES} are read`,
  });
});

test('redaction drops a value it could not walk safely, and still redacts one it can', () => {
  expect(redactSecrets(Buffer.from(`${'['.repeat(10_000)}{"password":"x"}${']'.repeat(10_000)}`))).toEqual({
    value: null,
    redacted: false,
    dropped: expect.stringMatching(/nests deeper/),
  });
  const { value, redacted } = redactSecrets(nested(10, '{"password":"hunter2"}'));
  expect(redacted).toBe(true);
  expect(value!.toString()).not.toContain('hunter2');
});
