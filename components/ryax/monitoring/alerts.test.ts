/**
 * The Ryax alerts as each environment renders them, with the real promtool: each fires on its test
 * series exactly when its `for` has passed, also with its threshold overridden by the environment.
 */
import { readFileSync } from 'node:fs';
import { parseEnvironment } from '../../../src/config/load.js';
import { renderEnvironment } from '../../../src/synth/render.js';
import { alertTests, checkRules, promtoolAvailable, ruleFile, ruleObjects, runAlertTests, untestedAlerts } from '../../../src/validate/promtool.js';
import { RYAX } from '../../../platforms/ryax/platform.js';

beforeAll(() => {
  if (!promtoolAvailable()) throw new Error('promtool is not installed: run scripts/ensure-promtool.sh (npm test does)');
});

describe.each(['ryax-dev', 'ryax-prod'])('%s', (name) => {
  const text = readFileSync(`environments/${name}.yaml`, 'utf8');
  const withLogs = /^stacks: \[.*\blogs\b.*\]$/m.test(text);
  const render = (edited = text) => renderEnvironment(RYAX, parseEnvironment(RYAX, name, `environments/${name}.yaml`, edited), new Map());

  test('promtool checks every rule group and passes every alert’s test', () => {
    const env = render();
    const objects = ruleObjects(env);
    expect((env.alerts ?? []).map((alert) => alert.alert)).toEqual([
      'RyaxContainerCpuUsage',
      'RyaxContainerVolumeUsage',
      'RyaxContainerVolumeIoUsage',
      'RyaxInstanceDown',
      // The logs stack's (./logs-alerts.test.ts).
      ...(withLogs ? ['RyaxErrorsInLogs'] : []),
    ]);
    expect(checkRules(objects.map((object) => ({ object, text: ruleFile([object]) })))).toEqual([]);
    const tests = alertTests(env.alerts ?? []);
    expect(untestedAlerts(objects, tests)).toEqual([]);
    const result = runAlertTests(objects, tests);
    expect({ passed: result.passed, output: result.passed ? '' : result.output }).toEqual({ passed: true, output: '' });
  });

  test('with every threshold overridden, each alert still fires on its own test and on nothing less', () => {
    const overridden = render(
      text.replace(
        '  grafana:\n',
        '  alerts:\n    RyaxContainerCpuUsage: { threshold: 50 }\n    RyaxContainerVolumeUsage: { threshold: 90 }\n    RyaxContainerVolumeIoUsage: { threshold: 5, for: 10m }\n  grafana:\n',
      ),
    );
    const alerts = overridden.alerts ?? [];
    expect(alerts.map((alert) => [alert.alert, alert.threshold ?? null, alert.for])).toEqual([
      ['RyaxContainerCpuUsage', 50, '15m'],
      ['RyaxContainerVolumeUsage', 90, '5m'],
      ['RyaxContainerVolumeIoUsage', 5, '10m'],
      ['RyaxInstanceDown', null, '5m'],
      ...(withLogs ? [['RyaxErrorsInLogs', 2, '2m']] : []),
    ]);
    const result = runAlertTests(ruleObjects(overridden), alertTests(alerts));
    expect({ passed: result.passed, output: result.passed ? '' : result.output }).toEqual({ passed: true, output: '' });
  });
});
