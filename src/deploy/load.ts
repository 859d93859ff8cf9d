/** An environment as deploy and status need it: its file (validated), its rendering and the plan read from it. */
import { loadEnvironments } from '../config/load.js';
import type { PlatformEnvironment } from '../config/schema.js';
import { imageTags, planImages } from '../images/plan.js';
import type { RenderedEnvironment } from '../synth/manifest.js';
import type { Platform } from '../synth/platform.js';
import { renderEnvironment } from '../synth/render.js';
import { planDeploy, type DeployPlan } from './plan.js';

export async function loadPlan(
  platform: Platform,
  cwd: string,
  name: string,
): Promise<{ env: PlatformEnvironment; rendered: RenderedEnvironment; plan: DeployPlan }> {
  const [env] = await loadEnvironments(platform, cwd, [name]);
  const rendered = renderEnvironment(platform, env!, imageTags(planImages()));
  return { env: env!, rendered, plan: planDeploy(env!, rendered) };
}
