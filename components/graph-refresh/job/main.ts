/** The image's entry point. */
import { graphRefreshProgram } from './program.js';

await graphRefreshProgram().parseAsync(process.argv);
// The run is over: nothing a library left behind (a reconnect timer, a socket) keeps the process alive.
process.exit();
