/** What bin/bundle.js bundles as the helper thread of synth, validate and check (src/synth/helper-thread.ts), for the Thoth platform. */
import { parentPort, workerData } from 'node:worker_threads';
import { type HelperTask, helpWith } from '../src/synth/helper-thread.js';
import { THOTH } from './thoth/platform.js';

parentPort?.postMessage(await helpWith(THOTH, workerData as HelperTask));
