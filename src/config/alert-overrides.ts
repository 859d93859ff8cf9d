/**
 * Checks `monitoring.alerts` against the alerts that exist: an override of a misspelt alert would
 * be dropped without a word, and so would a threshold for an alert that compares with none.
 *
 * Each component declares its alerts as a function of the environment, next to the component
 * (components/<name>/alerts.ts), and the platform hands them in; they are read here by calling each
 * with the environment being loaded. test/config/alert-overrides.test.ts renders every component
 * and fails if an alert any of them renders is not declared.
 */
import type { Problem } from '../errors.js';
import type { AlertDefinition } from '../platform/alerts.js';
import type { AlertDeclaration } from '../synth/platform.js';
import { cronJobAlert } from '../platform/cronjob-alerts.js';
import type { PlatformEnvironment as Environment } from './schema.js';
import { show, suggest } from './schema-problems.js';
import type { YamlSource } from './yaml-source.js';

// One rule per CronJob, all of one name, which any CronJob declares.
const cronJobAlerts: AlertDeclaration = () => [cronJobAlert({ name: 'any', namespace: 'any', schedule: '@daily' })];

/** Every alert the platform's declarations can render for `env`, by name, whether or not its component is enabled. */
export function declaredAlerts(declarations: readonly AlertDeclaration[], env: Environment): ReadonlyMap<string, AlertDefinition> {
  return new Map([...declarations, cronJobAlerts].flatMap((declare) => declare(env)).map((definition) => [definition.alert, definition]));
}

/** Needs a valid environment (every tier placed): the declarations compute their namespaces. */
export function alertOverrideProblems(declarations: readonly AlertDeclaration[], source: YamlSource, env: Environment): Problem[] {
  const overrides = Object.entries(env.monitoring.alerts ?? {});
  if (overrides.length === 0) return [];
  const declared = declaredAlerts(declarations, env);
  const names = [...declared.keys()].sort();
  const problems: Problem[] = [];
  for (const [name, override] of overrides) {
    const definition = declared.get(name);
    if (definition === undefined) {
      const suggestion = suggest(name, names);
      const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
      problems.push(source.problemFor(['monitoring', 'alerts', name], `unknown alert ${show(name)}${hint}; the alerts are ${names.join(', ')}`, 'key'));
    } else if (override.threshold !== undefined && definition.threshold === undefined) {
      problems.push(
        source.problemFor(
          ['monitoring', 'alerts', name, 'threshold'],
          `${name} compares with no threshold, so this one would be ignored; override for or severity instead`,
        ),
      );
    }
  }
  return problems;
}
