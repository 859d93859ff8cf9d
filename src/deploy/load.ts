/** An environment as deploy and status need it: its file (validated), its rendering and the plan read from it. */
import { loadEnvironments } from '../config/load.js';
import type { PlatformEnvironment } from '../config/schema.js';
import { imageTags, planImages } from '../images/plan.js';
import type { RenderedEnvironment } from '../synth/manifest.js';
import type { LoadedEnvironment, Platforms } from '../synth/platform.js';
import { renderEnvironment } from '../synth/render.js';
import { planDeploy, type DeployPlan } from './plan.js';

export async function loadPlan(
  platforms: Platforms,
  cwd: string,
  name: string,
): Promise<{ env: PlatformEnvironment; rendered: RenderedEnvironment; plan: DeployPlan }> {
  const [{ platform, env }] = (await loadEnvironments(platforms, cwd, [name])) as [LoadedEnvironment];
  const rendered = renderEnvironment(platform, env, imageTags(planImages()));
  return { env, rendered, plan: planDeploy(env, rendered) };
}
