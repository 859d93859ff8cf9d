import { loadEnvironments } from '../config/load.js';
import { imageTags, planImages } from '../images/plan.js';
import { renderEnvironment } from '../synth/render.js';
import { GENERATED_DIR } from '../synth/paths.js';
import { writeGenerated } from '../synth/write.js';
import { EXIT, type Io } from './io.js';
import { countObjects } from './render-environments.js';
import type { Platform } from '../synth/platform.js';

export interface SynthOptions {
  readonly cwd: string;
  /** The platform whose environments these are (the composition root's). */
  readonly platform: Platform;
  /** Environments to render; empty renders all and removes folders of environments that no longer exist. */
  readonly env: readonly string[];
}

export async function synth(options: SynthOptions, io: Io): Promise<number> {
  // Every environment file is checked before any is rendered; each is rendered when it is written.
  const environments = await loadEnvironments(options.platform, options.cwd, options.env);
  const images = imageTags(planImages());
  const summaries: string[] = [];
  const result = writeGenerated(
    options.cwd,
    environments.map((env) => ({ name: env.name, render: () => renderEnvironment(options.platform, env, images) })),
    planImages(),
    {
      removeOtherEnvironments: options.env.length === 0,
      onRendered: (env) =>
        summaries.push(`${env.name}: ${countObjects(env)} objects in ${env.applications.length} applications → ${GENERATED_DIR}/${env.name}/`),
    },
  );
  for (const summary of summaries) io.out(summary);
  for (const build of planImages()) io.out(`${build.program.image}: image build → ${GENERATED_DIR}/images/${build.program.image}/ (tag ${build.tag})`);
  io.out(`${result.written} file(s) written, ${result.removed} removed, ${result.unchanged} unchanged`);
  for (const name of result.removedEnvironments) io.out(`${name}: removed ${GENERATED_DIR}/${name}/ (no environments/${name}.yaml)`);
  return EXIT.ok;
}
