/** The image's entry point. */
import { workflowTasksProgram } from './program.js';

await workflowTasksProgram().parseAsync(process.argv);
// The step is over: nothing a library left behind (a reconnect timer, a socket) keeps the process alive.
process.exit();
