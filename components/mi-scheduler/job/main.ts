/** The image's entry point. */
import { miSchedulerProgram } from './program.js';

await miSchedulerProgram().parseAsync(process.argv);
// The run is over: nothing a library left behind (a kept-alive connection, a timer) keeps the process alive.
process.exit();
