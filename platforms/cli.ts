/**
 * What bin/bundle.js bundles: the thoth-gitops command and the cdk8s app, both for every platform
 * (./index.ts). Each platform and each command's code are imported when they are needed, so that the
 * bundle's entry holds little more than the command line (`--help` loads none of the rest).
 */
import { main as runCli } from '../src/cli/main.js';
import { PLATFORMS } from './index.js';

// bin/bundle.js bundles platforms/helper-worker.ts beside this module's bundle.
export const main = (argv: readonly string[]): Promise<never> => runCli(PLATFORMS, argv, { helper: new URL('./helper-worker.mjs', import.meta.url) });

export const synthCdk8sApp = async (cwd: string): Promise<number> => (await import('./cdk8s.js')).synthCdk8sApp(cwd);
