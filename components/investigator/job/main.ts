/** The image's entry point. */
import { investigatorProgram } from './program.js';

await investigatorProgram().parseAsync(process.argv);
