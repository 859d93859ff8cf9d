/**
 * Thoth's environment validator, generated ahead of time: it is what the generator makes of the
 * schema today, and it judges every environment file, and each of many broken ones, exactly as the
 * validator ajv compiles from the schema does (the same verdict, the same errors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { compileEnvironmentValidator, environmentValidatorModule } from '../../src/config/environment-validator.js';
import { THOTH_ENVIRONMENT_SHAPE, THOTH_ENVIRONMENT_VALIDATOR } from '../../platforms/thoth/environment-schema.js';
import { THOTH } from '../../platforms/thoth/platform.js';
import { REPO_ROOT } from '../helpers.js';

test(`${THOTH_ENVIRONMENT_VALIDATOR.file} is current: run ${THOTH_ENVIRONMENT_VALIDATOR.generator} after a change to the schema`, () => {
  const { file, checksImport, generator } = THOTH_ENVIRONMENT_VALIDATOR;
  expect(environmentValidatorModule(THOTH_ENVIRONMENT_SHAPE, checksImport, generator) === readFileSync(path.join(REPO_ROOT, file), 'utf8')).toBe(true);
});

type Value = Record<string, unknown>;
const clone = (value: Value): Value => structuredClone(value);

/** Ways to break an environment, each a typical mistake of an environment file. */
const BREAKAGES: Record<string, (env: Value) => void> = {
  'a required key missing': (env) => delete env.description,
  'an unknown key': (env) => (env.descriptoin = 'typo'),
  'a wrong type': (env) => (env.namespaces = 'thoth'),
  'an empty string': (env) => (env.description = ''),
  'a label key the API server refuses': (env) => ((env.monitoring as Value).labels = { 'bad key!': 'x' }),
  'a label value too long': (env) => ((env.monitoring as Value).labels = { team: 'x'.repeat(64) }),
  'a schedule that is no cron': (env) => ((env.components as Value)['graph-backup'] = { schedule: 'every day' }),
  'a quantity that is none': (env) => ((env.limitRange as Value).default = { cpu: 'lots' }),
  'an unknown component': (env) => ((env.components as Value)['no-such-component'] = {}),
  'a component setting of the wrong kind': (env) => ((env.components as Value).investigator = { replicas: -1, schedule: '0 * * * *' }),
  'a name with surrogate pairs over its length': (env) => (env.deploymentName = '😀'.repeat(40)),
};

const environments = readdirSync(path.join(REPO_ROOT, 'environments'))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => [file, parse(readFileSync(path.join(REPO_ROOT, 'environments', file), 'utf8')) as Value] as const)
  // Thoth's validator is generated; other platforms' are compiled on first use.
  .filter(([, value]) => value.platform === THOTH.name);

describe.each(environments)('%s', (_file, environment) => {
  const compiled = compileEnvironmentValidator(THOTH_ENVIRONMENT_SHAPE);
  const generated = THOTH.environmentValidator!;
  const verdicts = (value: unknown) =>
    [compiled, generated].map((validate) => {
      const valid = validate(value);
      // As JSON: the compiled schema keeps TypeBox's symbol keys, which nothing reads.
      return { valid, errors: JSON.parse(JSON.stringify(validate.errors ?? [])) };
    });

  test('as it is: valid to both', () => {
    const [fromCompiled, fromGenerated] = verdicts(clone(environment));
    expect(fromCompiled).toEqual({ valid: true, errors: [] });
    expect(fromGenerated).toEqual(fromCompiled);
  });

  test.each(Object.entries(BREAKAGES))('with %s: the same errors from both', (_name, breakIt) => {
    const broken = clone(environment);
    breakIt(broken);
    const [fromCompiled, fromGenerated] = verdicts(broken);
    expect(fromCompiled?.valid).toBe(false);
    expect(fromGenerated).toEqual(fromCompiled);
  });
});
