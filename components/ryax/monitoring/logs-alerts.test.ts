/**
 * RyaxErrorsInLogs with the real promtool, as each Ryax environment (a site's or an engine's) renders
 * it with the logs stack: it fires on its test series exactly when its `for` has passed, also with its
 * threshold overridden; and without the logs stack there is no such rule, since nothing would make its
 * counter.
 */
import { readFileSync } from 'node:fs';
import { parseEnvironment } from '../../../src/config/load.js';
import { renderEnvironment } from '../../../src/synth/render.js';
import { alertTests, checkRules, promtoolAvailable, ruleFile, ruleObjects, runAlertTests, untestedAlerts } from '../../../src/validate/promtool.js';
import { RYAX_WORKER } from '../../../platforms/ryax-worker/platform.js';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { ENVIRONMENTS, loadedReal } from '../../../test/helpers.js';
import type { PlatformEnvironment } from '../../../src/config/schema.js';
import type { RenderedEnvironment } from '../../../src/synth/manifest.js';
import type { Platform } from '../../../src/synth/platform.js';

/** The platforms with the logs stack: the engine's and a site's. */
const PLATFORMS: Readonly<Record<string, Platform<PlatformEnvironment>>> = {
  ryax: RYAX as Platform<PlatformEnvironment>,
  'ryax-worker': RYAX_WORKER as Platform<PlatformEnvironment>,
};
const RYAX_ENVIRONMENTS = (await Promise.all(ENVIRONMENTS.map(loadedReal)))
  .filter((loaded) => PLATFORMS[loaded.platform.name] !== undefined)
  .map((loaded) => [loaded.env.name, PLATFORMS[loaded.platform.name]!] as const);

/** The logs stack's alert among those an environment renders. */
const logsAlertsOf = (env: RenderedEnvironment) => (env.alerts ?? []).filter((alert) => alert.alert === 'RyaxErrorsInLogs');

beforeAll(() => {
  if (!promtoolAvailable()) throw new Error('promtool is not installed: run scripts/ensure-promtool.sh (npm test does)');
});

describe.each(RYAX_ENVIRONMENTS)('%s', (name, platform) => {
  const text = readFileSync(`environments/${name}.yaml`, 'utf8');
  const render = (edited: string) => renderEnvironment(platform, parseEnvironment(platform, name, `environments/${name}.yaml`, edited), new Map());
  const withLogs = /^stacks: \[.*\blogs\b.*\]$/m.test(text) ? text : text.replace(/^stacks: \[(.*)\]$/m, 'stacks: [$1, logs]');

  test.each([
    ['as the file sets it', ''],
    ['with its threshold and for overridden', '  alerts:\n    RyaxErrorsInLogs: { threshold: 10, for: 5m }\n'],
  ])('promtool checks the rule and passes its test, %s', (_case, override) => {
    const env = render(withLogs.replace('  grafana:\n', `${override}  grafana:\n`));
    const objects = ruleObjects(env);
    expect(logsAlertsOf(env).map((alert) => [alert.alert, alert.threshold, alert.for])).toEqual([
      ['RyaxErrorsInLogs', override === '' ? 2 : 10, override === '' ? '2m' : '5m'],
    ]);
    expect(checkRules(objects.map((object) => ({ object, text: ruleFile([object]) })))).toEqual([]);
    const tests = alertTests(env.alerts ?? []);
    expect(untestedAlerts(objects, tests)).toEqual([]);
    const result = runAlertTests(objects, tests);
    expect({ passed: result.passed, output: result.passed ? '' : result.output }).toEqual({ passed: true, output: '' });
  });

  test('without the logs stack, no rule: nothing would make its counter', () => {
    const env = render(withLogs.replace(/^stacks: \[(.*)\]$/m, 'stacks: [traefik]'));
    expect(logsAlertsOf(env)).toEqual([]);
  });
});
