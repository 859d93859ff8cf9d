/**
 * The cdk8s app of cdk8s.yaml (run by bin/cdk8s-app.js), for those who reach for `cdk8s synth`: every
 * environment's charts synthesized by cdk8s itself into CDK8S_OUTDIR (the CLI sets it; else dist/),
 * one file per chart, named `<index>-<application>.<env>.k8s.yaml`. generated/, which Argo CD syncs,
 * is written by `thoth-gitops synth` alone.
 */
import { App } from 'cdk8s';
import { loadEnvironments } from '../src/config/load.js';
import { UserError } from '../src/errors.js';
import { imageTags, planImages } from '../src/images/plan.js';
import { renderEnvironment } from '../src/synth/render.js';
import { PLATFORMS } from './index.js';

/** Returns the exit code: 1 with the problems on stderr when an environment file is wrong. */
export async function synthCdk8sApp(cwd: string, outdir = process.env.CDK8S_OUTDIR ?? 'dist'): Promise<number> {
  let environments;
  try {
    environments = await loadEnvironments(PLATFORMS, cwd);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const images = imageTags(planImages());
  for (const { platform, env } of environments) {
    const app = new App({ outdir, outputFileExtension: `.${env.name}.k8s.yaml` });
    renderEnvironment(platform, env, images, app);
    app.synth();
  }
  return 0;
}
