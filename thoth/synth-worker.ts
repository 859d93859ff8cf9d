/** What bin/bundle.js bundles as synth's helper thread (src/synth/helper-thread.ts), for the Thoth platform. */
import { parentPort, workerData } from 'node:worker_threads';
import { type HelperTask, helpStage } from '../src/synth/helper-thread.js';
import { THOTH } from './platform.js';

parentPort?.postMessage(await helpStage(THOTH, workerData as HelperTask));
