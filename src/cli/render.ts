/**
 * `render`: one environment's objects as a multi-document YAML stream on standard output, for
 * `kubectl apply -f -`, kubeconform or a look, without writing generated/.
 */
import { suggest } from '../config/schema-problems.js';
import { UserError } from '../errors.js';
import { syncWaveOf } from '../synth/manifest.js';
import { serialize, type RenderedApplication, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { EXIT, type Io } from './io.js';
import { renderEnvironments } from './render-environments.js';
import type { Platforms } from '../synth/platform.js';

export interface RenderOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  readonly env: string;
  /** Only this Argo CD Application's objects; default: every Application's. */
  readonly app?: string;
}

export async function render(options: RenderOptions, io: Io): Promise<number> {
  const [env] = await renderEnvironments(options.platforms, options.cwd, [options.env]);
  // Each document is the file synth writes, so the stream and generated/ never disagree.
  io.out(inApplyOrder(selectApplications(env!, options.app)).map(serialize).join('---\n'));
  return EXIT.ok;
}

function selectApplications(env: RenderedEnvironment, name: string | undefined): readonly RenderedApplication[] {
  if (name === undefined) return env.applications;
  const selected = env.applications.find((application) => application.name === name);
  if (selected !== undefined) return [selected];
  const known = env.applications.map((application) => application.name);
  const suggestion = suggest(name, known);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  throw new UserError(`unknown application "${name}"${hint}; applications of ${env.name}: ${known.join(', ')}`);
}

/**
 * In the order Argo CD syncs them, so that `kubectl apply -f -` meets a namespace before what goes
 * into it: applications by sync wave, then name; within one, objects by sync wave, then file.
 */
function inApplyOrder(applications: readonly RenderedApplication[]): RenderedObject[] {
  const byWaveThenName =
    <T>(wave: (item: T) => number, name: (item: T) => string) =>
    (a: T, b: T) =>
      wave(a) - wave(b) || compare(name(a), name(b));
  return [...applications]
    .sort(
      byWaveThenName(
        (application) => application.wave,
        (application) => application.name,
      ),
    )
    .flatMap((application) =>
      [...application.objects].sort(
        byWaveThenName(
          (object) => syncWaveOf(object.manifest),
          (object) => object.file,
        ),
      ),
    );
}

/** By code unit, which no locale changes. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
