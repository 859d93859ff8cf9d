import { checkedResult } from '../synth/check.js';
import { hasDrift, type Drift } from '../synth/compare.js';
import { GENERATED_DIR } from '../synth/paths.js';
import { EXIT, type Format, type Io } from './io.js';
import { checkEnvironments } from './check-environments.js';
import { githubError } from '../validate/report.js';
import { formatValidateReport, promtoolOrWarn } from './validate.js';
import type { Platforms } from '../synth/platform.js';

export interface CheckOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  /** Environments to check; empty checks all, and also finds folders of environments that no longer exist. */
  readonly env: readonly string[];
  readonly format: Format;
  /** The module of the helper thread (src/synth/helper-thread.ts), where the composition root has one. */
  readonly helperEntry?: URL;
}

/** Validates, then proves that generated/ holds exactly what the code renders. */
export async function check(options: CheckOptions, io: Io): Promise<number> {
  const checked = await checkEnvironments(options.platforms, options.cwd, options.env, {
    compare: true,
    ...(options.helperEntry === undefined ? {} : { helperEntry: options.helperEntry }),
  });
  const { findings, drift } = checkedResult(options.cwd, checked, { promtool: promtoolOrWarn(io), includeOtherEnvironments: options.env.length === 0 });
  if (options.format === 'json') {
    io.out(JSON.stringify({ findings, drift }, null, 2));
  } else {
    if (findings.length > 0) {
      const objects = checked.reduce((sum, each) => sum + each.checks.objects, 0);
      io.out(formatValidateReport({ environments: checked.map((each) => each.name), objects, findings }, options.format, io));
    }
    io.out(options.format === 'github' ? formatDriftGithub(drift) : formatDrift(drift));
  }
  return findings.length > 0 || hasDrift(drift) ? EXIT.findings : EXIT.ok;
}

/** Each stale file as an annotation; one line when there is none. */
function formatDriftGithub(drift: Drift): string {
  if (!hasDrift(drift)) return `${GENERATED_DIR}/ is up to date`;
  const annotate = (file: string, what: string) =>
    githubError(file, 'generated/ is stale', `${file} is ${what}; run npx thoth-gitops synth and commit the result`);
  return [
    ...drift.changed.map((file) => annotate(file, 'not what the code renders')),
    ...drift.missing.map((file) => annotate(file, 'missing')),
    ...drift.extra.map((file) => annotate(file, 'no longer rendered')),
  ].join('\n');
}

function formatDrift(drift: Drift): string {
  if (!hasDrift(drift)) return `${GENERATED_DIR}/ is up to date`;
  const lines = [`${GENERATED_DIR}/ differs from what the code renders; run \`npx thoth-gitops synth\` and commit the result:`];
  for (const file of drift.changed) lines.push(`  changed  ${file}`);
  for (const file of drift.missing) lines.push(`  missing  ${file}`);
  for (const file of drift.extra) lines.push(`  extra    ${file}`);
  return lines.join('\n');
}
