/** What `check` proves of rendered environments, for the command and for deploy's preflight alike. */
import { planImages } from '../images/plan.js';
import type { Finding } from '../validate/findings.js';
import { checkEnvironment, combineChecks, type EnvironmentChecks } from '../validate/index.js';
import { type Drift, environmentDrift, joinDrift, otherDrift } from './compare.js';
import type { RenderedEnvironment } from './manifest.js';

export interface CheckRenderedOptions {
  /** Whether promtool checks the alert rule groups. */
  readonly promtool: boolean;
  /** Whether folders of generated/ that belong to no environment rendered count as drift (all environments were). */
  readonly includeOtherEnvironments: boolean;
}

/** One environment checked as soon as it is rendered, so that its rendering can be let go: plain data, from any thread. */
export interface CheckedEnvironment {
  readonly name: string;
  readonly checks: EnvironmentChecks;
  /** Its `immutable-field` warnings (validate --base), which no waiver waives. */
  readonly refused: readonly Finding[];
  /** How its folder of generated/ differs from the rendering, when compared. */
  readonly drift?: Drift;
}

export async function checkRenderedEnvironment(
  cwd: string,
  env: RenderedEnvironment,
  options: { readonly compare: boolean; readonly immutable?: ((env: RenderedEnvironment) => Finding[]) | undefined },
): Promise<CheckedEnvironment> {
  return {
    name: env.name,
    checks: await checkEnvironment(env),
    refused: options.immutable?.(env) ?? [],
    ...(options.compare ? { drift: environmentDrift(cwd, env) } : {}),
  };
}

/** validate's findings, and the files of generated/ (the job images' included) that are not what the code renders. */
export async function checkRendered(
  cwd: string,
  rendered: readonly RenderedEnvironment[],
  options: CheckRenderedOptions,
): Promise<{ findings: Finding[]; drift: Drift }> {
  const checked: CheckedEnvironment[] = [];
  for (const env of rendered) checked.push(await checkRenderedEnvironment(cwd, env, { compare: true }));
  return checkedResult(cwd, checked, options);
}

/** The findings and drift of checked environments, with the job images' builds and (with all environments) folders of none. */
export function checkedResult(cwd: string, checked: readonly CheckedEnvironment[], options: CheckRenderedOptions): { findings: Finding[]; drift: Drift } {
  const findings = combineChecks(
    checked.map((each) => each.checks),
    options,
  );
  const names = checked.map((each) => each.name);
  const drift = joinDrift([...checked.flatMap((each) => each.drift ?? []), otherDrift(cwd, names, planImages(), options)]);
  return { findings, drift };
}
