import { loadEnvironments } from '../config/load.js';
import { imageTags, planImages } from '../images/plan.js';
import { type CheckedEnvironment, checkRenderedEnvironment } from '../synth/check.js';
import { HelperThread, helpersShare } from '../synth/helper-thread.js';
import type { Platforms } from '../synth/platform.js';
import { renderEnvironment } from '../synth/render.js';
import { immutableFieldsSince } from '../validate/immutable-changes.js';

export interface CheckEnvironmentsOptions {
  /** Also compare each environment's folder of generated/ with its rendering (check). */
  readonly compare: boolean;
  /** A git ref: also find the changes since it that the API server refuses as updates. */
  readonly base?: string;
  /** The module of the helper thread (src/synth/helper-thread.ts), where the composition root has one. */
  readonly helperEntry?: URL;
}

/**
 * Loads (and so validates) the named environment files, all when `names` is empty, then renders and
 * checks one environment at a time, letting each rendering go once checked; with many environments,
 * the helper thread takes every other one. The results are in the environments' order.
 */
export async function checkEnvironments(
  platforms: Platforms,
  cwd: string,
  names: readonly string[],
  options: CheckEnvironmentsOptions,
): Promise<CheckedEnvironment[]> {
  const environments = await loadEnvironments(platforms, cwd, names);
  const images = imageTags(planImages());
  // Before any rendering, so that a --base that is no commit fails at once.
  const immutable = options.base === undefined ? undefined : immutableFieldsSince(cwd, options.base);
  const helper = options.helperEntry === undefined ? undefined : new HelperThread(options.helperEntry, cwd, images);
  const theirs = helpersShare(environments, helper !== undefined);
  const job = { compare: options.compare, ...(options.base === undefined ? {} : { base: options.base }) };
  const helping =
    theirs.length > 0
      ? helper!.check(
          theirs.map(({ env }) => env.name),
          job,
        )
      : undefined;
  // Its refusal is taken below, once this thread's share is checked, not as an unhandled rejection meanwhile.
  helping?.catch(() => {});
  const checked = new Map<string, CheckedEnvironment>();
  for (const loaded of environments) {
    if (theirs.includes(loaded)) continue;
    const { platform, env } = loaded;
    checked.set(env.name, await checkRenderedEnvironment(cwd, renderEnvironment(platform, env, images), { compare: options.compare, immutable }));
  }
  for (const each of (await helping) ?? []) checked.set(each.name, each);
  return environments.map(({ env }) => checked.get(env.name)!);
}
