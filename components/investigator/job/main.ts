/** The image's entry point. */
import { investigatorProgram } from './program.js';

await investigatorProgram().parseAsync(process.argv);
// The run is over: nothing a library left behind (a reconnect timer, a socket) keeps the process alive.
process.exit();
