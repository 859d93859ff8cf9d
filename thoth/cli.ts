/** What bin/bundle.js bundles: the thoth-gitops command and the cdk8s app, both for the Thoth platform. */
import { main as runCli } from '../src/cli/main.js';
import { THOTH } from './platform.js';

export { synthCdk8sApp } from './cdk8s.js';

export const main = (argv: readonly string[]): Promise<never> => runCli(THOTH, argv);
