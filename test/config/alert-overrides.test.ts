/**
 * monitoring.alerts may override only alerts that exist (src/config/alert-overrides.ts): a misspelt
 * name would drop its override without a word.
 */
import { declaredAlerts } from '../../src/config/alert-overrides.js';
import { parseEnvironment } from '../../src/config/load.js';
import type { ComponentsSettings } from '../../src/config/schema.js';
import type { Environment } from '../../components/shared/environment.js';
import { ProblemsError } from '../../src/errors.js';
import { renderEnvironment } from '../../src/synth/render.js';
import { withEdit } from '../fixtures/environment.js';
import { THOTH_ENVIRONMENTS, realEnvironment, TEST_IMAGE_TAGS } from '../helpers.js';
import { THOTH } from '../../platforms/thoth/platform.js';

/** The environment with every component enabled, and every CronJob running, so that each renders its alerts. */
function everythingOn(env: Environment): Environment {
  const components = Object.fromEntries(
    Object.entries(THOTH.components).map(([name, entry]) => [
      name,
      { ...env.components[name], enabled: true, ...(entry.kind === 'scheduled' ? { suspend: false } : {}) },
    ]),
  ) as ComponentsSettings;
  return { ...env, components };
}

test.each(THOTH_ENVIRONMENTS)('%s: every alert any component renders is declared, so it can be overridden', async (name) => {
  const env = await realEnvironment(name);
  const rendered = new Set((renderEnvironment(THOTH, everythingOn(env), TEST_IMAGE_TAGS).alerts ?? []).map((alert) => alert.alert));
  expect(rendered.size).toBeGreaterThan(15);
  const declared = declaredAlerts(THOTH.alerts, env);
  expect([...rendered].filter((alert) => !declared.has(alert))).toEqual([]);
});

function summaries(text: string): string[] {
  try {
    parseEnvironment(THOTH, 'unit', 'environments/unit.yaml', text);
  } catch (error) {
    if (error instanceof ProblemsError) return error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.keyPath}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

const withAlerts = (alerts: string) => withEdit('folder: thoth }\n', `folder: thoth }\n  alerts: ${alerts}\n`);

test('a misspelt alert name, with the alert probably meant', () => {
  expect(summaries(withAlerts('{ ThothSchemaChek: { for: 30m } }'))).toEqual([
    expect.stringMatching(
      /^55:13 monitoring\.alerts\.ThothSchemaChek: unknown alert "ThothSchemaChek" \(did you mean "ThothSchemaCheck"\?\); the alerts are ThothCephConnection, /,
    ),
  ]);
});

test('a threshold for an alert that compares with none', () => {
  expect(summaries(withAlerts('{ ThothSchemaCheck: { threshold: 3 } }'))).toEqual([
    '55:44 monitoring.alerts.ThothSchemaCheck.threshold: ThothSchemaCheck compares with no threshold, so this one would be ignored; override for or severity instead',
  ]);
});

test('overrides of alerts that exist are accepted, whether or not their component is enabled', () => {
  const env = parseEnvironment(
    THOTH,
    'unit',
    'environments/unit.yaml',
    withAlerts('{ ThothSchemaCheck: { for: 30m }, ThothPurgeJobMissed: { severity: info } }'),
  );
  expect(Object.keys(env.monitoring.alerts ?? {})).toEqual(['ThothSchemaCheck', 'ThothPurgeJobMissed']);
});
