/** The image's entry point. */
import { packageReleasesProgram } from './program.js';

await packageReleasesProgram().parseAsync(process.argv);
// The run is over: nothing a library left behind (a kept-alive connection, a timer) keeps the process alive.
process.exit();
