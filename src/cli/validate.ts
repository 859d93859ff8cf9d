import { failed, formatGithub, formatText, type ValidateReport } from '../validate/report.js';
import { combineChecks } from '../validate/index.js';
import { promtoolAvailable } from '../validate/promtool.js';
import { EXIT, type Format, type Io } from './io.js';
import { checkEnvironments } from './check-environments.js';
import type { Platforms } from '../synth/platform.js';

export interface ValidateOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  /** Environments to validate; empty validates all. */
  readonly env: readonly string[];
  readonly format: Format;
  /** A git ref: also report the changes since it that the API server refuses as updates. */
  readonly base?: string;
  /** The module of the helper thread (src/synth/helper-thread.ts), where the composition root has one. */
  readonly helperEntry?: URL;
}

/** Renders in memory and checks every object; the environment files are checked while loading. */
export async function runValidation(options: Pick<ValidateOptions, 'platforms' | 'cwd' | 'env' | 'base' | 'helperEntry'>, io: Io): Promise<ValidateReport> {
  const checked = await checkEnvironments(options.platforms, options.cwd, options.env, {
    compare: false,
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.helperEntry === undefined ? {} : { helperEntry: options.helperEntry }),
  });
  const findings = combineChecks(
    checked.map((each) => each.checks),
    { promtool: promtoolOrWarn(io) },
  );
  return {
    environments: checked.map((each) => each.name),
    objects: checked.reduce((sum, each) => sum + each.checks.objects, 0),
    findings: [...findings, ...checked.flatMap((each) => each.refused)],
    quota: checked.flatMap((each) => each.checks.quota),
  };
}

/** Whether promtool can check the rule groups; says so on stderr when it cannot. */
export function promtoolOrWarn(io: Io): boolean {
  if (promtoolAvailable()) return true;
  io.err('warning: promtool not found, so alert rule groups were not checked; scripts/ensure-promtool.sh installs it');
  return false;
}

export function formatValidateReport(report: ValidateReport, format: Format, io: Io): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'github') return formatGithub(report);
  return formatText(report, io.color === true);
}

export async function validate(options: ValidateOptions, io: Io): Promise<number> {
  const report = await runValidation(options, io);
  io.out(formatValidateReport(report, options.format, io));
  return failed(report) ? EXIT.findings : EXIT.ok;
}
