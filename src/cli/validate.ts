import { quotaUsage } from '../validate/admission/quota.js';
import { failed, formatGithub, formatText, type ValidateReport } from '../validate/report.js';
import { immutableFieldFindings } from '../validate/immutable-changes.js';
import { validateEnvironments } from '../validate/index.js';
import { promtoolAvailable } from '../validate/promtool.js';
import { EXIT, type Format, type Io } from './io.js';
import { countObjects } from '../synth/manifest.js';
import { renderEnvironments } from './render-environments.js';
import type { Platform } from '../synth/platform.js';

export interface ValidateOptions {
  readonly cwd: string;
  /** The platform whose environments these are (the composition root's). */
  readonly platform: Platform;
  /** Environments to validate; empty validates all. */
  readonly env: readonly string[];
  readonly format: Format;
  /** A git ref: also report the changes since it that the API server refuses as updates. */
  readonly base?: string;
}

/** Renders in memory and checks every object; the environment files are checked while loading. */
export async function runValidation(options: Pick<ValidateOptions, 'platform' | 'cwd' | 'env' | 'base'>, io: Io): Promise<ValidateReport> {
  const rendered = await renderEnvironments(options.platform, options.cwd, options.env);
  // Before the longer checks, so that a --base that is no commit fails at once.
  const refused = options.base === undefined ? [] : immutableFieldFindings(options.cwd, options.base, rendered);
  return {
    environments: rendered.map((env) => env.name),
    objects: rendered.reduce((sum, env) => sum + countObjects(env), 0),
    findings: [...(await validateEnvironments(rendered, { promtool: promtoolOrWarn(io) })), ...refused],
    quota: rendered.flatMap((env) => quotaUsage(env).usage),
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
