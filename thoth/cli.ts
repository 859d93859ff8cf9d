/** The thoth-gitops command for the Thoth platform: the entry bin/thoth-gitops.js bundles and runs. */
import { main as runCli } from '../src/cli/main.js';
import { THOTH } from './platform.js';

export const main = (argv: readonly string[]): Promise<never> => runCli(THOTH, argv);
