/** What `check` proves of rendered environments, for the command and for deploy's preflight alike. */
import { planImages } from '../images/plan.js';
import type { Finding } from '../validate/findings.js';
import { validateEnvironments } from '../validate/index.js';
import { compareGenerated, type Drift } from './compare.js';
import type { RenderedEnvironment } from './manifest.js';

export interface CheckRenderedOptions {
  /** Whether promtool checks the alert rule groups. */
  readonly promtool: boolean;
  /** Whether folders of generated/ that belong to no environment rendered count as drift (all environments were). */
  readonly includeOtherEnvironments: boolean;
}

/** validate's findings, and the files of generated/ (the job images' included) that are not what the code renders. */
export async function checkRendered(
  cwd: string,
  rendered: readonly RenderedEnvironment[],
  options: CheckRenderedOptions,
): Promise<{ findings: Finding[]; drift: Drift }> {
  const findings = await validateEnvironments(rendered, { promtool: options.promtool });
  const drift = compareGenerated(cwd, rendered, planImages(), { includeOtherEnvironments: options.includeOtherEnvironments });
  return { findings, drift };
}
