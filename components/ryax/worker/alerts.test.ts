/**
 * A site's RyaxErrorsInLogs with the real promtool: it fires on its test series exactly when its `for`
 * has passed, also with its threshold overridden; and a site without the logs stack renders no rule,
 * since nothing would make its counter.
 */
import { readFileSync } from 'node:fs';
import { parseEnvironment } from '../../../src/config/load.js';
import { renderEnvironment } from '../../../src/synth/render.js';
import { alertTests, checkRules, promtoolAvailable, ruleFile, ruleObjects, runAlertTests, untestedAlerts } from '../../../src/validate/promtool.js';
import { RYAX_WORKER } from '../../../platforms/ryax-worker/platform.js';
import { ENVIRONMENTS, loadedReal } from '../../../test/helpers.js';

const SITES = (await Promise.all(ENVIRONMENTS.map(loadedReal))).filter((loaded) => loaded.platform.name === 'ryax-worker').map((loaded) => loaded.env.name);

beforeAll(() => {
  if (!promtoolAvailable()) throw new Error('promtool is not installed: run scripts/ensure-promtool.sh (npm test does)');
});

describe.each(SITES)('%s', (name) => {
  const text = readFileSync(`environments/${name}.yaml`, 'utf8');
  const render = (edited: string) => renderEnvironment(RYAX_WORKER, parseEnvironment(RYAX_WORKER, name, `environments/${name}.yaml`, edited), new Map());
  const withLogs = /^stacks: \[.*\blogs\b.*\]$/m.test(text) ? text : text.replace(/^stacks: \[(.*)\]$/m, 'stacks: [$1, logs]');

  test.each([
    ['as the file sets it', ''],
    ['with its threshold and for overridden', '  alerts:\n    RyaxErrorsInLogs: { threshold: 10, for: 5m }\n'],
  ])('promtool checks the rule and passes its test, %s', (_case, override) => {
    const env = render(withLogs.replace('  grafana:\n', `${override}  grafana:\n`));
    const objects = ruleObjects(env);
    expect((env.alerts ?? []).map((alert) => [alert.alert, alert.threshold, alert.for])).toEqual([
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
    expect(env.alerts ?? []).toEqual([]);
  });
});
