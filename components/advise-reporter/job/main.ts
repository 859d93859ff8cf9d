/** The image's entry point. */
import { adviseReporterProgram } from './program.js';

await adviseReporterProgram().parseAsync(process.argv);
// The run is over: nothing a library left behind (a kept-alive connection, a timer) keeps the process alive.
process.exit();
