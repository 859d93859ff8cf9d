import { loadEnvironments } from '../config/load.js';
import type { RenderedEnvironment } from '../synth/manifest.js';
import { renderEnvironment } from '../synth/render.js';
import { imageTags, planImages } from '../images/plan.js';
import type { Platforms } from '../synth/platform.js';

/** Loads (and so validates) the named environment files, all when `names` is empty, and renders them. */
export async function renderEnvironments(platforms: Platforms, cwd: string, names: readonly string[]): Promise<RenderedEnvironment[]> {
  const environments = await loadEnvironments(platforms, cwd, names);
  const images = imageTags(planImages());
  return environments.map(({ platform, env }) => renderEnvironment(platform, env, images));
}
