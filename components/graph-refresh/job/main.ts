/** The image's entry point. */
import { graphRefreshProgram } from './program.js';

await graphRefreshProgram().parseAsync(process.argv);
