import { integer, json, list, number, oneOf, strictFlag, text } from '../../src/contracts/model.js';
import { helpLines, readSetting } from '../../src/contracts/settings.js';
import { ConfigError } from '../../src/runtime/environment.js';

const SOURCE = 'test';
const VARIABLES = {
  SWITCH: { form: strictFlag(), default: '0', description: 'a switch', source: SOURCE },
  COUNT: { form: integer({ min: 1 }), default: '100', description: 'how many', source: SOURCE },
  WAIT: { form: number({ above: 0 }), default: '0.5', description: 'seconds', source: SOURCE },
  NAME: { form: text(), required: true, description: 'the name every topic starts with', source: SOURCE },
  MODE: { form: oneOf(['earliest', 'latest'], { caseInsensitive: true }), default: 'earliest', description: 'where to start', source: SOURCE },
  HOSTS: { form: list(','), description: 'hosts', source: SOURCE },
  LABELS: { form: json('object'), description: 'labels', source: SOURCE },
} as const;

test('each form gives its value, and the default when unset or blank', () => {
  const env = { SWITCH: 'Yes', COUNT: ' 800 ', WAIT: '2.5', NAME: 'thoth', MODE: 'LATEST', HOSTS: 'a, b,,c', LABELS: '{"a":1}' };
  expect(readSetting(env, VARIABLES, 'SWITCH')).toBe(true);
  expect(readSetting(env, VARIABLES, 'COUNT')).toBe(800);
  expect(readSetting(env, VARIABLES, 'WAIT')).toBe(2.5);
  expect(readSetting(env, VARIABLES, 'NAME')).toBe('thoth');
  expect(readSetting(env, VARIABLES, 'MODE')).toBe('latest');
  expect(readSetting(env, VARIABLES, 'HOSTS')).toEqual(['a', 'b', 'c']);
  expect(readSetting(env, VARIABLES, 'LABELS')).toEqual({ a: 1 });
  expect(readSetting({ COUNT: '  ' }, VARIABLES, 'COUNT')).toBe(100);
  expect(readSetting({}, VARIABLES, 'SWITCH')).toBe(false);
  expect(readSetting({}, VARIABLES, 'HOSTS')).toBeUndefined();
});

test.each([
  ['SWITCH', 'maybe', 'SWITCH="maybe" is invalid; expected a switch: 1, true, yes, on (on) or 0, false, no, off (off); the program fails on any other text'],
  ['COUNT', '0', 'COUNT="0" is invalid; expected a whole number of at least 1'],
  ['WAIT', '0', 'WAIT="0" is invalid; expected a number above 0'],
  ['MODE', 'middle', 'MODE="middle" is invalid; expected one of earliest, latest'],
  ['LABELS', '[1]', 'LABELS="[1]" is invalid; expected a JSON object'],
] as const)('%s=%s is refused with what is allowed', (name, value, message) => {
  const attempt = () => readSetting({ NAME: 'thoth', [name]: value }, VARIABLES, name);
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(message);
});

test('a required variable that is missing names what it should hold', () => {
  expect(() => readSetting({}, VARIABLES, 'NAME')).toThrow('NAME is not set; expected the name every topic starts with');
  expect(() => readSetting({ NAME: '' }, VARIABLES, 'NAME')).toThrow('NAME="" is invalid; expected the name every topic starts with');
});

test('--help lines say the form, the default and what is required', () => {
  const lines = Object.fromEntries(helpLines(VARIABLES));
  expect(lines.COUNT).toBe('how many; integer; default 100');
  expect(lines.NAME).toBe('the name every topic starts with; required');
  expect(lines.MODE).toBe('where to start; one of earliest, latest; default earliest');
});
