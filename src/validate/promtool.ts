/**
 * promtool, the Prometheus rule checker: `check rules` on every rendered rule group (from validate),
 * and `test rules` with unit tests generated from each alert's test series (from the test suite).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dump } from 'js-yaml';
import type { ResolvedAlert } from '../platform/alerts.js';
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';

export function promtoolAvailable(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function ruleObjects(env: RenderedEnvironment): RenderedObject[] {
  return objectsOf(env).filter((object) => object.manifest.kind === 'PrometheusRule');
}

/** The `groups:` document Prometheus loads, from PrometheusRule objects. */
export function ruleFile(objects: readonly RenderedObject[]): string {
  const groups = objects.flatMap((object) => (object.manifest.spec as { groups: unknown[] }).groups);
  return dump({ groups }, { lineWidth: -1, noRefs: true });
}

/**
 * `promtool check rules` on each rule file (`text`, made by ruleFile), in one process whatever their
 * number; messages for the files it rejects, each with what it came with (`T`: its object and, say,
 * its environment).
 */
export function checkRules<T extends { readonly text: string }>(entries: readonly T[]): (T & { message: string })[] {
  if (entries.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'thoth-rules-'));
  try {
    const files = entries.map(({ text }, index) => {
      const file = path.join(dir, `${index}.yaml`);
      writeFileSync(file, text);
      return file;
    });
    const result = spawnSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
    if (result.status === 0) return [];
    // promtool prints each error on stderr as "<file>: <line>:<column>: <message>".
    const errors = (result.stderr ?? '').split('\n');
    const problems = entries.flatMap((entry, index) =>
      errors
        .filter((line) => line.startsWith(`${files[index]}: `))
        .map((line) => ({
          ...entry,
          message: `promtool check rules: ${line
            .slice(files[index]!.length + 2)
            .replace(/\s*FAILED:\s*$/, '')
            .trim()}`,
        })),
    );
    if (problems.length > 0) return problems;
    // A failure promtool did not tie to a file (a crash, a bad flag) must not pass silently.
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.replace(/\s+/g, ' ').trim();
    return entries.map((entry) => ({ ...entry, message: `promtool check rules failed (exit ${result.status}): ${output}` }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds of a Prometheus duration such as 90s, 15m or 1h. */
function seconds(duration: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600 };
  return [...duration.matchAll(/(\d+)([smh])/g)].reduce((sum, [, value, unit]) => sum + Number(value) * units[unit!]!, 0);
}

/**
 * One promtool test case per alert: its series from the first minute; at the evaluation before its
 * `for` ends it must be silent, at the boundary it must fire with exactly its labels and annotations.
 */
export function alertTests(alerts: readonly ResolvedAlert[], rules = 'rules.yaml'): Record<string, unknown> {
  return {
    rule_files: [rules],
    evaluation_interval: '1m',
    tests: alerts.map((alert) => {
      const boundary = seconds(alert.for) + 60 * (alert.test.activeFromMinute ?? 0);
      return {
        interval: '1m',
        input_series: alert.test.series.map((each) => ({ series: each.series, values: each.values })),
        alert_rule_test: [
          { eval_time: `${boundary - 60}s`, alertname: alert.alert, exp_alerts: [] },
          {
            eval_time: `${boundary}s`,
            alertname: alert.alert,
            exp_alerts: [{ exp_labels: { ...alert.test.labels, ...alert.labels }, exp_annotations: { ...alert.annotations } }],
          },
        ],
      };
    }),
  };
}

/** Alerts of the rule objects that no test case checks firing. */
export function untestedAlerts(objects: readonly RenderedObject[], tests: Record<string, unknown>): string[] {
  const tested = new Set(
    ((tests.tests ?? []) as { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[]).flatMap((test) =>
      (test.alert_rule_test ?? []).filter((check) => check.exp_alerts.length > 0).map((check) => check.alertname),
    ),
  );
  const names = objects.flatMap((object) =>
    (object.manifest.spec as { groups: { rules: { alert?: string }[] }[] }).groups.flatMap((group) => group.rules.flatMap((rule) => rule.alert ?? [])),
  );
  return [...new Set(names)].filter((name) => !tested.has(name)).sort();
}

/** Runs `promtool test rules` on the alerts of an environment; returns promtool's output and whether it passed. */
export function runAlertTests(objects: readonly RenderedObject[], tests: Record<string, unknown>): { passed: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'thoth-alert-tests-'));
  try {
    writeFileSync(path.join(dir, 'rules.yaml'), ruleFile(objects));
    writeFileSync(path.join(dir, 'tests.yaml'), dump(tests, { lineWidth: -1, noRefs: true }));
    try {
      const output = execFileSync('promtool', ['test', 'rules', 'tests.yaml'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { passed: true, output };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { passed: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
