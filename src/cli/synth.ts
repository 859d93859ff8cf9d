import { loadEnvironments } from '../config/load.js';
import { imageTags, planImages } from '../images/plan.js';
import { renderEnvironment } from '../synth/render.js';
import { GENERATED_DIR } from '../synth/paths.js';
import { HelperThread } from '../synth/helper-thread.js';
import { writeGenerated } from '../synth/write.js';
import { EXIT, type Io } from './io.js';
import type { Platforms } from '../synth/platform.js';

export interface SynthOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  /** Environments to render; empty renders all and removes folders of environments that no longer exist. */
  readonly env: readonly string[];
  /** The module of the helper thread (src/synth/helper-thread.ts), where the composition root has one. */
  readonly helperEntry?: URL;
}

export async function synth(options: SynthOptions, io: Io): Promise<number> {
  // Every environment file is checked before any is rendered; each is rendered when it is written.
  const environments = await loadEnvironments(options.platforms, options.cwd, options.env);
  const images = imageTags(planImages());
  const result = await writeGenerated(
    options.cwd,
    environments.map(({ platform, env }) => ({ name: env.name, render: () => renderEnvironment(platform, env, images) })),
    planImages(),
    {
      removeOtherEnvironments: options.env.length === 0,
      ...(options.helperEntry === undefined ? {} : { helper: staging(new HelperThread(options.helperEntry, options.cwd, images)) }),
    },
  );
  for (const env of result.rendered) io.out(`${env.name}: ${env.objects} objects in ${env.applications} applications → ${GENERATED_DIR}/${env.name}/`);
  for (const build of planImages()) io.out(`${build.program.image}: image build → ${GENERATED_DIR}/images/${build.program.image}/ (tag ${build.tag})`);
  io.out(`${result.written} file(s) written, ${result.removed} removed, ${result.unchanged} unchanged`);
  for (const name of result.removedEnvironments) io.out(`${name}: removed ${GENERATED_DIR}/${name}/ (no environments/${name}.yaml)`);
  return EXIT.ok;
}

const staging = (helper: HelperThread) => (names: readonly string[], folder: string) => helper.stage(names, folder);
