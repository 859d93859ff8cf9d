/**
 * Every alert has a promtool unit test, generated from its test series: silent the minute before its
 * `for` ends, firing at the boundary with exactly its labels and annotations. Runs the real promtool
 * (scripts/ensure-promtool.sh installs it; `npm test` runs that first).
 */
import { alertTests, checkRules, promtoolAvailable, ruleFile, ruleObjects, runAlertTests, untestedAlerts } from '../src/validate/promtool.js';
import { renderEnvironment } from '../src/synth/render.js';
import { ENVIRONMENTS, THOTH_ENVIRONMENTS, realEnvironment, renderReal, TEST_IMAGE_TAGS } from './helpers.js';
import { THOTH } from '../platforms/thoth/platform.js';

beforeAll(() => {
  if (!promtoolAvailable()) throw new Error('promtool is not installed: run scripts/ensure-promtool.sh (npm test does)');
});

describe.each(THOTH_ENVIRONMENTS)('%s', (name) => {
  test('promtool test rules passes for every alert', async () => {
    const env = await renderReal(name);
    const objects = ruleObjects(env);
    const tests = alertTests(env.alerts ?? []);
    expect((env.alerts ?? []).length).toBeGreaterThan(15);
    expect(untestedAlerts(objects, tests)).toEqual([]);
    const result = runAlertTests(objects, tests);
    expect({ passed: result.passed, output: result.passed ? '' : result.output }).toEqual({ passed: true, output: '' });
  });

  test('promtool check rules accepts every rule group', async () => {
    expect(checkRules(ruleObjects(await renderReal(name)).map((object) => ({ object, text: ruleFile([object]) })))).toEqual([]);
  });

  test('every alert has a severity label, for, summary, description and runbook_url', async () => {
    for (const alert of (await renderReal(name)).alerts ?? []) {
      expect(['critical', 'warning', 'info']).toContain(alert.labels.severity);
      expect(alert.for).toMatch(/^\d+[smh]$/);
      expect(Object.keys(alert.annotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
    }
  });
});

test.each(THOTH_ENVIRONMENTS)('%s: every alert with a threshold passes promtool with the threshold overridden', async (name) => {
  const env = await realEnvironment(name);
  const defaults = ((await renderReal(name)).alerts ?? []).filter((alert) => alert.threshold !== undefined);
  expect(defaults.length).toBeGreaterThan(5);
  // Halved, and raised (a ratio stays below 1, where it can still be exceeded).
  for (const raise of [false, true]) {
    const alerts = Object.fromEntries(
      defaults.map(({ alert, threshold }) => [alert, { threshold: !raise ? threshold! / 2 : threshold! < 1 ? (1 + threshold!) / 2 : threshold! * 2 + 1 }]),
    );
    const overridden = renderEnvironment(
      THOTH,
      { ...env, monitoring: { ...env.monitoring, alerts: { ...env.monitoring.alerts, ...alerts } } },
      TEST_IMAGE_TAGS,
    );
    const tested = (overridden.alerts ?? []).filter((alert) => alert.alert in alerts);
    expect(tested.map((alert) => alert.threshold)).toEqual(tested.map((alert) => alerts[alert.alert]!.threshold));
    const result = runAlertTests(ruleObjects(overridden), alertTests(tested));
    expect({ raise, passed: result.passed, output: result.passed ? '' : result.output }).toEqual({ raise, passed: true, output: '' });
  }
});

describe('the checks can fail', () => {
  test('removing an alert’s test case makes the coverage check name it', async () => {
    const env = await renderReal('prod');
    const tests = alertTests((env.alerts ?? []).filter((alert) => alert.alert !== 'ThothKafkaConnection'));
    expect(untestedAlerts(ruleObjects(env), tests)).toEqual(['ThothKafkaConnection']);
  });

  test('a test expecting other labels fails in promtool', async () => {
    const env = await renderReal('prod');
    const alert = (env.alerts ?? []).find((each) => each.alert === 'ThothUserAPI')!;
    const wrong = { ...alert, test: { ...alert.test, labels: { ...alert.test.labels, job: 'management-api' } } };
    const result = runAlertTests(ruleObjects(env), alertTests([wrong]));
    expect(result.passed).toBe(false);
    expect(result.output).toContain('ThothUserAPI');
  });

  test('a test whose alert fires a minute early (for shortened) fails in promtool', async () => {
    const env = await renderReal('prod');
    const alert = (env.alerts ?? []).find((each) => each.alert === 'ThothCephConnection')!;
    const result = runAlertTests(ruleObjects(env), alertTests([{ ...alert, for: '11m' }]));
    expect(result.passed).toBe(false);
  });

  test('promtool check rules rejects a broken expression, naming the object it is in', async () => {
    const env = await renderReal('prod');
    const objects = ruleObjects(env);
    const broken = { ...objects[0]!, manifest: { ...objects[0]!.manifest, spec: { groups: [{ name: 'x', rules: [{ alert: 'Broken', expr: 'up{' }] }] } } };
    const problems = checkRules([broken, ...objects.slice(1)].map((object) => ({ object, text: ruleFile([object]) })));
    expect(problems.map((problem) => problem.object.file)).toEqual([objects[0]!.file]);
    expect(problems[0]!.message).toMatch(/^promtool check rules: 5:\d+: group "x", rule 1, "Broken": could not parse expression/);
  });
});

test('every alert has a section in docs/runbooks.md, which its runbook_url links to', async () => {
  const { readFile } = await import('node:fs/promises');
  const sections = new Set([...(await readFile('docs/runbooks.md', 'utf8')).matchAll(/^## (\w+)$/gm)].map((match) => match[1]!.toLowerCase()));
  const alerts = new Set<string>();
  for (const name of ENVIRONMENTS) for (const alert of (await renderReal(name)).alerts ?? []) alerts.add(alert.alert);
  const missing = [...alerts].filter((alert) => !sections.has(alert.toLowerCase()));
  expect(missing).toEqual([]);
});

describe('scheduleIntervalSeconds', () => {
  test.each([
    ['@hourly', 3600],
    ['0 */12 * * *', 12 * 3600],
    ['0 2 * * *', 86400],
    ['@daily', 86400],
    ['@weekly', 7 * 86400],
    ['0 0 * * 1,3', 5 * 86400],
    ['@monthly', 31 * 86400],
    ['@yearly', 366 * 86400],
    ['*/15 * * * *', 900],
    ['0 6,18 * * *', 12 * 3600],
  ])('%s → %i s', async (schedule, seconds) => {
    const { scheduleIntervalSeconds } = await import('../src/platform/cronjob-alerts.js');
    expect(scheduleIntervalSeconds(schedule)).toBe(seconds);
  });
});

test('every alert of every environment reads metrics the deployed programs and exporters export', async () => {
  const { EXPORTED_METRICS } = await import('./fixtures/exported-metrics.js');
  const unknown = new Set<string>();
  for (const name of ENVIRONMENTS) {
    for (const alert of (await renderReal(name)).alerts ?? []) {
      for (const [, metric] of alert.expr.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g))
        if (!EXPORTED_METRICS.has(metric!)) unknown.add(`${alert.alert}: ${metric}`);
    }
  }
  expect([...unknown]).toEqual([]);
});
