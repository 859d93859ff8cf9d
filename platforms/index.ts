/**
 * The platforms this repository describes, by the name an environment file gives (`platform: <name>`):
 * the CLI, its helper thread and the cdk8s app serve the environments of all of them. Each platform
 * is imported when an environment of it is loaded, so that a command that needs none loads none.
 */
import type { Platform, Platforms } from '../src/synth/platform.js';

const LOADERS: Readonly<Record<string, () => Promise<Platform>>> = {
  thoth: async () => (await import('./thoth/platform.js')).THOTH as Platform,
  ryax: async () => (await import('./ryax/platform.js')).RYAX as Platform,
  'ryax-worker': async () => (await import('./ryax-worker/platform.js')).RYAX_WORKER as Platform,
};

export const PLATFORMS: Platforms = {
  names: Object.keys(LOADERS),
  load: (name) => {
    const load = LOADERS[name];
    if (load === undefined) throw new RangeError(`no platform ${name}; the platforms are ${Object.keys(LOADERS).join(', ')}`);
    return load();
  },
};
